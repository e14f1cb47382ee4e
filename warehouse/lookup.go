package warehouse

import (
	"slices"
	"time"

	"github.com/parquet-go/parquet-go"

	"mittari/internal/errs"
)

// The lookups a run of ingest makes on a large warehouse, each a column scan (scan.go) that
// reads only the row groups that can hold what is sought: a nightly run that takes in one
// report must not decode the ten million rows before it.

// MaxVersionID is the largest version_id committed, 0 when there is none.
func MaxVersionID(root string) (int64, error) {
	id, err := maxInt64(root, TableReportVersions, "version_id")
	if err != nil {
		return 0, errs.E(errs.Op("warehouse.MaxVersionID"), errs.Path(root), err)
	}
	return id, nil
}

// QuarantinedFiles calls fn with the file hash of every committed quarantine row whose rule is
// wanted (a file once per such row).
func QuarantinedFiles(root string, rule func(id []byte) bool, fn func(fileSHA256 string)) error {
	err := scanMatching(root, TableQuarantine, "rule", rule, func(p *parquetFile, g int, rows []int) error {
		cols, err := p.columnsAt(g, rows, "file_sha256")
		if err != nil {
			return err
		}
		for _, v := range cols[0] {
			fn(string(v.ByteArray()))
		}
		return nil
	})
	if err != nil {
		return errs.E(errs.Op("warehouse.QuarantinedFiles"), errs.Path(root), err)
	}
	return nil
}

// VersionsOf calls fn with every committed version whose project is wanted. Of each row, the
// fields VersionID, VersionHash, ProjectID, PeriodStart, PeriodEnd, SubmittedAt, SourceFile
// and Place are read; the others are left zero.
func VersionsOf(root string, project func(id []byte) bool, fn func(ReportVersionRow)) error {
	err := scanMatching(root, TableReportVersions, "project_id", project, func(p *parquetFile, g int, rows []int) error {
		cols, err := p.columnsAt(g, rows, "version_hash", "project_id", "period_start", "period_end", "submitted_at", "source_file", "place", "version_id")
		if err != nil {
			return err
		}
		for i := range rows {
			fn(ReportVersionRow{VersionHash: string(cols[0][i].ByteArray()), ProjectID: string(cols[1][i].ByteArray()),
				PeriodStart: cols[2][i].Int32(), PeriodEnd: cols[3][i].Int32(), SubmittedAt: time.UnixMicro(cols[4][i].Int64()).UTC(),
				SourceFile: string(cols[5][i].ByteArray()), Place: string(cols[6][i].ByteArray()), VersionID: cols[7][i].Int64()})
		}
		return nil
	})
	if err != nil {
		return errs.E(errs.Op("warehouse.VersionsOf"), errs.Path(root), err)
	}
	return nil
}

// CountsOf calls fn with every committed report row of the given versions that carries a count
// (value not NULL: an indicator, not the expenditure); item is valid only during the call.
func CountsOf(root string, versionIDs []int64, fn func(versionID int64, item []byte, value int64)) error {
	ids := slices.Sorted(slices.Values(versionIDs))
	err := scanMatchingIDs(root, TableReportRows, "version_id", ids, func(p *parquetFile, g int, rows []int) error {
		cols, err := p.columnsAt(g, rows, "version_id", "item", "value")
		if err != nil {
			return err
		}
		for i := range rows {
			if !cols[2][i].IsNull() {
				fn(cols[0][i].Int64(), cols[1][i].ByteArray(), cols[2][i].Int64())
			}
		}
		return nil
	})
	if err != nil {
		return errs.E(errs.Op("warehouse.CountsOf"), errs.Path(root), err)
	}
	return nil
}

// TargetsOf calls fn with the rows of run's partition of project_targets whose project is
// wanted (committed or not: the caller names the run of a snapshot it knows). Of each row,
// ProjectID, Indicator, Target and TargetsSHA256 are read.
func TargetsOf(root, run string, project func(id []byte) bool, fn func(ProjectTargetRow)) error {
	files, err := PartitionFiles(root, TableProjectTargets, run)
	if err != nil {
		return err
	}
	err = scanFiles(files, "project_id", project, func(p *parquetFile, g int, rows []int) error {
		cols, err := p.columnsAt(g, rows, "project_id", "indicator", "target", "targets_sha256")
		if err != nil {
			return err
		}
		for k := range rows {
			fn(ProjectTargetRow{ProjectID: string(cols[0][k].ByteArray()), Indicator: string(cols[1][k].ByteArray()),
				Target: cols[2][k].Int64(), TargetsSHA256: string(cols[3][k].ByteArray())})
		}
		return nil
	})
	if err != nil {
		return errs.E(errs.Op("warehouse.TargetsOf"), errs.Path(root), err)
	}
	return nil
}

// ProjectIDs calls fn with the project_id of every row of run's partition of projects (a
// register snapshot), committed or not.
func ProjectIDs(root, run string, fn func(id []byte)) error {
	files, err := PartitionFiles(root, TableProjects, run)
	if err != nil {
		return err
	}
	err = eachRowGroup(files, "project_id", func(p *parquetFile, g, col int) error {
		return p.eachPage(g, col, func(vals []parquet.Value) {
			for _, v := range vals {
				if !v.IsNull() {
					fn(v.ByteArray())
				}
			}
		})
	})
	if err != nil {
		return errs.E(errs.Op("warehouse.ProjectIDs"), errs.Path(root), err)
	}
	return nil
}

// RunCatalogue is the hash of the catalogue run used, from its runs row ("" when it has none).
// (Only the one column is read: a reader of the whole row costs more to set up than to read.)
func RunCatalogue(root, run string) (string, error) {
	type catalogueOnly struct {
		CatalogueSHA256 string `parquet:"catalogue_sha256"`
	}
	hash := ""
	err := ReadRun(root, TableRuns, run, func(r catalogueOnly) error { hash = r.CatalogueSHA256; return nil })
	return hash, err
}
