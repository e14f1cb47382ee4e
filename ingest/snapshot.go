package ingest

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/internal/errs"
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
func runRegister(inbox string, cat *catalogue.Catalogue, st *state) (*Register, error) {
	if st.lastProjects == "" || st.lastTargets == "" {
		return loadRegister(inbox, cat)
	}
	pSHA, errP := hashFileSHA(filepath.Join(inbox, ProjectsFile))
	tSHA, errT := hashFileSHA(filepath.Join(inbox, TargetsFile))
	if errP != nil || errT != nil || pSHA != st.lastProjects || tSHA != st.lastTargets {
		return loadRegister(inbox, cat)
	}
	checkedWith, err := runCatalogue(st.root, st.projectsRun)
	if err != nil {
		return nil, err
	}
	targetsWith, err := runCatalogue(st.root, st.targetsRun)
	if err != nil {
		return nil, err
	}
	if checkedWith != cat.Hash || targetsWith != cat.Hash {
		return loadRegister(inbox, cat)
	}
	n, err := partitionRows(st.root, warehouse.TableProjects, st.projectsRun)
	if err != nil {
		return nil, err
	}
	reg := &Register{ProjectsSHA256: pSHA, TargetsSHA256: tSHA, Projects: make([]domain.Project, 0, n),
		byID: make(map[string]int32, n), targetOf: map[targetKey]targetAt{},
		targetsFrom: warehouse.PartitionDir(st.root, warehouse.TableProjectTargets, st.targetsRun), targetsLoaded: map[string]bool{}}
	err = warehouse.ReadRun(st.root, warehouse.TableProjects, st.projectsRun, func(r snapshotProject) error {
		if r.RegisterSHA256 != pSHA {
			return nil
		}
		p := domain.Project{ID: r.ProjectID, BeneficiaryType: domain.BeneficiaryType(r.BeneficiaryType),
			Action: r.Action, Start: domain.Date(r.StartDate), End: domain.Date(r.EndDate), EligibleCost: domain.Cents(r.EligibleCostCents),
			EUContribution: domain.Cents(r.EUContribCents), Status: domain.ProjectStatus(r.Status), SelectedOn: domain.Date(r.SelectedOn),
			PrivateContribution: domain.Cents(r.PrivateContribCents),
			Interventions:       [3]string{r.InterventionField, r.TypeOfAction, r.ImplementationModality}}
		reg.byID[p.ID] = int32(len(reg.Projects))
		reg.Projects = append(reg.Projects, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// snapshotProject is the part of warehouse.ProjectRow the checks of reports need: a register
// read from its snapshot is unchanged, so it is never written again, and its titles and
// beneficiaries (most of its bytes) are not read. A nightly run reads a Commission-wide
// register of 200 000 projects this way.
type snapshotProject struct {
	ProjectID         string `parquet:"project_id"`
	BeneficiaryType   string `parquet:"beneficiary_type"`
	Action            string `parquet:"action"`
	StartDate         int32  `parquet:"start_date,date"`
	EndDate           int32  `parquet:"end_date,date"`
	EligibleCostCents int64  `parquet:"eligible_cost_cents"`
	EUContribCents    int64  `parquet:"eu_contribution_cents"`
	Status            string `parquet:"status"`
	SelectedOn        int32  `parquet:"selected_on,date"`
	RegisterSHA256    string `parquet:"register_sha256"`
	// The second contract's columns (0 and "" in snapshots written before them).
	PrivateContribCents    int64  `parquet:"private_contribution_cents"`
	InterventionField      string `parquet:"intervention_field"`
	TypeOfAction           string `parquet:"type_of_action"`
	ImplementationModality string `parquet:"implementation_modality"`
}

// loadTargets fills the target index for the given projects from the snapshot, when the
// register came from one; a register read from the inbox has every target already.
func (r *Register) loadTargets(projects map[string]bool) error {
	if r.targetsFrom == "" {
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
	files, err := filepath.Glob(filepath.Join(r.targetsFrom, "*.parquet"))
	if err != nil {
		return errs.E(errs.Op("ingest.loadTargets"), errs.Path(r.targetsFrom), errs.IO, err)
	}
	sort.Strings(files)
	return scanFiles(files, "project_id", func(b []byte) bool { return want[string(b)] }, func(p *parquetFile, g int, rows []int) error {
		cols, err := p.columnsAt(g, rows, "project_id", "indicator", "target", "targets_sha256")
		if err != nil {
			return err
		}
		for k := range rows {
			if string(cols[3][k].ByteArray()) != r.TargetsSHA256 {
				continue
			}
			project, ok := r.byID[string(cols[0][k].ByteArray())]
			if !ok {
				continue // not in this register snapshot's projects: no version of it is checked
			}
			r.targetOf[targetKey{project, codeIDBytes(cols[1][k].ByteArray())}] = targetAt{value: cols[2][k].Int64()}
		}
		return nil
	})
}

// runCatalogue is the catalogue hash a committed run used.
func runCatalogue(root, run string) (string, error) {
	hash := ""
	err := warehouse.ReadRun(root, warehouse.TableRuns, run, func(r warehouse.RunRow) error { hash = r.CatalogueSHA256; return nil })
	return hash, err
}

// partitionRows counts the rows of one run's partition of table, from the files' footers.
func partitionRows(root, table, run string) (int, error) {
	files, err := filepath.Glob(filepath.Join(warehouse.PartitionDir(root, table, run), "*.parquet"))
	if err != nil {
		return 0, errs.E(errs.Op("ingest.partitionRows"), errs.Path(root), errs.IO, err)
	}
	n := int64(0)
	for _, path := range files {
		p, err := openParquet(path)
		if err != nil {
			return 0, err
		}
		n += p.pf.NumRows()
		p.Close()
	}
	return int(n), nil
}

// hashFileSHA is the SHA-256 of a file in hex.
func hashFileSHA(path string) (string, error) {
	sha, _, err := hashFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", errs.E(errs.Op("ingest.hashFile"), errs.Path(path), errs.IO, err)
	}
	return sha, err
}
