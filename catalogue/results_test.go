package catalogue

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"mittari/domain"
	"mittari/internal/errs"
)

// TestResultMeasures reads the embedded result_indicators.csv, publication.csv and
// apr_headings.csv back.
func TestResultMeasures(t *testing.T) {
	c := defaultCatalogue(t)
	if !c.ResultsAssumed || !strings.Contains(c.ResultsNote, "ASSUMED") {
		t.Errorf("result measures: assumed %v, note %q; the file says it holds assumptions", c.ResultsAssumed, c.ResultsNote)
	}
	r, ok := c.ResultMeasure("R.2.8")
	if want := (ResultMeasure{Indicator: "R.2.8", Baseline: 0, BaselineUnit: TargetShare, ReferenceYear: 2021, TargetType: TargetShare,
		Denominator: "O.2.3.1", TargetSharePct: 50, Basis: "assumed"}); !ok || r != want {
		t.Errorf("R.2.8 = %+v, %v; want %+v", r, ok, want)
	}
	var so4 []string
	for _, ind := range c.Indicators {
		m, ok := c.ResultMeasure(ind.Code)
		if ind.Kind == domain.KindResult && !ok {
			t.Errorf("result indicator %s has no measure", ind.Code)
		}
		if m.SO4Count != "" {
			so4 = append(so4, ind.Code+" "+m.SO4Count)
		}
	}
	if want := []string{"R.4.3 transferred", "R.4.4 resettled", "R.4.5 admitted"}; !slices.Equal(so4, want) {
		t.Errorf("SO 4 counts %v, want %v", so4, want)
	}
	if h, ok := c.APRHeading("financial", "eligible_cost_eur"); !c.APRHeadingsAssumed || !ok || h.TitleSV == "" ||
		!strings.Contains(c.APRHeadingsNote, "2023/169") || len(c.APRHeadings) < 60 {
		t.Errorf("APR headings: assumed %v, %d rows, eligible_cost_eur %+v (%v), note %q", c.APRHeadingsAssumed, len(c.APRHeadings), h, ok, c.APRHeadingsNote)
	}
	p := c.Publication
	if p.Fund != "AMIF" || p.Country != "FI" || p.SmallCount != 5 || !p.Assumed ||
		!slices.Equal(p.ProtectedUnits, []string{"participants", "persons", "families"}) || len(p.LegalPersonTypes) != len(domain.BeneficiaryTypes) {
		t.Errorf("publication settings = %+v", p)
	}
}

func TestResultMeasureErrors(t *testing.T) {
	base := programmeFiles(t)
	at := func(file, line string, col int) string {
		return file + ":" + strconv.Itoa(lineOf(t, base[file], line)) + ":" + strconv.Itoa(col)
	}
	cases := []struct {
		name, file string
		edit       func(string) string
		where      string
		want       string
	}{
		{"an output indicator", FileResultIndicators, replace("R.3.7,0,", "O.3.3,0,"),
			at(FileResultIndicators, "R.3.7,0,", 1), `"O.3.3" is not a result indicator`},
		{"a result left out", FileResultIndicators, replace("R.3.8,0,number,2021,number,,,,assumed\n", ""),
			FileResultIndicators, "no row for the result indicator(s) R.3.8"},
		{"a share of a result", FileResultIndicators, replace("R.2.8,0,share,2021,share,O.2.3.1,", "R.2.8,0,share,2021,share,R.2.9,"),
			at(FileResultIndicators, "R.2.8,0,", 6), `"R.2.9" is not an output indicator`},
		{"a share without its percentage", FileResultIndicators, replace("O.2.3.1,50,", "O.2.3.1,,"),
			at(FileResultIndicators, "R.2.8,0,", 7), `target_share_pct: "" is not a rate`},
		{"a number with a denominator", FileResultIndicators, replace("R.3.6,0,number,2021,number,,", "R.3.6,0,number,2021,number,O.3.3,"),
			at(FileResultIndicators, "R.3.6,0,", 6), "a number target has no denominator"},
		{"a share baseline above 100", FileResultIndicators, replace("R.1.5,0,share", "R.1.5,101,share"),
			at(FileResultIndicators, "R.1.5,", 2), "a share above 100 per cent"},
		{"a year out of range", FileResultIndicators, replace("R.1.7,0,number,2021", "R.1.7,0,number,1999"),
			at(FileResultIndicators, "R.1.7,0,", 4), `"1999" is not a year`},
		{"an SO 4 count twice", FileResultIndicators, replace(",,transferred,", ",,resettled,"),
			at(FileResultIndicators, "R.4.4,0,", 8), "resettled is given to two indicators"},
		{"adopted with an assumed row", FileResultIndicators, replace("# status: assumed", "# status: adopted"),
			at(FileResultIndicators, "R.1.5,0,", 9), `every row's basis must be "adopted"`},
		{"an unknown beneficiary type", FilePublication, replace("ngo university other", "ngo university person"),
			at(FilePublication, "legal_person_types,", 2), `"person" is not a beneficiary type`},
		{"a unit of no indicator", FilePublication, replace("participants persons families", "participants people"),
			at(FilePublication, "protected_units,", 2), `"people" is the unit of no indicator`},
		{"a threshold of one", FilePublication, replace("small_count,5,", "small_count,1,"),
			at(FilePublication, "small_count,", 2), `"1" is not a whole number from 3 to 100`},
		{"a sheet the report does not have", FileAPRHeadings, replace("so4_persons,count,", "so4,count,"),
			at(FileAPRHeadings, "so4_persons,count,", 1), `table: "so4" is not one of progress, financial, so4_persons, issues`},
		{"a column given twice", FileAPRHeadings, replace("progress,period_end,", "progress,period_start,"),
			at(FileAPRHeadings, "progress,period_end,", 2), "the column period_start of the table progress has a row already"},
		{"a heading left empty", FileAPRHeadings, replace(",Räkenskapsåret till\n", ",\n"),
			at(FileAPRHeadings, "progress,period_end,", 4), "title_sv: empty; a value is required"},
		{"a setting left out", FilePublication, replace("fund,AMIF,Regulation (EU) 2021/1147: the Asylum Migration and Integration Fund\n", ""),
			FilePublication, "no row for the setting fund"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := programmeFiles(t)
			files[tc.file] = tc.edit(files[tc.file])
			_, err := Load(mapFS(files))
			if err == nil {
				t.Fatal("Load accepted the broken catalogue")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tc.where) || !strings.Contains(msg, tc.want) || !errs.Is(errs.Config, err) {
				t.Errorf("error %q, want one at %s saying %q (kind config)", msg, tc.where, tc.want)
			}
		})
	}
}

// TestNewChecksResultMeasures: catalogues made in code are held to the same references.
func TestNewChecksResultMeasures(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    ResultMeasure
		want string
	}{
		{"an output", ResultMeasure{Indicator: "O.1.1", TargetType: TargetNumber}, "O.1.1 is not a result indicator"},
		{"a share of nothing", ResultMeasure{Indicator: "R.1.5", TargetType: TargetShare, Denominator: "O.9.9"}, `share of "O.9.9"`},
		{"a number with a denominator", ResultMeasure{Indicator: "R.1.5", TargetType: TargetNumber, Denominator: "O.1.2"}, "names denominator O.1.2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := defaultCatalogue(t).Parts
			p.ResultMeasures = []ResultMeasure{tc.m}
			if _, err := New(p); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
