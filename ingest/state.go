package ingest

import (
	"sort"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/warehouse"
)

// state is what the warehouse already holds that a run needs: the file hashes seen, every
// version received with its items, and the hashes of the latest register snapshots.
type state struct {
	files        map[string]bool
	versions     map[string]*known
	lastProjects string
	lastTargets  string
	// paths names each report file by hash; registerRejected marks the files that have a
	// report rejected by a rule that depends on the register, for re-validation.
	paths            map[string]string
	registerRejected map[string]bool
}

// registerRules are the report rules whose verdict changes when the register does.
var registerRules = map[string]bool{RuleProjectUnknown.ID: true, RuleProjectCancel.ID: true, RulePeriodOutside.ID: true}

func loadState(root string) (*state, error) {
	s := &state{files: map[string]bool{}, versions: map[string]*known{}, paths: map[string]string{}, registerRejected: map[string]bool{}}
	if root == "" {
		return s, nil
	}
	// Runs are read in id order, so the last register row seen is of the latest snapshot.
	err := warehouse.Read(root, warehouse.TableFiles, func(_ string, r warehouse.FileRow) error {
		switch {
		case r.Outcome != OutcomeRegister:
			s.files[r.SHA256] = true
			s.paths[r.SHA256] = r.Path
		case r.Path == ProjectsFile:
			s.lastProjects = r.SHA256
		case r.Path == TargetsFile:
			s.lastTargets = r.SHA256
		}
		return nil
	})
	if err != nil {
		return nil, errs.E("ingest.loadState", root, err)
	}
	err = warehouse.Read(root, warehouse.TableQuarantine, func(_ string, r warehouse.FindingRow) error {
		if registerRules[r.Rule] {
			s.registerRejected[r.FileSHA256] = true
		}
		return nil
	})
	if err != nil {
		return nil, errs.E("ingest.loadState", root, err)
	}
	err = warehouse.Read(root, warehouse.TableReportVersions, func(_ string, r warehouse.ReportVersionRow) error {
		s.versions[r.VersionHash] = &known{
			version: domain.Version{Key: domain.ReportKey{ProjectID: r.ProjectID, PeriodStart: domain.Date(r.PeriodStart),
				PeriodEnd: domain.Date(r.PeriodEnd)}, SubmittedAt: r.SubmittedAt, Hash: r.VersionHash},
			file: r.SourceFile, place: r.Place,
		}
		return nil
	})
	if err != nil {
		return nil, errs.E("ingest.loadState", root, err)
	}
	err = warehouse.Read(root, warehouse.TableReportRows, func(_ string, r warehouse.ReportRow) error {
		if k := s.versions[r.VersionHash]; k != nil && r.Value != nil {
			k.items = append(k.items, itemCount{intern(r.Item), *r.Value})
		}
		return nil
	})
	if err != nil {
		return nil, errs.E("ingest.loadState", root, err)
	}
	return s, nil
}

// knownList is the versions in hash order (ResolveInForce does not care; tests and messages do).
func (s *state) knownList() []known {
	out := make([]known, 0, len(s.versions))
	for _, k := range s.versions {
		out = append(out, *k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version.Hash < out[j].version.Hash })
	return out
}
