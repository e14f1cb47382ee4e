package ingest

import (
	"context"
	"os"
	"path/filepath"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/warehouse"
)

// A Commission-wide register (hundreds of thousands of projects, over a million targets) takes
// seconds to parse and check, which a nightly run that takes in one report cannot afford. When
// neither register file differs from the latest snapshot in the warehouse, and the catalogue is
// the one that snapshot was checked against, the snapshot's rows are exactly what checking the
// files again would keep (the register's findings are stored and reported only when it
// changes), so the run reads the snapshot instead; and it reads the targets of only the
// projects whose cumulative values it checks (Register.loadTargets).

// runRegister is the register for a run: the warehouse's snapshot when it is current, else
// the inbox's files read and checked.
func runRegister(ctx context.Context, inbox string, cat *catalogue.Catalogue, st *state, dir string, parts int) (*Register, error) {
	if st.lastProjects == "" || st.lastTargets == "" {
		return loadRegister(ctx, inbox, cat, dir, parts, true)
	}
	pSHA, errP := hashRegisterFile(ctx, filepath.Join(inbox, ProjectsFile))
	tSHA, errT := hashRegisterFile(ctx, filepath.Join(inbox, TargetsFile))
	if errP != nil || errT != nil || pSHA != st.lastProjects || tSHA != st.lastTargets {
		return loadRegister(ctx, inbox, cat, dir, parts, true)
	}
	checkedWith, err := warehouse.RunCatalogue(st.root, st.projectsRun)
	if err != nil {
		return nil, err
	}
	targetsWith, err := warehouse.RunCatalogue(st.root, st.targetsRun)
	if err != nil {
		return nil, err
	}
	if checkedWith != cat.Hash || targetsWith != cat.Hash {
		return loadRegister(ctx, inbox, cat, dir, parts, true)
	}
	n, err := warehouse.PartitionRows(st.root, warehouse.TableProjects, st.projectsRun)
	if err != nil {
		return nil, err
	}
	reg := &Register{ProjectsSHA256: pSHA, TargetsSHA256: tSHA, facts: make([]projectFacts, 0, n),
		index: newProjectIndex(int(n)), root: st.root, targetsRun: st.targetsRun, targetsLoaded: map[string]bool{}}
	if reg.targets, err = newSpill(dir, parts); err != nil {
		return nil, err
	}
	err = warehouse.ReadRun(st.root, warehouse.TableProjects, st.projectsRun, func(r warehouse.ProjectFactsRow) error {
		if r.RegisterSHA256 != pSHA {
			return nil
		}
		reg.addFacts(domain.Project{ID: r.ProjectID, Action: r.Action, Start: domain.Date(r.StartDate), End: domain.Date(r.EndDate),
			Status: domain.ProjectStatus(r.Status)}, 0)
		reg.index.add(reg.facts, int32(len(reg.facts)-1))
		return nil
	})
	if err != nil {
		reg.close()
		return nil, err
	}
	return reg, nil
}

// loadTargets spills the targets of the given projects from the snapshot, when the register
// came from one; a register read from the inbox has every target spilled already.
func (r *Register) loadTargets(projects map[string]bool) error {
	if r.targetsRun == "" {
		return nil
	}
	want := map[string]bool{}
	for p := range projects {
		if !r.targetsLoaded[p] {
			want[p] = true
			r.targetsLoaded[p] = true
		}
	}
	if len(want) == 0 {
		return nil
	}
	var rec []byte
	err := warehouse.TargetsOf(r.root, r.targetsRun, func(b []byte) bool { return want[string(b)] }, func(t warehouse.ProjectTargetRow) {
		if t.TargetsSHA256 != r.TargetsSHA256 {
			return
		}
		if project, ok := r.lookup(t.ProjectID); ok { // else not in this register snapshot's projects: no version of it is checked
			rec = appendTarget(rec[:0], project, codeID(t.Indicator), t.Target, 0)
			r.targets.add(partitionOf(t.ProjectID, len(r.targets.parts)), rec)
		}
	})
	if err != nil {
		return err
	}
	return r.targets.err
}

// hashRegisterFile is the SHA-256 of a register file in hex; an error (also a missing file)
// makes the caller read the files, which says what is wrong with them.
func hashRegisterFile(ctx context.Context, path string) (string, error) {
	f, _, err := openRegular(os.OpenFile, path, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sha, _, err := hashFile(ctx, f, 0)
	return sha, err
}
