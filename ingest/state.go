package ingest

import (
	"sort"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// state is what the warehouse already holds that a run needs: the file hashes seen and the
// hashes of the latest register snapshots. The versions (key, place, indicator counts) are
// loaded only for the projects a run touches (loadProjects): whether a version was received
// before, its arrival outcome and the cumulative checks are per project (a version's hash
// covers its project), and reading every row of a large warehouse to take in one report would
// make a nightly run as slow as the first.
type state struct {
	root  string
	files map[string]bool
	// stamps is, by inbox path, the size, modification time and hash of the file last read
	// there: a file that still has that size and time is not hashed again.
	stamps       map[string]fileStamp
	versions     map[string]*known // those loaded, by hash
	loaded       map[string]bool   // projects whose versions are in versions
	lastProjects string
	// lastVersionID is the largest version_id committed: this run numbers its versions on.
	lastVersionID int64
	lastTargets   string
	// projectsRun and targetsRun are the runs that wrote those snapshots.
	projectsRun, targetsRun string
	// paths names each report file by hash, as the file system has the name; registerRejected
	// marks the files that have a report rejected by a rule that depends on the register, for
	// re-validation.
	paths            map[string]string
	registerRejected map[string]bool
}

// fileStamp is what identifies a file read before without reading it again.
type fileStamp struct {
	size    int64
	modTime time.Time // microseconds, as stored
	sha     string
}

// registerRules are the report rules whose verdict changes when the register does.
var registerRules = map[string]bool{RuleProjectUnknown.ID: true, RuleProjectCancel.ID: true, RulePeriodOutside.ID: true}

func loadState(root string) (*state, error) {
	s := &state{root: root, files: map[string]bool{}, stamps: map[string]fileStamp{}, versions: map[string]*known{}, loaded: map[string]bool{},
		paths: map[string]string{}, registerRejected: map[string]bool{}}
	if root == "" {
		return s, nil
	}
	// Runs are read in id order, so the last register row seen is of the latest snapshot.
	err := warehouse.Read(root, warehouse.TableFiles, func(run string, r warehouse.FileRow) error {
		switch {
		case r.Outcome != OutcomeRegister:
			raw := r.Path
			if r.PathRaw != nil {
				raw = string(r.PathRaw)
			}
			s.files[r.SHA256] = true
			s.paths[r.SHA256] = raw
			if !r.ModTime.IsZero() {
				s.stamps[raw] = fileStamp{size: r.Size, modTime: r.ModTime, sha: r.SHA256}
			}
		case r.Path == ProjectsFile:
			s.lastProjects, s.projectsRun = r.SHA256, run
		case r.Path == TargetsFile:
			s.lastTargets, s.targetsRun = r.SHA256, run
		}
		return nil
	})
	if err != nil {
		return nil, errs.E(errs.Op("ingest.loadState"), errs.Path(root), err)
	}
	if s.lastVersionID, err = warehouse.MaxVersionID(root); err != nil {
		return nil, err
	}
	err = warehouse.QuarantinedFiles(root, func(rule []byte) bool { return registerRules[string(rule)] },
		func(sha string) { s.registerRejected[sha] = true })
	if err != nil {
		return nil, err
	}
	return s, nil
}

// loadProjects loads in full the warehouse's versions of the given projects (those not loaded
// yet): key, submission time, where they came from, and their indicator counts.
func (s *state) loadProjects(projects map[string]bool) error {
	want := map[string]bool{}
	for p := range projects {
		if !s.loaded[p] {
			want[p] = true
			s.loaded[p] = true
		}
	}
	if len(want) == 0 || s.root == "" {
		return nil
	}
	fresh := map[string]*known{}
	// Each stored copy of a version has its own id; the items of any one copy are the version's.
	byID := map[int64]*known{}
	err := warehouse.VersionsOf(s.root, func(b []byte) bool { return want[string(b)] }, func(r warehouse.ReportVersionRow) {
		if fresh[r.VersionHash] != nil {
			return // another copy: its items are the same
		}
		k := &known{
			version: domain.Version{Key: domain.ReportKey{ProjectID: r.ProjectID, PeriodStart: domain.Date(r.PeriodStart), PeriodEnd: domain.Date(r.PeriodEnd)},
				SubmittedAt: r.SubmittedAt, Hash: r.VersionHash},
			file: r.SourceFile, place: r.Place,
		}
		fresh[r.VersionHash] = k
		s.versions[r.VersionHash] = k
		byID[r.VersionID] = k
	})
	if err != nil || len(fresh) == 0 {
		return err
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	return warehouse.CountsOf(s.root, ids, func(id int64, item []byte, value int64) {
		k := byID[id]
		k.items = append(k.items, itemCount{codeIDBytes(item), value})
	})
}

// knownList is the versions loaded, in hash order (ResolveInForce does not care; tests and
// messages do).
func (s *state) knownList() []known {
	out := make([]known, 0, len(s.versions))
	for _, k := range s.versions {
		out = append(out, *k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version.Hash < out[j].version.Hash })
	return out
}
