package ingest

import (
	"time"

	"github.com/parquet-go/parquet-go"

	"mittari/domain"
	"mittari/warehouse"
)

// stream writes one table's partition of a run as rows come, in batches, so that a run never
// holds all the rows it read. The file appears under its final name only at close, and the
// run's partitions count only once its runs row is written (warehouse.CommitRun).
type stream[T any] struct {
	root, table, run string
	part             int // the file's number in the partition: parallel writers each have one
	// rowGroup bounds a row group (warehouse.RowsPerRowGroup when 0): a writer holds a whole
	// row group until it is full, and the tables of a row per version have wide rows.
	rowGroup int
	w        *warehouse.Writer[T]
	buf      []T
}

const streamBatch = 8192

func (s *stream[T]) add(err *error, rows ...T) {
	s.buf = append(s.buf, rows...)
	if len(s.buf) >= streamBatch {
		s.flush(err)
	}
}

func (s *stream[T]) flush(err *error) {
	if *err != nil || len(s.buf) == 0 {
		return
	}
	if s.w == nil {
		// Snappy rather than zstd: it costs a fraction of the CPU, and a zstd encoder (made
		// afresh whenever the collector has emptied parquet-go's pool) allocates a large window.
		opts := []parquet.WriterOption{warehouse.FastCompression}
		if s.rowGroup > 0 {
			opts = append(opts, parquet.MaxRowsPerRowGroup(int64(s.rowGroup)))
		}
		if s.w, *err = warehouse.NewWriterWith[T](s.root, s.table, s.run, s.part, opts...); *err != nil {
			return
		}
	}
	*err = s.w.Write(s.buf)
	s.buf = s.buf[:0]
}

// close finishes the file; wrote says whether there was one.
func (s *stream[T]) close(err *error) (wrote bool) {
	s.flush(err)
	if s.w == nil {
		return false
	}
	w := s.w
	s.w = nil // closed or dropped: nothing left for abort
	if *err != nil {
		w.Abort()
		return false
	}
	*err = w.Close()
	return *err == nil
}

func (s *stream[T]) abort() {
	if s.w != nil {
		s.w.Abort()
	}
}

// tableWriter is one run's streams, one per table, but for the versions and their rows, which
// each of the goroutines that check a run's versions at its end writes (versionWriter). The
// first error sticks: later calls do nothing and close reports it.
type tableWriter struct {
	root, run  string
	at         time.Time
	err        error
	fileRows   stream[warehouse.FileRow]
	quarantine stream[warehouse.FindingRow]
	warnings   stream[warehouse.FindingRow]
	projRows   stream[warehouse.ProjectRow]
	versions   []*versionWriter
}

func newTableWriter(root, run string, at time.Time) *tableWriter {
	return &tableWriter{root: root, run: run, at: at,
		fileRows:   stream[warehouse.FileRow]{root: root, table: warehouse.TableFiles, run: run, rowGroup: wideRowGroup},
		quarantine: stream[warehouse.FindingRow]{root: root, table: warehouse.TableQuarantine, run: run, rowGroup: findingRowGroup},
		warnings:   stream[warehouse.FindingRow]{root: root, table: warehouse.TableWarnings, run: run, rowGroup: findingRowGroup},
		projRows:   stream[warehouse.ProjectRow]{root: root, table: warehouse.TableProjects, run: run, rowGroup: wideRowGroup},
	}
}

// wideRowGroup bounds the row groups of the tables of wide rows (a version, a project: some
// 200 bytes each), each held in memory by its writer until the group is full; findingRowGroup
// those of findings, whose reports and version hashes fill their dictionaries too.
const (
	wideRowGroup    = 32 << 10
	findingRowGroup = 8 << 10
)

// versionWriter writes versions, their items and the warnings that come with them, and the
// register's targets, to files of its own (part), so that several can write at once. Its
// errors stick in its own err.
type versionWriter struct {
	at         time.Time
	err        error
	int64s     int64Slab
	versionRow stream[warehouse.ReportVersionRow]
	reportRows stream[warehouse.ReportRow]
	warnings   stream[warehouse.FindingRow]
	targetRows stream[warehouse.ProjectTargetRow]
}

// versionWriter adds the writer of files number part; the run-level warnings are file 0 of
// their table, so a versionWriter's are part+1.
func (w *tableWriter) versionWriter(part int) *versionWriter {
	v := &versionWriter{at: w.at,
		versionRow: stream[warehouse.ReportVersionRow]{root: w.root, table: warehouse.TableReportVersions, run: w.run, part: part, rowGroup: wideRowGroup},
		reportRows: stream[warehouse.ReportRow]{root: w.root, table: warehouse.TableReportRows, run: w.run, part: part},
		warnings:   stream[warehouse.FindingRow]{root: w.root, table: warehouse.TableWarnings, run: w.run, part: part + 1, rowGroup: findingRowGroup},
		targetRows: stream[warehouse.ProjectTargetRow]{root: w.root, table: warehouse.TableProjectTargets, run: w.run, part: part, rowGroup: wideRowGroup},
	}
	w.versions = append(w.versions, v)
	return v
}

func (w *tableWriter) file(r fileResult) {
	row := warehouse.FileRow{SHA256: r.SHA256, Path: r.Path, Size: r.Size, ModTime: r.ModTime, Format: r.Format,
		IngestedAt: w.at, ReportsAccepted: int32(len(r.accepted)), ReportsRejected: int32(r.rejected), Outcome: r.Outcome}
	if r.Raw != r.Path {
		row.PathRaw = []byte(r.Raw)
	}
	w.fileRows.add(&w.err, row)
}

// version writes version t, numbered id, of the file whose hash is fileHash, and its items.
func (w *versionWriter) version(t *taken, id int64, fileHash string) {
	w.versionRow.add(&w.err, warehouse.ReportVersionRow{VersionID: id,
		VersionHash: t.hash, ProjectID: t.key.ProjectID, PeriodStart: int32(t.key.PeriodStart), PeriodEnd: int32(t.key.PeriodEnd),
		SubmittedAt: t.submitted.UTC(), SubmittedAtText: t.subText, FileSHA256: fileHash, SourceFile: t.place.File,
		Place: placeText(t.place), IngestedAt: w.at, Items: int32(t.nItems),
	})
	t.eachItem(func(code string, value int64) {
		row := warehouse.ReportRow{VersionID: id, Item: code}
		if code == domain.ExpenditureItem {
			row.AmountCents = w.int64s.of(value)
		} else {
			row.Value = w.int64s.of(value)
		}
		w.reportRows.add(&w.err, row)
	})
}

// int64Slab hands out pointers to int64s from blocks, so that the optional columns of ten
// million rows cost a thousand allocations rather than ten million. A block is never reused:
// the rows pointing into it may still wait in a stream's batch.
type int64Slab struct{ block []int64 }

func (s *int64Slab) of(v int64) *int64 {
	if len(s.block) == cap(s.block) {
		s.block = make([]int64, 0, streamBatch)
	}
	s.block = append(s.block, v)
	return &s.block[len(s.block)-1]
}

// findings writes findings to the quarantine (errors of rejected reports and refused files) or
// the warnings table; versionHash is "" when no version was built.
func (w *tableWriter) findings(quarantine bool, fileHash, versionHash string, fs []domain.Finding) {
	to := &w.warnings
	if quarantine {
		to = &w.quarantine
	}
	writeFindings(to, &w.err, w.at, fileHash, versionHash, fs)
}

// warnings writes the warnings of a version it wrote.
func (w *versionWriter) warningsOf(fileHash, versionHash string, fs []domain.Finding) {
	writeFindings(&w.warnings, &w.err, w.at, fileHash, versionHash, fs)
}

func writeFindings(to *stream[warehouse.FindingRow], err *error, at time.Time, fileHash, versionHash string, fs []domain.Finding) {
	for _, f := range fs {
		// Findings repeat what hostile files hold; a text column must be UTF-8 (validText),
		// or DuckDB would refuse the whole table.
		to.add(err, warehouse.FindingRow{FileSHA256: fileHash, SourceFile: validText(f.Place.File), Report: validText(f.Report), VersionHash: versionHash,
			Rule: f.Rule, Severity: string(f.Severity), Place: validText(placeText(f.Place)), Value: validText(f.Value), Message: validText(f.Message), IngestedAt: at})
	}
}

// runFindings stores every finding of the run, in order, as the run's findings log (written
// after the other tables are closed: only a run that commits has one).
func (w *tableWriter) runFindings(fs *findingLog) error {
	var err error
	s := stream[warehouse.RunFindingRow]{root: w.root, table: warehouse.TableRunFindings, run: w.run, rowGroup: findingRowGroup}
	defer s.abort()
	i := 0
	if each := fs.each(func(f domain.Finding) error {
		p := &f.Place
		p.File, p.Column, p.Sheet, p.Cell, p.Pointer = validText(p.File), validText(p.Column), validText(p.Sheet), validText(p.Cell), validText(p.Pointer)
		f.Report, f.Value, f.Message = validText(f.Report), validText(f.Value), validText(f.Message)
		s.add(&err, warehouse.RunFindingOf(i, f))
		i++
		return err
	}); err == nil {
		err = each
	}
	s.close(&err)
	return err
}

// registerFindings stores the register's findings, errors (dropped rows) in quarantine.
func (w *tableWriter) registerFindings(reg *Register) {
	for _, f := range reg.Findings {
		hash := reg.ProjectsSHA256
		if f.Place.File == TargetsFile {
			hash = reg.TargetsSHA256
		}
		w.findings(f.Severity == domain.SeverityError, hash, "", []domain.Finding{f})
	}
}

func (w *tableWriter) registerFile(name, sha string) {
	w.fileRows.add(&w.err, warehouse.FileRow{SHA256: sha, Path: name, Format: "csv", IngestedAt: w.at, Outcome: OutcomeRegister})
}

// projects writes the register's snapshot: its valid rows in full, as spilled when it was read.
func (w *tableWriter) projects(reg *Register) {
	w.registerFile(ProjectsFile, reg.ProjectsSHA256)
	err := reg.rows.each(0, func(rec []byte) {
		p := readProject(rec)
		if !reg.kept(p.ID) {
			return
		}
		w.projRows.add(&w.err, warehouse.ProjectRow{ProjectID: p.ID, Title: p.Title, Beneficiary: p.Beneficiary,
			BeneficiaryType: string(p.BeneficiaryType), Action: p.Action, StartDate: int32(p.Start), EndDate: int32(p.End),
			EligibleCostCents: int64(p.EligibleCost), EUContribCents: int64(p.EUContribution), Status: string(p.Status),
			SelectedOn: int32(p.SelectedOn), RegisterSHA256: reg.ProjectsSHA256, IngestedAt: w.at,
			PrivateContribCents: int64(p.PrivateContribution), InterventionField: p.Interventions[0],
			TypeOfAction: p.Interventions[1], ImplementationModality: p.Interventions[2]})
	})
	if err != nil && w.err == nil {
		w.err = err
	}
}

// targets writes the targets of the snapshot that idx holds (kept, in that order).
func (w *versionWriter) targets(reg *Register, idx targetIndex, kept []targetKey) {
	table := codes.Load()
	for _, k := range kept {
		w.targetRows.add(&w.err, warehouse.ProjectTargetRow{ProjectID: reg.facts[k.project].id, Indicator: table.list[k.code],
			Target: idx[k].value, TargetsSHA256: reg.TargetsSHA256, IngestedAt: w.at})
	}
}

// close finishes every table's file; wrote says whether any was written. On an error every
// file of the run is dropped.
func (w *tableWriter) close() (wrote bool, err error) {
	for _, v := range w.versions {
		if w.err == nil {
			w.err = v.err
		}
	}
	for _, c := range []func(*error) bool{w.fileRows.close, w.quarantine.close, w.warnings.close, w.projRows.close} {
		if c(&w.err) {
			wrote = true
		}
	}
	for _, v := range w.versions {
		for _, c := range []func(*error) bool{v.versionRow.close, v.reportRows.close, v.warnings.close, v.targetRows.close} {
			if c(&w.err) {
				wrote = true
			}
		}
	}
	if w.err != nil {
		w.abort()
		return false, w.err
	}
	return wrote, nil
}

// abort drops what is not yet closed. Closed files of an uncommitted run stay invisible, since
// readers only trust runs with a runs row.
func (w *tableWriter) abort() {
	w.fileRows.abort()
	w.quarantine.abort()
	w.warnings.abort()
	w.projRows.abort()
	for _, v := range w.versions {
		v.versionRow.abort()
		v.reportRows.abort()
		v.warnings.abort()
		v.targetRows.abort()
	}
}
