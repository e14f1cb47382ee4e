package warehouse

import "time"

// Format is the version of the warehouse's layout and schemas, kept in the file FORMAT at its
// root. Format 2 moved the per-version columns out of report_rows (which now refer to versions by
// version_id); a warehouse of another format is refused with a message saying what to do,
// rather than read wrongly. What is only added (a table, a column) keeps the format: an older
// warehouse reads a table it lacks as empty and a column it lacks as zero or NULL (run_findings,
// files.path_raw and the runs table's counts beyond reports_rejected came so).
const Format = 2

// FormatFile is the name of the file at the warehouse root that holds Format.
const FormatFile = "FORMAT"

// Table names: the folders under the warehouse root.
const (
	TableFiles          = "files"
	TableReportVersions = "report_versions"
	TableReportRows     = "report_rows"
	TableQuarantine     = "quarantine"
	TableWarnings       = "warnings"
	TableProjects       = "projects"
	TableProjectTargets = "project_targets"
	TableRuns           = "runs"
	TableRunFindings    = "run_findings"
)

// Tables lists every table, for readers that create empty views of the missing ones.
var Tables = []string{TableFiles, TableReportVersions, TableReportRows, TableQuarantine,
	TableWarnings, TableProjects, TableProjectTargets, TableRuns, TableRunFindings}

// The run_id partition column is not stored in the files (it is in the path), as DuckDB's
// PARTITION_BY would also write them; readers get it from the path.

// FileRow records one input file a run has read, so that the next run skips it (by content).
type FileRow struct {
	SHA256 string `parquet:"sha256,plain"`
	// Path is relative to the inbox, slash-separated, as text: a name that is not valid UTF-8
	// or holds control characters has them escaped (\xNN), and PathRaw holds its bytes as the
	// file system has them (NULL for every other name). A text column must hold UTF-8, or DuckDB
	// refuses the whole table; a name is any bytes.
	Path    string `parquet:"path,plain"`
	PathRaw []byte `parquet:"path_raw,optional"`
	Size    int64  `parquet:"size"`
	// ModTime is the file's modification time when it was read: a later run takes a file with
	// the same path, size and ModTime for the same content without reading it again.
	ModTime         time.Time `parquet:"mtime,timestamp(microsecond)"`
	Format          string    `parquet:"format,dict"` // csv, xlsx, json, jsonl
	IngestedAt      time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	ReportsAccepted int32     `parquet:"reports_accepted"`
	ReportsRejected int32     `parquet:"reports_rejected"`
	// Outcome: "read" (reports were taken from it), "rejected" (the file as a whole could not be
	// read), "ignored" (not a report format), or "register" (a new snapshot of projects.csv or
	// project_targets.csv; the next run compares the register's hash with it).
	Outcome string `parquet:"outcome,dict"`
}

// ReportVersionRow is one accepted (row-valid) version of a report. Which versions are in force
// is derived from all of these by domain.ResolveInForce, never stored.
type ReportVersionRow struct {
	// VersionID numbers this stored copy of the version, unique in the warehouse (ingest gives
	// a run's versions the numbers after the largest committed one): report_rows refer to it, so
	// that ten million rows carry an integer instead of a 64-character hash and the version's
	// own columns.
	VersionID   int64     `parquet:"version_id"`
	VersionHash string    `parquet:"version_hash,plain"`
	ProjectID   string    `parquet:"project_id,dict"`
	PeriodStart int32     `parquet:"period_start,date"` // days since 1970-01-01
	PeriodEnd   int32     `parquet:"period_end,date"`
	SubmittedAt time.Time `parquet:"submitted_at,timestamp(microsecond)"`
	// SubmittedAtText is the timestamp as the sender wrote it, offset included.
	SubmittedAtText string `parquet:"submitted_at_text,plain"`
	FileSHA256      string `parquet:"file_sha256,dict"`
	SourceFile      string `parquet:"source_file,dict"`
	// Place is where the report starts in its file (its first row, sheet cell or JSON object);
	// an item is found there by its code.
	Place      string    `parquet:"place,plain"`
	IngestedAt time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	Items      int32     `parquet:"items"`
}

// ReportRow is one item of an accepted report version: an indicator value or the expenditure.
// Everything the version says about itself (project, period, submission, file, place) is in its
// ReportVersionRow only.
type ReportRow struct {
	VersionID int64  `parquet:"version_id,delta"`
	Item      string `parquet:"item,dict"` // indicator code or "expenditure_eur"
	// Value is the count for an indicator (NULL for expenditure); AmountCents the euros in cents
	// for expenditure_eur (NULL for indicators).
	Value       *int64 `parquet:"value,optional"`
	AmountCents *int64 `parquet:"amount_cents,optional"`
}

// FindingRow is one finding of validation. Rows of rejected reports (and of files that could not
// be read at all) go to the quarantine table; warnings about accepted reports go to warnings.
type FindingRow struct {
	FileSHA256  string    `parquet:"file_sha256,dict"`
	SourceFile  string    `parquet:"source_file,dict"`
	Report      string    `parquet:"report,dict"`       // report key as text, "" if unknown
	VersionHash string    `parquet:"version_hash,dict"` // "" if the report could not be built
	Rule        string    `parquet:"rule,dict"`
	Severity    string    `parquet:"severity,dict"`
	Place       string    `parquet:"place,plain"`
	Value       string    `parquet:"value,plain"`
	Message     string    `parquet:"message,plain"`
	IngestedAt  time.Time `parquet:"ingested_at,timestamp(microsecond)"`
}

// ProjectRow is one row of a snapshot of the project register. A run writes a snapshot when the
// register's content differs from the last one; as of time T the register in force is the latest
// snapshot ingested at or before T.
type ProjectRow struct {
	ProjectID         string    `parquet:"project_id,plain"`
	Title             string    `parquet:"title,plain"`
	Beneficiary       string    `parquet:"beneficiary,dict"`
	BeneficiaryType   string    `parquet:"beneficiary_type,dict"`
	Action            string    `parquet:"action,dict"`
	StartDate         int32     `parquet:"start_date,date"`
	EndDate           int32     `parquet:"end_date,date"`
	EligibleCostCents int64     `parquet:"eligible_cost_cents"`
	EUContribCents    int64     `parquet:"eu_contribution_cents"`
	Status            string    `parquet:"status,dict"`
	SelectedOn        int32     `parquet:"selected_on,date"`
	RegisterSHA256    string    `parquet:"register_sha256,dict"`
	IngestedAt        time.Time `parquet:"ingested_at,timestamp(microsecond)"`
	// PrivateContribCents is the beneficiary's private money in the eligible cost (0 when the
	// register leaves it empty). The Annex VI codes are the operation's own, "" where the
	// register leaves its action's default. Files written before these columns existed lack
	// them; readers take them as 0 and "".
	PrivateContribCents    int64  `parquet:"private_contribution_cents"`
	InterventionField      string `parquet:"intervention_field,dict"`
	TypeOfAction           string `parquet:"type_of_action,dict"`
	ImplementationModality string `parquet:"implementation_modality,dict"`
}

// ProjectFactsRow is ProjectRow without the titles and beneficiaries (most of a snapshot's
// bytes), for readers that check reports against a register and never write it again.
type ProjectFactsRow struct {
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

// ProjectTargetRow is one row of a snapshot of the project targets, versioned like ProjectRow.
type ProjectTargetRow struct {
	ProjectID     string    `parquet:"project_id,dict"`
	Indicator     string    `parquet:"indicator,dict"`
	Target        int64     `parquet:"target"`
	TargetsSHA256 string    `parquet:"targets_sha256,dict"`
	IngestedAt    time.Time `parquet:"ingested_at,timestamp(microsecond)"`
}

// RunRow records that a run finished writing the warehouse. Readers only trust partitions whose
// run has a row here, so a run that crashed half-way leaves nothing visible.
//
// With the run's findings (run_findings) it is what the run reported, committed with what it
// wrote, so that a run record or report lost in a crash after the commit can be made again.
type RunRow struct {
	StartedAt       time.Time `parquet:"started_at,timestamp(microsecond)"`
	FinishedAt      time.Time `parquet:"finished_at,timestamp(microsecond)"`
	CatalogueSHA256 string    `parquet:"catalogue_sha256,plain"`
	CodeVersion     string    `parquet:"code_version,plain"`
	FilesRead       int32     `parquet:"files_read"` // new files read (the Summary's files_new)
	ReportsAccepted int32     `parquet:"reports_accepted"`
	ReportsRejected int32     `parquet:"reports_rejected"`
	// The rest of what the run counted (0 in runs committed before they were kept).
	FilesSeen          int32 `parquet:"files_seen"`
	FilesSkipped       int32 `parquet:"files_skipped"`
	FilesRejected      int32 `parquet:"files_rejected"`
	ReportsIgnored     int32 `parquet:"reports_ignored"`
	ReportsDuplicate   int32 `parquet:"reports_duplicate"`
	ReportsRevalidated int32 `parquet:"reports_revalidated"`
	Errors             int32 `parquet:"errors"`
	Warnings           int32 `parquet:"warnings"`
}

// RunFindingRow is one finding a run reported, in the run's order (Seq): of every file it read
// or refused, of the register, of the arrival of its versions and of the cumulative checks. It
// records what the run said; which versions are in force is never read from it (it is derived
// from the versions by domain.ResolveInForce), so it does not make the warehouse depend on the
// order files arrived in.
type RunFindingRow struct {
	Seq      int32  `parquet:"seq"`
	Rule     string `parquet:"rule,dict"`
	Severity string `parquet:"severity,dict"`
	File     string `parquet:"file,dict"`
	Line     int32  `parquet:"line"`
	Column   string `parquet:"column,dict"`
	Sheet    string `parquet:"sheet,dict"`
	Cell     string `parquet:"cell,plain"`
	Pointer  string `parquet:"pointer,plain"`
	Report   string `parquet:"report,plain"`
	Value    string `parquet:"value,plain"`
	Message  string `parquet:"message,plain"`
}
