package charts

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/metrics"
)

// RunInfo is what the page says about the run that produced it.
type RunInfo struct {
	ID   string
	AsOf time.Time
	// Files and reports taken in by this run's ingest.
	FilesRead       int
	FilesAccepted   int
	FilesRejected   int
	ReportsAccepted int
	ReportsRejected int
}

// Input is everything the report shows.
type Input struct {
	Results   *metrics.Results
	Catalogue *catalogue.Catalogue
	Run       RunInfo
	// Findings are ingest's findings: errors (which rejected a report or file) and warnings.
	Findings []domain.Finding
}

// maxFindingRows bounds each findings table so that a broken batch of files cannot make the page
// too heavy to open; the run record keeps the full list.
const maxFindingRows = 500

// WriteReport renders the report and writes it to path atomically (a reader sees the previous
// page or the new one, never half of one).
func WriteReport(path string, in Input) error {
	const op errs.Op = "charts.WriteReport"
	var b bytes.Buffer
	if err := render(&b, in, echartsJS); err != nil {
		return errs.E(op, errs.Path(path), errs.Internal, err)
	}
	if err := atomicfile.WriteBytes(path, b.Bytes()); err != nil {
		return errs.E(op, errs.Path(path), errs.IO, err)
	}
	return nil
}

// page is the view model of the template: every figure already formatted as text.
type page struct {
	Run             RunInfo
	AsOf            string
	Latest          string
	LatestVersion   string // the SFC2021 version of the latest cut-off's transmission
	IndicatorCutoff string
	// MilestoneCheck is the cut-off whose value the 2024 milestone is compared with.
	MilestoneCheck    string
	Cutoffs           int
	GoalsIllustrative bool
	GoalsNote         string
	// PlanDerived and PlanNote say that the financial plan behind the allocations holds derived
	// or assumed values, and which.
	PlanDerived      bool
	PlanNote         string
	SOs              []soSection
	Financial        *figure
	FinancialRows    []financialRow
	Consistency      []metrics.ConsistencyFinding
	OlderConsistency int
	Completeness     []completenessRow
	Changes          []changeRow
	PreviousRun      string
	PreviousAsOf     string
	Errors, Warnings findingTable
	Figures          []figure
	EchartsJS        template.JS
}

type soSection struct {
	SO         domain.SO
	Name       string
	Goals      *figure
	Path       *figure
	Indicators []indicatorRow
}

type indicatorRow struct {
	Code, Name, Kind, Unit     string
	Selected, Achieved         int64
	Milestone, Target          string
	MilestonePct, TargetPct    string
	Projected, OnTrack, Method string
}

type financialRow struct {
	SO                                                      domain.SO
	SupportType                                             string
	Operations                                              int64
	Eligible, EU, Declared, Allocation, Absorption, EUShare string
	Total                                                   bool
}

type completenessRow struct {
	SO                       domain.SO
	Expected, Received, Late int64
	Missing                  string
}

type changeRow struct {
	Cutoff, Figure, Before, After, Reports string
	SO                                     domain.SO
}

type findingTable struct {
	Rows    []domain.Finding
	Omitted int
}

func render(w io.Writer, in Input, echarts string) error {
	res := in.Results
	if res == nil {
		res = &metrics.Results{}
	}
	p := page{
		Run:               in.Run,
		Cutoffs:           len(res.Cutoffs),
		GoalsIllustrative: res.GoalsIllustrative,
		GoalsNote:         res.GoalsNote,
		PlanDerived:       res.PlanDerived,
		PlanNote:          res.PlanNote,
		EchartsJS:         template.JS(echarts),
	}
	if !in.Run.AsOf.IsZero() {
		p.AsOf = in.Run.AsOf.UTC().Format("2006-01-02 15:04 UTC")
	}
	latest, hasLatest := latestCutoff(res.Cutoffs)
	if hasLatest {
		p.Latest = latest.String()
		p.LatestVersion = latest.Version()
	}
	indCutoff, hasInd := latestIndicatorCutoff(res.Indicators)
	if hasInd {
		p.IndicatorCutoff = indCutoff.String()
		if err := p.addSOSections(res, in.Catalogue, indCutoff); err != nil {
			return err
		}
	}
	if hasLatest {
		if err := p.addFinancial(res, latest); err != nil {
			return err
		}
		p.addFindings(res, latest)
	}
	p.addChanges(res)
	p.PreviousRun = res.PreviousRun
	if !res.PreviousAsOf.IsZero() {
		p.PreviousAsOf = res.PreviousAsOf.UTC().Format("2006-01-02 15:04 UTC")
	}
	p.addIngestFindings(in.Findings)
	return pageTemplate.Execute(w, p)
}

func latestCutoff(cs []domain.Cutoff) (domain.Cutoff, bool) {
	if len(cs) == 0 {
		return domain.Cutoff{}, false
	}
	return slices.MaxFunc(cs, func(a, b domain.Cutoff) int { return cmp.Compare(a.Date, b.Date) }), true
}

func latestIndicatorCutoff(rows []metrics.IndicatorValue) (domain.Cutoff, bool) {
	if len(rows) == 0 {
		return domain.Cutoff{}, false
	}
	return slices.MaxFunc(rows, func(a, b metrics.IndicatorValue) int { return cmp.Compare(a.Cutoff.Date, b.Cutoff.Date) }).Cutoff, true
}

func (p *page) addSOSections(res *metrics.Results, cat *catalogue.Catalogue, c domain.Cutoff) error {
	bySO := map[domain.SO][]metrics.IndicatorValue{}
	history := map[string][]metrics.IndicatorValue{}
	// The 2024 milestone is judged on the value at the end of 2024, not on a later one.
	check := domain.MilestoneCheck(c)
	atCheck := map[string]int64{}
	for _, v := range res.Indicators {
		if v.Cutoff == c {
			bySO[v.SO] = append(bySO[v.SO], v)
		}
		if v.Cutoff == check {
			atCheck[v.Indicator] = v.Achieved
		}
		history[v.Indicator] = append(history[v.Indicator], v)
	}
	p.MilestoneCheck = check.String()
	for _, h := range history {
		slices.SortFunc(h, func(a, b metrics.IndicatorValue) int { return cmp.Compare(a.Cutoff.Date, b.Cutoff.Date) })
	}
	proj := map[string]metrics.Projection{}
	for _, pr := range res.Projections {
		if pr.Cutoff == c {
			proj[pr.Indicator] = pr
		}
	}
	sos := make([]domain.SO, 0, len(bySO))
	for so := range bySO {
		sos = append(sos, so)
	}
	slices.Sort(sos)
	for _, so := range sos {
		rows := bySO[so]
		slices.SortFunc(rows, func(a, b metrics.IndicatorValue) int { return metrics.CompareIndicatorCodes(a.Indicator, b.Indicator) })
		sec := soSection{SO: so, Name: soName(cat, so)}
		goals, err := goalsFigure(so, c, rows)
		if err != nil {
			return err
		}
		sec.Goals = p.add(goals)
		if main := mainIndicators(cat, rows); len(main) > 0 {
			path, drawn, err := pathFigure(so, main, history, proj)
			if err != nil {
				return err
			}
			if drawn {
				sec.Path = p.add(path)
			}
		}
		for _, v := range rows {
			r := indicatorRow{Code: v.Indicator, Kind: string(v.Kind), Unit: v.Unit,
				Selected: v.Selected, Achieved: v.Achieved}
			if cat != nil {
				ind, _ := cat.Indicator(v.Indicator)
				r.Name = ind.NameEN
			}
			if v.Milestone2024 != nil {
				r.Milestone = strconv.FormatInt(*v.Milestone2024, 10)
				if a, ok := atCheck[v.Indicator]; ok {
					r.MilestonePct = percent(a, *v.Milestone2024)
				}
			}
			if v.Target2029 != nil {
				r.Target = strconv.FormatInt(*v.Target2029, 10)
				r.TargetPct = percent(v.Achieved, *v.Target2029)
			}
			if pr, ok := proj[v.Indicator]; ok {
				r.Projected = strconv.FormatInt(pr.Projected, 10)
				r.Method = strings.TrimSpace(pr.Method + ". " + pr.Explanation)
				r.Method = strings.Trim(r.Method, ". ")
				if pr.Target2029 != nil {
					r.OnTrack = map[bool]string{true: "on track", false: "behind"}[pr.OnTrack]
				}
			}
			sec.Indicators = append(sec.Indicators, r)
		}
		p.SOs = append(p.SOs, sec)
	}
	return nil
}

func soName(cat *catalogue.Catalogue, so domain.SO) string {
	if cat != nil {
		for _, s := range cat.SOs {
			if s.SO == so {
				return s.NameEN
			}
		}
	}
	return ""
}

// add registers a figure so that its script is emitted once, after the echarts library.
func (p *page) add(f figure) *figure {
	p.Figures = append(p.Figures, f)
	return &f
}

func (p *page) addFinancial(res *metrics.Results, c domain.Cutoff) error {
	var rows, totals []metrics.FinancialValue
	for _, v := range res.Financial {
		if v.Cutoff == c {
			rows = append(rows, v)
			if v.SupportType == "all" {
				totals = append(totals, v)
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	slices.SortFunc(rows, func(a, b metrics.FinancialValue) int {
		if x := cmp.Compare(a.SO, b.SO); x != 0 {
			return x
		}
		return domain.CompareSupportTypes(a.SupportType, b.SupportType)
	})
	slices.SortFunc(totals, func(a, b metrics.FinancialValue) int { return cmp.Compare(a.SO, b.SO) })
	for _, v := range rows {
		p.FinancialRows = append(p.FinancialRows, financialRow{
			SO: v.SO, SupportType: v.SupportType, Operations: v.SelectedOperations,
			Eligible: v.EligibleCost.String(), EU: v.EUContribution.String(),
			Declared: v.Declared.String(), Allocation: v.Allocation.String(),
			Absorption: percent(int64(v.Declared), int64(v.Allocation)),
			EUShare:    percent(int64(v.EUContribution), int64(v.Allocation)),
			Total:      v.SupportType == "all",
		})
	}
	if len(totals) > 0 {
		f, err := financialFigure(c, totals)
		if err != nil {
			return err
		}
		p.Financial = p.add(f)
	}
	return nil
}

// addFindings lists the consistency findings and the completeness of reporting at the latest
// cut-off; older cut-offs' findings are counted, as they have been shown by earlier reports.
func (p *page) addFindings(res *metrics.Results, c domain.Cutoff) {
	for _, f := range res.Consistency {
		if f.Cutoff == c {
			p.Consistency = append(p.Consistency, f)
		} else {
			p.OlderConsistency++
		}
	}
	slices.SortStableFunc(p.Consistency, func(a, b metrics.ConsistencyFinding) int {
		if x := cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)); x != 0 {
			return x
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	for _, cp := range res.Completeness {
		if cp.Cutoff != c {
			continue
		}
		missing := slices.Clone(cp.Missing)
		slices.Sort(missing)
		p.Completeness = append(p.Completeness, completenessRow{SO: cp.SO, Expected: cp.Expected,
			Received: cp.Received, Late: cp.Late, Missing: strings.Join(missing, ", ")})
	}
	slices.SortFunc(p.Completeness, func(a, b completenessRow) int { return cmp.Compare(a.SO, b.SO) })
}

func severityRank(s domain.Severity) int {
	if s == domain.SeverityError {
		return 0
	}
	return 1
}

func (p *page) addChanges(res *metrics.Results) {
	for _, ch := range res.Changes {
		p.Changes = append(p.Changes, changeRow{Cutoff: ch.Cutoff.String(), SO: ch.SO, Figure: ch.Figure,
			Before: ch.Before, After: ch.After, Reports: strings.Join(ch.Reports, "; ")})
	}
	slices.SortStableFunc(p.Changes, func(a, b changeRow) int {
		return cmp.Or(strings.Compare(b.Cutoff, a.Cutoff), cmp.Compare(a.SO, b.SO), metrics.CompareIndicatorCodes(a.Figure, b.Figure))
	})
}

func (p *page) addIngestFindings(fs []domain.Finding) {
	sorted := slices.Clone(fs)
	slices.SortStableFunc(sorted, func(a, b domain.Finding) int {
		return cmp.Or(strings.Compare(a.Place.File, b.Place.File), strings.Compare(a.Report, b.Report),
			cmp.Compare(a.Place.Line, b.Place.Line), strings.Compare(a.Place.String(), b.Place.String()))
	})
	for _, f := range sorted {
		t := &p.Warnings
		if f.Severity == domain.SeverityError {
			t = &p.Errors
		}
		if len(t.Rows) < maxFindingRows {
			t.Rows = append(t.Rows, f)
		} else {
			t.Omitted++
		}
	}
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"place": func(p domain.Place) string { return p.String() },
	"so": func(so domain.SO) string {
		if so == 0 {
			return "TA" // the technical-assistance row of the financial plan
		}
		return fmt.Sprintf("SO%d", so)
	},
}).Parse(pageHTML))
