package ingest

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mittari/catalogue"
	"mittari/domain"
)

// known is a version already received (in the warehouse, or elsewhere in the inbox for
// validate), with where it came from and its items, for messages and cumulative checks.
type known struct {
	version domain.Version
	file    string
	place   string
	items   []itemCount // indicator counts
}

// arrival is the outcome of taking incoming versions in on top of prior ones.
type arrival struct {
	findings []domain.Finding
	// about[i] is the version findings[i] is about, which orders findings as ResolveInForce
	// takes versions.
	about    []domain.Version
	accepted int // row-valid and not rejected for overlap
	rejected int // rejected for overlap
	ignored  int // older than a version already in force
}

func describe(k known) string {
	return fmt.Sprintf("%s submitted %s (%s)", k.version.Key, k.version.SubmittedAt.Format("2006-01-02T15:04:05Z07:00"), k.place)
}

// resolveArrival applies domain.ResolveInForce to the prior versions and to prior plus incoming,
// and reports what the incoming ones did: a period overlapping a report in force is an error
// naming it; a version older than one already in force before is ignored with a warning; a prior
// version that the newcomers push out by overlap is reported too. incoming must not repeat a
// prior hash.
func resolveArrival(prior []known, incoming []pending) (arrival, map[domain.ReportKey]domain.Version) {
	var a arrival
	priorInfo := make(map[string]known, len(prior))
	before := make([]domain.Version, 0, len(prior))
	for _, k := range prior {
		priorInfo[k.version.Hash] = k
		before = append(before, k.version)
	}
	after := append(make([]domain.Version, 0, len(prior)+len(incoming)), before...)
	newcomer := make(map[string]pending, len(incoming))
	for _, r := range incoming {
		newcomer[r.version.Hash] = r
		after = append(after, r.version)
	}
	// info is what a message says of a version; a newcomer's place is written out only for
	// the few messages that name it.
	info := func(h string) known {
		if r, ok := newcomer[h]; ok {
			return known{version: r.version, file: r.file, place: placeText(r.place)}
		}
		return priorInfo[h]
	}
	wasInForce := map[string]bool{}
	if len(before) > 0 {
		_, dBefore := domain.ResolveInForce(before)
		for _, d := range dBefore {
			if d.Outcome == domain.InForce {
				wasInForce[d.Version.Hash] = true
			}
		}
	}
	inForce, dAfter := domain.ResolveInForce(after)
	for _, d := range dAfter {
		h := d.Version.Hash
		r, isNew := newcomer[h]
		switch {
		case isNew && d.Outcome == domain.RejectedOverlap:
			a.rejected++
			f := RulePeriodOverlap.at(r.place, fmt.Sprintf("%s..%s", r.version.Key.PeriodStart, r.version.Key.PeriodEnd),
				"the period overlaps report %s, which is in force; expected periods of one project not to overlap (correct the period, or resend that report)", describe(info(d.By.Hash)))
			f.Report = fmt.Sprintf("%s submitted %s", r.version.Key, r.subText)
			a.add(d.Version, f)
		case isNew && d.Outcome == domain.Superseded && !isNewHash(newcomer, d.By.Hash):
			a.ignored++
			f := RuleOlderIgnored.at(r.place, r.subText,
				"this version was submitted before version %s, which is already in force; it is kept but ignored", describe(info(d.By.Hash)))
			f.Report = fmt.Sprintf("%s submitted %s", r.version.Key, r.subText)
			a.add(d.Version, f)
		case isNew:
			a.accepted++
		case wasInForce[h] && d.Outcome == domain.RejectedOverlap:
			k := info(h)
			f := RulePeriodOverlap.at(domain.Place{File: k.file}, fmt.Sprintf("%s..%s", k.version.Key.PeriodStart, k.version.Key.PeriodEnd),
				"report %s, in force until now, overlaps report %s, which was submitted earlier and has just arrived; it is no longer in force", describe(k), describe(info(d.By.Hash)))
			f.Report = k.version.Key.String()
			a.add(d.Version, f)
		}
	}
	return a, inForce
}

func (a *arrival) add(v domain.Version, f domain.Finding) {
	a.findings = append(a.findings, f)
	a.about = append(a.about, v)
}

// checkProject is resolveArrival and cumulativeFindings for one project: its versions received
// before (prior) and those new to it (incoming). Both depend only on a project's own versions (a
// version's hash covers its project), and resolving a million versions at once costs far more
// in maps and sorting than a few at a time.
func checkProject(project string, prior []known, incoming []pending, reg *Register, targets targetIndex, resultRules []catalogue.ConsistencyRule, factor float64) (arrival, []domain.Finding) {
	a, inForce := resolveArrival(prior, incoming)
	return a, cumulativeFindings(project, inForce, prior, incoming, reg, targets, resultRules, factor)
}

// checkArrivals is checkProject for every project of incoming, in the order the whole-set
// calls would give (arrivalOrder, cumulativeOrder).
func checkArrivals(prior []known, incoming []pending, reg *Register, targets targetIndex, cat *catalogue.Catalogue, factor float64) (arrival, []domain.Finding) {
	priorOf := map[string][]known{}
	for _, k := range prior {
		priorOf[k.version.Key.ProjectID] = append(priorOf[k.version.Key.ProjectID], k)
	}
	byProject := map[string][]pending{}
	var projects []string
	for _, p := range incoming {
		id := p.version.Key.ProjectID
		if byProject[id] == nil {
			projects = append(projects, id)
		}
		byProject[id] = append(byProject[id], p)
	}
	resultRules := cat.RulesOfKind(catalogue.ResultNotAboveOutput)
	var total arrival
	var cumulative []projectFindings
	for _, id := range projects {
		a, c := checkProject(id, priorOf[id], byProject[id], reg, targets, resultRules, factor)
		total.merge(a)
		cumulative = append(cumulative, projectFindings{id, c})
	}
	return arrivalOrder(total), cumulativeOrder(cumulative)
}

// merge adds b's findings and counts to a.
func (a *arrival) merge(b arrival) {
	a.accepted += b.accepted
	a.rejected += b.rejected
	a.ignored += b.ignored
	a.findings = append(a.findings, b.findings...)
	a.about = append(a.about, b.about...)
}

// arrivalOrder puts the findings of a in the order ResolveInForce takes their versions: by
// submission, then hash (a version has at most one arrival finding, so no two tie).
func arrivalOrder(a arrival) arrival {
	byVersion := make([]int, len(a.findings))
	for i := range byVersion {
		byVersion[i] = i
	}
	sort.SliceStable(byVersion, func(i, j int) bool {
		x, y := a.about[byVersion[i]], a.about[byVersion[j]]
		if !x.SubmittedAt.Equal(y.SubmittedAt) {
			return x.SubmittedAt.Before(y.SubmittedAt)
		}
		return x.Hash < y.Hash
	})
	sorted := arrival{accepted: a.accepted, rejected: a.rejected, ignored: a.ignored}
	for _, i := range byVersion {
		sorted.add(a.about[i], a.findings[i])
	}
	return sorted
}

// projectFindings are the cumulative findings of one project, in the order they were made.
type projectFindings struct {
	project  string
	findings []domain.Finding
}

// cumulativeOrder is the cumulative findings by project id, each project's in their order.
func cumulativeOrder(ps []projectFindings) []domain.Finding {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].project < ps[j].project })
	var out []domain.Finding
	for _, p := range ps {
		out = append(out, p.findings...)
	}
	return out
}

func isNewHash(m map[string]pending, h string) bool { _, ok := m[h]; return ok }

// cumulativeFindings checks, for one project, the sums over its reports in force: a result
// above the output it follows, and a value above factor × the project's target.
//
// A finding is placed at the newest incoming report in force that carries the indicator, so that
// it points at the report that most likely needs a second look.
//
// inForce is what domain.ResolveInForce puts in force of prior and incoming together (as
// resolveArrival returns it), all of project; targets holds the project's targets; resultRules is
// cat.RulesOfKind(catalogue.ResultNotAboveOutput). It runs for every project a run touches,
// so it keeps its few versions and sums in slices rather than maps.
func cumulativeFindings(project string, inForce map[domain.ReportKey]domain.Version, prior []known, incoming []pending, reg *Register, targets targetIndex, resultRules []catalogue.ConsistencyRule, factor float64) []domain.Finding {
	if len(incoming) == 0 || len(inForce) == 0 {
		return nil
	}
	if factor <= 0 {
		factor = DefaultTargetFactor
	}
	var byHash map[string][]itemCount // when there are many versions to look through
	if len(prior)+len(incoming) > 32 {
		byHash = make(map[string][]itemCount, len(prior)+len(incoming))
		for _, k := range prior {
			byHash[k.version.Hash] = k.items
		}
		for _, r := range incoming {
			byHash[r.version.Hash] = r.items
		}
	}
	itemsOf := func(hash string) []itemCount {
		if byHash != nil {
			return byHash[hash]
		}
		for i := range incoming {
			if incoming[i].version.Hash == hash {
				return incoming[i].items
			}
		}
		for i := range prior {
			if prior[i].version.Hash == hash {
				return prior[i].items
			}
		}
		return nil
	}
	inForceNow := func(v domain.Version) bool { return inForce[v.Key].Hash == v.Hash }
	placeOf := func(code string) domain.Place {
		var best *pending
		for i := range incoming {
			r := &incoming[i]
			if !inForceNow(r.version) || !hasItem(r.items, code) {
				continue
			}
			if best == nil || r.version.SubmittedAt.After(best.version.SubmittedAt) {
				best = r
			}
		}
		if best == nil {
			return domain.Place{File: ProjectsFile}
		}
		return best.place
	}
	// Sums by interned code: a few dozen a project.
	type codeSum struct {
		id    uint32
		value int64
	}
	var sums []codeSum
	for _, v := range inForce {
		for _, c := range itemsOf(v.Hash) {
			k := slices.IndexFunc(sums, func(s codeSum) bool { return s.id == c.id })
			if k < 0 {
				k = len(sums)
				sums = append(sums, codeSum{id: c.id})
			}
			sums[k].value = addCounts(sums[k].value, c.value)
		}
	}
	table := codes.Load()
	sum := func(code string) int64 {
		if id, ok := table.ids[code]; ok {
			if k := slices.IndexFunc(sums, func(s codeSum) bool { return s.id == id }); k >= 0 {
				return sums[k].value
			}
		}
		return 0
	}
	var out []domain.Finding
	for _, r := range resultRules {
		if lesser, greater := sum(r.Lesser), sum(r.Greater); lesser > greater {
			f := RuleResultAbove.at(placeOf(r.Lesser), strconv.FormatInt(lesser, 10),
				"project %s has reported %s = %d in total, above %s = %d (catalogue rule %s); expected a result not to exceed its output, check both", project, r.Lesser, lesser, r.Greater, greater, r.ID)
			f.Severity, f.Report = r.Severity, project
			out = append(out, f)
		}
	}
	p, known := reg.lookup(project)
	if !known {
		return out
	}
	slices.SortFunc(sums, func(a, b codeSum) int { return strings.Compare(table.list[a.id], table.list[b.id]) })
	for _, s := range sums {
		at, ok := targets[targetKey{p, s.id}]
		if t := at.value; ok && float64(s.value) > factor*float64(t) {
			c := table.list[s.id]
			f := RuleTargetExceeded.at(placeOf(c), strconv.FormatInt(s.value, 10),
				"project %s has reported %s = %d in total, more than %.2g × its target %d; check for values reported cumulatively instead of per period", project, c, s.value, factor, t)
			f.Report = project
			out = append(out, f)
		}
	}
	return out
}

// addCounts adds two counts without wrapping round: ingest bounds every count
// (domain.MaxCount), so that no sum comes near the limit of int64, but a warehouse written before
// the bounds may hold larger ones, and a sum that wrapped would turn a warning into silence.
func addCounts(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

func hasItem(items []itemCount, code string) bool {
	for _, it := range items {
		if it.code() == code {
			return true
		}
	}
	return false
}
