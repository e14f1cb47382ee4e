package pipeline

import (
	"encoding/json"
	"path/filepath"
	"time"

	"mittari/domain"
	"mittari/internal/atomicfile"
)

// Record is runs/<run-id>.json: what a run read, which catalogue and code it used, what it
// accepted, rejected and wrote, and how long each stage took. An operator answering "why did
// this figure change last night?" starts here.
type Record struct {
	RunID      string    `json:"run_id"`
	Status     string    `json:"status"` // "ok" or "failed"
	Error      string    `json:"error,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	Inbox      string    `json:"inbox"`
	Out        string    `json:"out"`
	AsOf       time.Time `json:"as_of"`
	Cutoffs    []string  `json:"cutoffs"`
	// Versions are the SFC2021 versions of Cutoffs, in the same order (domain.Cutoff.Version:
	// the 2025-12-31 cut-off is version 202612).
	Versions        []string `json:"versions"`
	CatalogueSHA256 string   `json:"catalogue_sha256"`
	CodeVersion     string   `json:"code_version"`
	// DataAsOf is the latest committed warehouse run the figures reflect; it is this run's id
	// when this run ingested something, an earlier one when the inbox held nothing new.
	DataAsOf string       `json:"data_as_of"`
	Ingest   IngestRecord `json:"ingest"`
	// Transform says whether the figures were computed in full or only for the projects that
	// received reports since the transform's cache was written, and why a run was full.
	Transform TransformRecord `json:"transform"`
	Outputs   []OutputFile    `json:"outputs"`
	Stages    []StageTiming   `json:"stages"`
}

// TransformRecord is transform.Stats as the run record shows it.
type TransformRecord struct {
	Mode     string `json:"mode"` // "full" or "incremental"
	Reason   string `json:"reason,omitempty"`
	Projects int    `json:"projects_recomputed,omitempty"`
}

// IngestRecord summarises what ingest read and decided.
type IngestRecord struct {
	Files           []FileRead `json:"files"`
	FilesNew        int        `json:"files_new"`
	FilesSkipped    int        `json:"files_skipped"`
	ReportsAccepted int        `json:"reports_accepted"`
	ReportsRejected int        `json:"reports_rejected"`
	Errors          int        `json:"errors"`
	Warnings        int        `json:"warnings"`
	WroteWarehouse  bool       `json:"wrote_warehouse"`
	// Findings is every error and warning of this run's files, in full (the HTML report may
	// shorten long lists).
	Findings []domain.Finding `json:"findings"`
}

// FileRead is one input file with its content hash and what became of it.
type FileRead struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256"`
	Outcome string `json:"outcome"`
}

// OutputFile is one file the run wrote.
type OutputFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
}

// StageTiming is the wall time of one stage.
type StageTiming struct {
	Stage   string  `json:"stage"`
	Seconds float64 `json:"seconds"`
}

func (r *Record) write(dir string) (string, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, r.RunID+".json")
	return path, atomicfile.WriteBytes(path, append(b, '\n'))
}
