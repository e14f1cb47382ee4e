package catalogue

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"mittari/domain"
	"mittari/internal/errs"
)

// The files of the annual performance report's and the publications' assumptions.
const (
	// FileResultIndicators says how each result indicator is measured: its baseline, reference
	// year and the kind of its target.
	FileResultIndicators = "result_indicators.csv"
	// FilePublication holds what the list of operations (CPR Art 49(3)) and the open data need
	// beyond the register: the fund, the location, which beneficiaries are legal persons, and the
	// small-count rule.
	FilePublication = "publication.csv"
)

// TargetType says whether a result indicator's baseline or target is a number (of its
// measurement unit) or a share (per cent of the achieved value of a named output indicator).
type TargetType string

const (
	TargetNumber TargetType = "number"
	TargetShare  TargetType = "share"
)

// The SO 4 counts the annual performance report states by name (AMIF Art 35(2)).
const (
	SO4Resettled   = "resettled"
	SO4Admitted    = "admitted"
	SO4Transferred = "transferred"
)

// ResultMeasure is how one result indicator is measured, as the programme's table of result
// indicators gives it (SFC2021: baseline, measurement unit for baseline, reference year,
// measurement unit for target).
type ResultMeasure struct {
	Indicator string
	// Baseline is the value before the programme, in BaselineUnit (a count, or whole per cent).
	Baseline      int64
	BaselineUnit  TargetType
	ReferenceYear int
	// TargetType says whether the 2029 target is a number (target_2029 of
	// milestones_targets.csv) or a share: TargetSharePct per cent of the achieved value of the
	// output indicator Denominator.
	TargetType     TargetType
	Denominator    string
	TargetSharePct int
	// SO4Count names the count the annual performance report states for SO 4 (SO4Resettled,
	// SO4Admitted, SO4Transferred); "" for the other indicators.
	SO4Count string
	// Basis says what the row rests on ("assumed", or "adopted").
	Basis string
}

// Publication is what the published lists need beyond the register (publication.csv).
type Publication struct {
	// Fund is the fund the list of operations names (Art 49(3)(i)).
	Fund string
	// Country and Location are the country and the location indicator of every operation
	// (Art 49(3)(l)): the register holds no place of its own.
	Country, Location string
	// LegalPersonTypes are the beneficiary types that are legal persons: the list of operations
	// names their beneficiaries (Art 49(3)(a)); any other's name is not published.
	LegalPersonTypes []string
	// ProtectedUnits are the measurement units that count people: their small counts are
	// suppressed in the open data.
	ProtectedUnits []string
	// SmallCount: a count of people from 1 to SmallCount-1 is published as "<SmallCount". It is
	// 3 or more: with 2, every "<2" is exactly 1 and nothing could protect it.
	SmallCount int
	// Note is the file's statement of where the values come from; Assumed is true while they
	// are Mittari's assumptions rather than the managing authority's decisions.
	Note    string
	Assumed bool
}

// The status lines of result_indicators.csv and publication.csv.
const (
	statusAssumed = "assumed"
	statusAdopted = "adopted"
)

// ResultMeasure returns how result indicator code is measured.
func (c *Catalogue) ResultMeasure(code string) (ResultMeasure, bool) {
	for _, r := range c.ResultMeasures {
		if r.Indicator == code {
			return r, true
		}
	}
	return ResultMeasure{}, false
}

// checkResultMeasures holds result measures to the indicators they name: a measure is of a
// result indicator, a share's denominator is an output indicator, and a share names one.
func (c *Catalogue) checkResultMeasures() error {
	seen := map[string]bool{}
	for _, r := range c.ResultMeasures {
		ind, ok := c.indicators[r.Indicator]
		if !ok || ind.Kind != domain.KindResult {
			return fmt.Errorf("result measures: %s is not a result indicator of the indicator list", r.Indicator)
		}
		if seen[r.Indicator] {
			return fmt.Errorf("result measures: %s listed twice", r.Indicator)
		}
		seen[r.Indicator] = true
		if r.TargetType == TargetShare {
			d, ok := c.indicators[r.Denominator]
			if !ok || d.Kind != domain.KindOutput {
				return fmt.Errorf("result measures: %s is a share of %q, which is not an output indicator", r.Indicator, r.Denominator)
			}
		} else if r.Denominator != "" {
			return fmt.Errorf("result measures: %s has a number target and names denominator %s", r.Indicator, r.Denominator)
		}
	}
	return nil
}

func parseResultIndicators(p *Parts, t *table) error {
	status, note, err := t.header(statusAssumed, statusAdopted)
	if err != nil {
		return err
	}
	p.ResultsNote, p.ResultsAssumed = note, status == statusAssumed
	kinds := map[string]domain.IndicatorKind{}
	for _, ind := range p.Indicators {
		kinds[ind.Code] = ind.Kind
	}
	seen := map[string]bool{}
	so4 := map[string]bool{}
	cols := []string{"indicator", "baseline", "baseline_unit", "reference_year", "target_type", "denominator", "target_share_pct", "so4_count", "basis"}
	err = t.each(cols, func(get func(string) cell) error {
		r := ResultMeasure{Indicator: get("indicator").String()}
		if kinds[r.Indicator] != domain.KindResult {
			return get("indicator").fail("%q is not a result indicator of %s", r.Indicator, FileIndicators)
		}
		if seen[r.Indicator] {
			return get("indicator").fail("%s is listed twice", r.Indicator)
		}
		seen[r.Indicator] = true
		unit, err := get("baseline_unit").oneOf(string(TargetNumber), string(TargetShare))
		if err != nil {
			return err
		}
		r.BaselineUnit = TargetType(unit)
		baseline, err := get("baseline").count(false)
		if err != nil {
			return err
		}
		if r.Baseline = *baseline; r.BaselineUnit == TargetShare && r.Baseline > 100 {
			return get("baseline").fail("%d is a share above 100 per cent", r.Baseline)
		}
		year := get("reference_year").String()
		if r.ReferenceYear, err = strconv.Atoi(year); err != nil || r.ReferenceYear < 2000 || r.ReferenceYear > 2029 {
			return get("reference_year").fail("%q is not a year from 2000 to 2029", year)
		}
		kind, err := get("target_type").oneOf(string(TargetNumber), string(TargetShare))
		if err != nil {
			return err
		}
		r.TargetType = TargetType(kind)
		r.Denominator = get("denominator").String()
		share := get("target_share_pct").String()
		switch r.TargetType {
		case TargetShare:
			if kinds[r.Denominator] != domain.KindOutput {
				return get("denominator").fail("%q is not an output indicator of %s; a share target is a share of an output's achieved value", r.Denominator, FileIndicators)
			}
			if r.TargetSharePct, err = get("target_share_pct").pct(false); err != nil {
				return err
			}
		case TargetNumber:
			if r.Denominator != "" || share != "" {
				return get("denominator").fail("a number target has no denominator or target share; leave both empty (its target is target_2029 of %s)", FileMilestonesTargets)
			}
		}
		if r.SO4Count = get("so4_count").String(); r.SO4Count != "" {
			if _, err := get("so4_count").oneOf(SO4Resettled, SO4Admitted, SO4Transferred); err != nil {
				return err
			}
			if so4[r.SO4Count] {
				return get("so4_count").fail("%s is given to two indicators", r.SO4Count)
			}
			so4[r.SO4Count] = true
		}
		if r.Basis, err = get("basis").required(); err != nil {
			return err
		}
		if status == statusAdopted && r.Basis != statusAdopted {
			return get("basis").fail("%q: the file's status line says adopted, so every row's basis must be \"adopted\"", r.Basis)
		}
		p.ResultMeasures = append(p.ResultMeasures, r)
		return nil
	})
	if err != nil {
		return err
	}
	var missing []string
	for _, ind := range p.Indicators {
		if ind.Kind == domain.KindResult && !seen[ind.Code] {
			missing = append(missing, ind.Code)
		}
	}
	if len(missing) > 0 {
		return errs.E(opLoad, errs.Path(t.file), errs.Config,
			fmt.Sprintf("no row for the result indicator(s) %s; every result indicator of %s needs one", strings.Join(missing, ", "), FileIndicators))
	}
	return nil
}

// The settings of publication.csv.
const (
	settingFund             = "fund"
	settingCountry          = "country"
	settingLocation         = "location"
	settingLegalPersonTypes = "legal_person_types"
	settingProtectedUnits   = "protected_units"
	settingSmallCount       = "small_count"
)

func parsePublication(p *Parts, t *table) error {
	status, note, err := t.header(statusAssumed, statusAdopted)
	if err != nil {
		return err
	}
	pub := Publication{Note: note, Assumed: status == statusAssumed}
	units := map[string]bool{}
	for _, ind := range p.Indicators {
		units[ind.Unit] = true
	}
	seen := map[string]bool{}
	err = t.each([]string{"setting", "value", "basis"}, func(get func(string) cell) error {
		name, err := get("setting").oneOf(settingFund, settingCountry, settingLocation, settingLegalPersonTypes, settingProtectedUnits, settingSmallCount)
		if err != nil {
			return err
		}
		if seen[name] {
			return get("setting").fail("%s is given twice", name)
		}
		seen[name] = true
		if _, err := get("basis").required(); err != nil {
			return err
		}
		value, err := get("value").required()
		if err != nil {
			return err
		}
		switch name {
		case settingFund:
			pub.Fund = value
		case settingCountry:
			pub.Country = value
		case settingLocation:
			pub.Location = value
		case settingLegalPersonTypes:
			for _, v := range strings.Fields(value) {
				if !slices.Contains(domain.BeneficiaryTypes, domain.BeneficiaryType(v)) {
					return get("value").fail("%q is not a beneficiary type of the register", v)
				}
				pub.LegalPersonTypes = append(pub.LegalPersonTypes, v)
			}
		case settingProtectedUnits:
			for _, v := range strings.Fields(value) {
				if !units[v] {
					return get("value").fail("%q is the unit of no indicator of %s", v, FileIndicators)
				}
				pub.ProtectedUnits = append(pub.ProtectedUnits, v)
			}
		case settingSmallCount:
			n, err := strconv.Atoi(value)
			if err != nil || n < 3 || n > 100 {
				return get("value").fail("%q is not a whole number from 3 to 100", value)
			}
			pub.SmallCount = n
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range []string{settingFund, settingCountry, settingLocation, settingLegalPersonTypes, settingProtectedUnits, settingSmallCount} {
		if !seen[s] {
			return errs.E(opLoad, errs.Path(t.file), errs.Config, fmt.Sprintf("no row for the setting %s", s))
		}
	}
	p.Publication = pub
	return nil
}
