package ingest

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"mittari/catalogue"
	"mittari/domain"
)

// spillPartitions is how many partitions a run spills its versions into when it reads newBytes
// of new files: about spillInput of files each, so that a partition settled at the end of the
// run holds a few MiB however large the inbox.
func spillPartitions(newBytes int64) int {
	return int(min(max(newBytes/spillInput, 1), maxSpillPartitions))
}

// spillInput and maxSpillPartitions are variables for tests, which check that the number of
// partitions changes nothing.
var (
	spillInput         int64 = 8 << 20
	maxSpillPartitions int64 = 1024
)

// settle takes in the versions the run spilled, a partition at a time on every core: those
// received before (in the warehouse, or earlier in this run) are duplicates; the others are
// written, numbered, and checked against their project's other versions (resolveArrival, the
// cumulative checks). What it reports comes in the order one pass over the run's versions in
// the order they were taken would give.
func (r *run) settle(ctx context.Context) error {
	if err := r.spill.err; err != nil {
		return err
	}
	if err := r.reg.waitTargets(); err != nil {
		return err
	}
	r.sum.TargetsSHA256 = r.reg.TargetsSHA256
	if r.touched != nil {
		if err := r.state.loadProjects(r.touched); err != nil {
			return err
		}
		if err := r.reg.loadTargets(r.touched); err != nil {
			return err
		}
	}
	priorOf := map[string][]known{}
	for _, k := range r.state.knownList() {
		priorOf[k.version.Key.ProjectID] = append(priorOf[k.version.Key.ProjectID], k)
	}
	// The versions of partition p are numbered from first[p] on, one number per version
	// spilled: a duplicate leaves its number unused, so that partitions need not wait for
	// each other to know where to start.
	parts := len(r.spill.parts)
	first := make([]int64, parts)
	next := r.state.lastVersionID + 1
	for p := range first {
		first[p] = next
		next += int64(r.spill.records(p))
	}
	s := settler{r: r, priorOf: priorOf, resultRules: r.o.Catalogue.RulesOfKind(catalogue.ResultNotAboveOutput),
		writeTargets: r.reg.fromFile && r.reg.TargetsSHA256 != r.state.lastTargets}
	results := make([]settled, parts)
	var claimed atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), parts) {
		w := r.w.versionWriter(len(r.w.versions))
		wg.Add(1)
		go func() {
			defer wg.Done()
			var bufs [2][]byte
			for {
				p := int(claimed.Add(1) - 1)
				if p >= parts || ctx.Err() != nil {
					return
				}
				results[p] = s.partition(p, first[p], w, &bufs)
			}
		}()
	}
	wg.Wait()
	if ctx.Err() != nil {
		return interrupted(ctx) // stopped while it checked: nothing is committed
	}
	sum := r.sum
	for _, res := range results {
		if res.err != nil {
			return res.err
		}
		sum.ReportsDuplicate += res.duplicate
		sum.ReportsAccepted += res.accepted
		sum.ReportsRejected += res.rejected
		sum.ReportsIgnored += res.ignored
		r.reg.Findings = append(r.reg.Findings, res.targetFindings...)
	}
	return nil
}

// settler is what settling a partition reads; it is shared by the goroutines that settle.
type settler struct {
	r           *run
	priorOf     map[string][]known
	resultRules []catalogue.ConsistencyRule
	// writeTargets: the targets file is new to the warehouse, and its snapshot is written as
	// its partitions are indexed.
	writeTargets bool
}

// settled is what settling one partition counted (its findings go to the run's log as they
// are made, in the order of their kind, which settle's order does not change).
type settled struct {
	duplicate, accepted, rejected, ignored int
	// targetFindings are of targets that repeat an earlier line's (register findings).
	targetFindings []domain.Finding
	err            error
}

// partition settles partition p, numbering its new versions from first on and writing them
// (and the register's targets of the partition, when they are new) with w; bufs are reused for
// its records.
func (s *settler) partition(p int, first int64, w *versionWriter, bufs *[2][]byte) settled {
	r := s.r
	var res settled
	tdata, err := r.reg.targets.load(p, bufs[1])
	if err != nil {
		res.err = err
		return res
	}
	bufs[1] = tdata
	targets, kept, dups := r.reg.indexTargets(tdata)
	if r.reg.fromFile {
		res.targetFindings = dups
	}
	if s.writeTargets {
		w.targets(r.reg, targets, kept)
	}
	data, err := r.spill.load(p, bufs[0])
	if err != nil {
		res.err = err
		return res
	}
	bufs[0] = data
	var ids interned
	ts := make([]taken, 0, r.spill.records(p))
	for rest := data; len(rest) > 0; {
		var rec []byte
		rec, rest = nextRecord(rest)
		ts = append(ts, readTaken(rec, r.fileName, &ids))
	}
	// A project's versions in the order they were taken (the spill's), projects by id.
	order := make([]int32, len(ts))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(ts[a].key.ProjectID, ts[b].key.ProjectID) })
	id := first
	var mine []pending
	for start := 0; start < len(order); {
		project := ts[order[start]].key.ProjectID
		end := start
		for end < len(order) && ts[order[end]].key.ProjectID == project {
			end++
		}
		prior := s.priorOf[project]
		seen := newHashSeen(prior)
		mine = mine[:0]
		for _, i := range order[start:end] {
			t := &ts[i]
			f := r.files[t.file]
			if !seen.add(t.hash) {
				if !f.revalidated {
					res.duplicate++
				}
				continue
			}
			w.version(t, id, f.sha)
			id++
			if f.revalidated {
				if ws := r.revalidated[[2]int32{t.file, t.rep}]; len(ws) > 0 {
					w.warningsOf(f.sha, t.hash, ws)
					r.findings.addOrdered(foundRevalidated, takenTie(t.file, t.rep), ws...)
				}
			}
			mine = append(mine, t.pending())
		}
		start = end
		if len(mine) == 0 {
			continue
		}
		a, cumulative := checkProject(project, prior, mine, r.reg, targets, s.resultRules, r.o.TargetFactor)
		res.accepted, res.rejected, res.ignored = res.accepted+a.accepted, res.rejected+a.rejected, res.ignored+a.ignored
		for i, f := range a.findings {
			r.findings.addOrdered(foundArrival, versionTie(a.about[i]), f)
		}
		r.findings.addOrdered(foundCumulative, []byte(project), cumulative...)
	}
	if w.err != nil {
		res.err = w.err
	}
	return res
}

// fileName is the path of the run's file number i, as findings show it.
func (r *run) fileName(i int32) string { return r.files[i].rel }

// hashSeen is the hashes of one project's versions seen so far: a handful, which a slice
// scans faster than a map is built, unless the project has many.
type hashSeen struct {
	list []string
	set  map[string]bool
}

func newHashSeen(prior []known) hashSeen {
	var h hashSeen
	for _, k := range prior {
		h.add(k.version.Hash)
	}
	return h
}

// add adds hash and says whether it was not there.
func (h *hashSeen) add(hash string) bool {
	if h.set != nil {
		if h.set[hash] {
			return false
		}
		h.set[hash] = true
		return true
	}
	if slices.Contains(h.list, hash) {
		return false
	}
	h.list = append(h.list, hash)
	if len(h.list) > 32 {
		h.set = make(map[string]bool, 2*len(h.list))
		for _, x := range h.list {
			h.set[x] = true
		}
	}
	return true
}
