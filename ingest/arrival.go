package ingest

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

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
			return known{version: r.version, file: r.file, place: r.place.String()}
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

// checkArrivals is resolveArrival and cumulativeFindings over the projects of incoming, one
// project at a time: both depend only on a project's own versions (a version's hash covers its
// project), and resolving a million versions at once costs far more in maps and sorting than a
// few at a time. The findings come in the order the whole-set calls would give: arrival
// findings in the order ResolveInForce takes their versions, then cumulative ones by project.
func checkArrivals(prior []known, incoming *pendingList, reg *Register, cat *catalogue.Catalogue, factor float64) (arrival, []domain.Finding) {
	priorOf := map[string][]known{}
	for _, k := range prior {
		priorOf[k.version.Key.ProjectID] = append(priorOf[k.version.Key.ProjectID], k)
	}
	// Indexes of incoming by project, each project's in incoming's order; cut into one range
	// of whole projects per core, checked in parallel and joined in order, which gives what
	// one pass over them would.
	order := incoming.byProject()
	resultRules := cat.RulesOfKind(catalogue.ResultNotAboveOutput)
	parts := splitByProject(incoming, order, runtime.GOMAXPROCS(0))
	type result struct {
		a          arrival
		cumulative []domain.Finding
	}
	results := make([]result, len(parts))
	var wg sync.WaitGroup
	for w, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[w].a, results[w].cumulative = checkProjects(priorOf, incoming, part, reg, resultRules, factor)
		}()
	}
	wg.Wait()
	var total arrival
	var cumulative []domain.Finding
	for _, r := range results {
		total.accepted += r.a.accepted
		total.rejected += r.a.rejected
		total.ignored += r.a.ignored
		total.findings = append(total.findings, r.a.findings...)
		total.about = append(total.about, r.a.about...)
		cumulative = append(cumulative, r.cumulative...)
	}
	byVersion := make([]int, len(total.findings))
	for i := range byVersion {
		byVersion[i] = i
	}
	sort.SliceStable(byVersion, func(i, j int) bool {
		a, b := total.about[byVersion[i]], total.about[byVersion[j]]
		if !a.SubmittedAt.Equal(b.SubmittedAt) {
			return a.SubmittedAt.Before(b.SubmittedAt)
		}
		return a.Hash < b.Hash
	})
	sorted := arrival{accepted: total.accepted, rejected: total.rejected, ignored: total.ignored}
	for _, i := range byVersion {
		sorted.add(total.about[i], total.findings[i])
	}
	return sorted, cumulative
}

// splitByProject cuts order (incoming's indexes grouped by project) into at most n ranges of
// about equal length that do not split a project.
func splitByProject(incoming *pendingList, order []int32, n int) [][]int32 {
	var parts [][]int32
	for len(order) > 0 {
		cut := min(len(order), max(1, len(order)/max(1, n-len(parts))))
		for cut < len(order) && incoming.project(int(order[cut])) == incoming.project(int(order[cut-1])) {
			cut++
		}
		parts = append(parts, order[:cut])
		order = order[cut:]
	}
	return parts
}

// checkProjects is resolveArrival and cumulativeFindings over the versions order lists, one
// project at a time.
func checkProjects(priorOf map[string][]known, incoming *pendingList, order []int32, reg *Register, resultRules []catalogue.ConsistencyRule, factor float64) (arrival, []domain.Finding) {
	var total arrival
	var cumulative []domain.Finding
	var mine []pending
	for start := 0; start < len(order); {
		id := incoming.project(int(order[start]))
		mine = mine[:0]
		end := start
		for ; end < len(order) && incoming.project(int(order[end])) == id; end++ {
			mine = append(mine, incoming.at(int(order[end])))
		}
		start = end
		p := incoming.projectName(int(order[end-1]))
		a, inForce := resolveArrival(priorOf[p], mine)
		total.accepted += a.accepted
		total.rejected += a.rejected
		total.ignored += a.ignored
		total.findings = append(total.findings, a.findings...)
		total.about = append(total.about, a.about...)
		cumulative = append(cumulative, cumulativeFindings(inForce, priorOf[p], mine, reg, resultRules, factor)...)
	}
	return total, cumulative
}

func isNewHash(m map[string]pending, h string) bool { _, ok := m[h]; return ok }

// cumulativeFindings checks, for the projects in touched, the sums over the reports in force:
// a result above the output it follows, and a value above factor × the project's target.
//
// A finding is placed at the newest incoming report in force that carries the indicator, so that
// it points at the report that most likely needs a second look.
//
// inForce is what domain.ResolveInForce puts in force of prior and incoming together (as
// resolveArrival returns it); resultRules is cat.RulesOfKind(catalogue.ResultNotAboveOutput).
func cumulativeFindings(inForce map[domain.ReportKey]domain.Version, prior []known, incoming []pending, reg *Register, resultRules []catalogue.ConsistencyRule, factor float64) []domain.Finding {
	if factor <= 0 {
		factor = DefaultTargetFactor
	}
	items := make(map[string][]itemCount, len(prior)+len(incoming))
	for _, k := range prior {
		items[k.version.Hash] = k.items
	}
	for _, r := range incoming {
		items[r.version.Hash] = r.items
	}
	isInForce := make(map[string]bool, len(inForce))
	for _, v := range inForce {
		isInForce[v.Hash] = true
	}
	touched := map[string][]*pending{}
	for i := range incoming {
		r := &incoming[i]
		touched[r.version.Key.ProjectID] = append(touched[r.version.Key.ProjectID], r)
	}
	placeOf := func(project, code string) domain.Place {
		var best *pending
		for _, r := range touched[project] {
			if !isInForce[r.version.Hash] || !hasItem(r.items, code) {
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
	// Sums by interned code: a few dozen per project, summed over a million versions.
	sums := map[string]map[uint32]int64{}
	for _, v := range inForce {
		if _, ok := touched[v.Key.ProjectID]; !ok {
			continue
		}
		s := sums[v.Key.ProjectID]
		if s == nil {
			s = map[uint32]int64{}
			sums[v.Key.ProjectID] = s
		}
		for _, c := range items[v.Hash] {
			s[c.id] = addCounts(s[c.id], c.value)
		}
	}
	table := codes.Load()
	sum := func(s map[uint32]int64, code string) int64 {
		if id, ok := table.ids[code]; ok {
			return s[id]
		}
		return 0
	}
	var out []domain.Finding
	projects := make([]string, 0, len(sums))
	for p := range sums {
		projects = append(projects, p)
	}
	sort.Strings(projects)
	for _, p := range projects {
		s := sums[p]
		for _, r := range resultRules {
			if lesser, greater := sum(s, r.Lesser), sum(s, r.Greater); lesser > greater {
				f := RuleResultAbove.at(placeOf(p, r.Lesser), strconv.FormatInt(lesser, 10),
					"project %s has reported %s = %d in total, above %s = %d (catalogue rule %s); expected a result not to exceed its output, check both", p, r.Lesser, lesser, r.Greater, greater, r.ID)
				f.Severity, f.Report = r.Severity, p
				out = append(out, f)
			}
		}
		project, known := reg.byID[p]
		ids := make([]uint32, 0, len(s))
		for id := range s {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b uint32) int { return strings.Compare(table.list[a], table.list[b]) })
		for _, id := range ids {
			c := table.list[id]
			at, ok := reg.targetOf[targetKey{project, id}]
			t := at.value
			if v := s[id]; known && ok && float64(v) > factor*float64(t) {
				f := RuleTargetExceeded.at(placeOf(p, c), strconv.FormatInt(v, 10),
					"project %s has reported %s = %d in total, more than %.2g × its target %d; check for values reported cumulatively instead of per period", p, c, v, factor, t)
				f.Report = p
				out = append(out, f)
			}
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
