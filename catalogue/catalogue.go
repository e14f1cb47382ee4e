package catalogue

import (
	"fmt"
	"sort"

	"mittari/domain"
)

// Parts are the catalogue's tables as read from its files, before they are indexed and checked.
type Parts struct {
	SOs      []SpecificObjective
	Measures []Measure
	Actions  []Action
	// Allocations are the financial plan's rows of the specific objectives; the
	// technical-assistance row is TechnicalAssistance.
	Allocations         []Allocation
	TechnicalAssistance Allocation
	// PlanNote is the header of the financial plan's file; PlanDerived is true while the plan
	// holds derived or assumed values (not the adopted plan). Every export that shows the plan
	// repeats the note.
	PlanNote    string
	PlanDerived bool
	// Interventions are the Annex VI codes, ActionCodes every action's default codes; CodesNote
	// and DefaultsNote are the headers of their files.
	Interventions []InterventionCode
	ActionCodes   []ActionInterventions
	CodesNote     string
	DefaultsNote  string
	Calls         []CallAmount
	Indicators    []Indicator
	Rules         []ConsistencyRule
	Goals         []IndicatorGoal
	// NamesFI are the Finnish names of SOs, measures, actions and indicators (names_fi.csv).
	NamesFI []LocalName
	// Reporting says when the beneficiaries' reports are due (reporting.csv); ReportingNote is
	// its file's header, ReportingAssumed true while the deadlines are assumed, not those of
	// the grant decisions. Every page that judges reports late or missing repeats the note.
	Reporting        []ReportingDue
	ReportingNote    string
	ReportingAssumed bool
	// GoalsNote is the header of the milestones-and-targets file; it says whether the values are
	// the adopted ones or illustrative, and every report that shows them repeats it.
	GoalsNote string
	// GoalsIllustrative is true while the milestones and targets are not the adopted values.
	GoalsIllustrative bool
	// ResultMeasures say how each result indicator is measured (baseline, reference year, a
	// number or a share target); ResultsNote is their file's header, ResultsAssumed true while
	// they are assumptions. Publication is what the published lists need beyond the register.
	ResultMeasures []ResultMeasure
	ResultsNote    string
	ResultsAssumed bool
	Publication    Publication
	// APRHeadings are the headings of the annual performance report's tables (apr_headings.csv);
	// APRHeadingsNote is their file's header, APRHeadingsAssumed true while they are not the
	// template's own. Without any, the export's built-in headings stand.
	APRHeadings        []APRHeading
	APRHeadingsNote    string
	APRHeadingsAssumed bool
	// Hash identifies the catalogue's content (SHA-256 of its files) for run records.
	Hash string
}

// Catalogue is the checked, indexed programme catalogue. It is immutable once built.
type Catalogue struct {
	Parts
	actions    map[string]*Action
	indicators map[string]*Indicator
	goals      map[string]*IndicatorGoal
	applies    map[string]map[string]bool
	children   map[string][]string
	codes      map[[2]string]*InterventionCode
	defaults   map[string]*ActionInterventions
}

// New indexes parts and checks that they hang together: unique codes, every reference resolves,
// every indicator an action lists exists. It is the single place those invariants are enforced,
// whether the parts come from the embedded files or from a test.
func New(p Parts) (*Catalogue, error) {
	c := &Catalogue{
		Parts:      p,
		actions:    map[string]*Action{},
		indicators: map[string]*Indicator{},
		goals:      map[string]*IndicatorGoal{},
		applies:    map[string]map[string]bool{},
		children:   map[string][]string{},
		codes:      map[[2]string]*InterventionCode{},
		defaults:   map[string]*ActionInterventions{},
	}
	sos := map[domain.SO]bool{}
	for _, s := range p.SOs {
		if sos[s.SO] {
			return nil, fmt.Errorf("specific objective %d listed twice", s.SO)
		}
		sos[s.SO] = true
	}
	measures := map[string]bool{}
	for _, m := range p.Measures {
		if measures[m.Code] {
			return nil, fmt.Errorf("measure %s listed twice", m.Code)
		}
		if !sos[m.SO] {
			return nil, fmt.Errorf("measure %s: unknown specific objective %d", m.Code, m.SO)
		}
		measures[m.Code] = true
	}
	for i := range c.Parts.Indicators {
		ind := &c.Parts.Indicators[i]
		if _, dup := c.indicators[ind.Code]; dup {
			return nil, fmt.Errorf("indicator %s listed twice", ind.Code)
		}
		if !sos[ind.SO] {
			return nil, fmt.Errorf("indicator %s: unknown specific objective %d", ind.Code, ind.SO)
		}
		if ind.Kind != domain.KindOutput && ind.Kind != domain.KindResult {
			return nil, fmt.Errorf("indicator %s: kind %q is neither output nor result", ind.Code, ind.Kind)
		}
		c.indicators[ind.Code] = ind
	}
	for _, ind := range c.Parts.Indicators {
		if ind.Parent == "" {
			continue
		}
		parent, ok := c.indicators[ind.Parent]
		if !ok {
			return nil, fmt.Errorf("indicator %s: parent %s does not exist", ind.Code, ind.Parent)
		}
		if parent.SO != ind.SO {
			return nil, fmt.Errorf("indicator %s: parent %s is in another specific objective", ind.Code, ind.Parent)
		}
		c.children[ind.Parent] = append(c.children[ind.Parent], ind.Code)
	}
	for i := range c.Parts.Actions {
		a := &c.Parts.Actions[i]
		if _, dup := c.actions[a.Code]; dup {
			return nil, fmt.Errorf("action %s listed twice", a.Code)
		}
		if !sos[a.SO] {
			return nil, fmt.Errorf("action %s: unknown specific objective %d", a.Code, a.SO)
		}
		if a.Measure != "" && !measures[a.Measure] {
			return nil, fmt.Errorf("action %s: unknown measure %s", a.Code, a.Measure)
		}
		if a.CofinancingPct <= 0 || a.CofinancingPct > 100 {
			return nil, fmt.Errorf("action %s: co-financing rate %d %% is not between 1 and 100", a.Code, a.CofinancingPct)
		}
		set := map[string]bool{}
		for _, code := range a.Indicators {
			if _, ok := c.indicators[code]; !ok {
				return nil, fmt.Errorf("action %s lists indicator %s, which is not in the indicator list", a.Code, code)
			}
			set[code] = true
		}
		c.actions[a.Code] = a
		c.applies[a.Code] = set
	}
	for _, r := range p.Rules {
		for _, code := range []string{r.Lesser, r.Greater} {
			if _, ok := c.indicators[code]; !ok {
				return nil, fmt.Errorf("consistency rule %s names indicator %s, which is not in the indicator list", r.ID, code)
			}
		}
		if r.Severity != domain.SeverityError && r.Severity != domain.SeverityWarning {
			return nil, fmt.Errorf("consistency rule %s: severity %q is neither error nor warning", r.ID, r.Severity)
		}
	}
	for i := range c.Parts.Goals {
		g := &c.Parts.Goals[i]
		ind, ok := c.indicators[g.Indicator]
		if !ok {
			return nil, fmt.Errorf("milestones and targets: indicator %s is not in the indicator list", g.Indicator)
		}
		if g.Milestone2024 != nil && ind.Kind != domain.KindOutput {
			return nil, fmt.Errorf("milestones and targets: %s is a result indicator and has no milestone", g.Indicator)
		}
		if _, dup := c.goals[g.Indicator]; dup {
			return nil, fmt.Errorf("milestones and targets: indicator %s listed twice", g.Indicator)
		}
		c.goals[g.Indicator] = g
	}
	for _, al := range p.Allocations {
		if !sos[al.SO] {
			return nil, fmt.Errorf("allocation: unknown specific objective %d", al.SO)
		}
		if al.Amount < 0 {
			return nil, fmt.Errorf("allocation SO%d %s: negative amount", al.SO, al.SupportType)
		}
	}
	if err := c.checkShape(); err != nil {
		return nil, err
	}
	if err := c.indexInterventions(); err != nil {
		return nil, err
	}
	if err := c.checkResultMeasures(); err != nil {
		return nil, err
	}
	return c, nil
}

// Action returns the action with the given code.
func (c *Catalogue) Action(code string) (Action, bool) {
	a, ok := c.actions[code]
	if !ok {
		return Action{}, false
	}
	return *a, true
}

// Indicator returns the indicator with the given code.
func (c *Catalogue) Indicator(code string) (Indicator, bool) {
	i, ok := c.indicators[code]
	if !ok {
		return Indicator{}, false
	}
	return *i, true
}

// Applies says whether action lists indicator among those it must report.
func (c *Catalogue) Applies(action, indicator string) bool {
	return c.applies[action][indicator]
}

// Children lists the "of which" sub-indicators of an indicator, sorted.
func (c *Catalogue) Children(code string) []string {
	out := append([]string(nil), c.children[code]...)
	sort.Strings(out)
	return out
}

// Goal returns the milestone and target of an indicator, if the catalogue has them.
func (c *Catalogue) Goal(code string) (IndicatorGoal, bool) {
	g, ok := c.goals[code]
	if !ok {
		return IndicatorGoal{}, false
	}
	return *g, true
}

// Allocation is the allocation of a specific objective and support type (zero if none).
func (c *Catalogue) Allocation(so domain.SO, st domain.SupportType) domain.Cents {
	var sum domain.Cents
	for _, a := range c.Allocations {
		if a.SO == so && a.SupportType == st {
			sum += a.Amount
		}
	}
	return sum
}

// Plan is the financial plan's row of a specific objective and support type (the zero row, rate 0,
// when the plan has none).
func (c *Catalogue) Plan(so domain.SO, st domain.SupportType) Allocation {
	for _, a := range c.Allocations {
		if a.SO == so && a.SupportType == st {
			return a
		}
	}
	return Allocation{SO: so, SupportType: st}
}

// InterventionCode returns a code of an Annex VI dimension.
func (c *Catalogue) InterventionCode(dimension, code string) (InterventionCode, bool) {
	ic, ok := c.codes[[2]string{dimension, code}]
	if !ok {
		return InterventionCode{}, false
	}
	return *ic, true
}

// DefaultInterventions returns the default codes of an action's operations.
func (c *Catalogue) DefaultInterventions(action string) (ActionInterventions, bool) {
	d, ok := c.defaults[action]
	if !ok {
		return ActionInterventions{}, false
	}
	return *d, true
}

// RulesOfKind lists the consistency rules of one kind.
func (c *Catalogue) RulesOfKind(k RuleKind) []ConsistencyRule {
	var out []ConsistencyRule
	for _, r := range c.Rules {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}
