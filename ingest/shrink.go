package ingest

import (
	"fmt"
	"path/filepath"

	"mittari/internal/errs"
	"mittari/warehouse"
)

// DefaultMaxRegisterShrink is the share of the projects in force a new register may lose at
// once unless the operator accepts it (Options.AcceptRegisterShrink). Projects leave a register
// a few at a time; a projects.csv cut short at a row boundary, or exported with a filter, loses
// many at once and would otherwise silently become the register, taking their reports out of
// every figure.
const DefaultMaxRegisterShrink = 0.10

// checkShrink refuses reg when it lacks more than the share max of the projects of the register
// snapshot in force (the latest in the warehouse).
func checkShrink(inbox string, st *state, reg *Register, max float64) error {
	if st.lastProjects == "" || reg.ProjectsSHA256 == st.lastProjects {
		return nil
	}
	if max <= 0 {
		max = DefaultMaxRegisterShrink
	}
	before, lost := 0, 0
	err := warehouse.ProjectIDs(st.root, st.projectsRun, func(id []byte) {
		before++
		if _, ok := reg.lookup(string(id)); !ok {
			lost++
		}
	})
	if err != nil || lost == 0 || float64(lost) <= max*float64(before) {
		return err
	}
	return errs.E(errs.Op("ingest.checkShrink"), errs.Path(filepath.Join(inbox, ProjectsFile)), errs.Invalid,
		fmt.Sprintf("the register lacks %d of the %d projects in force (%.0f %%, more than the %.0f %% it may lose at once) and was not taken in; "+
			"a file cut short or exported with a filter does this: check the file, and if the projects really left the register, run again with --accept-register-shrink",
			lost, before, 100*float64(lost)/float64(before), 100*max))
}
