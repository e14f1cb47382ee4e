package pipeline

import (
	"encoding/json"
	"errors"
	"io/fs"
	"mittari/transform"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"mittari/internal/atomicfile"
)

// Record is runs/<run-id>.json: what a run read, which catalogue and code it used, what it
// accepted, rejected and wrote, and how long each stage took. An operator answering "why did
// this figure change last night?" starts here. It stays small whatever the inbox: counts here,
// every finding and every file read in the files next to it (Layout.FindingsFile, FilesFile).
type Record struct {
	RunID string `json:"run_id"`
	// Command is the command that wrote the record: "run" or "ingest".
	Command    string    `json:"command"`
	Status     string    `json:"status"`
	Error      string    `json:"error,omitempty"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	Inbox      string    `json:"inbox,omitempty"`
	Out        string    `json:"out"`
	AsOf       time.Time `json:"as_of"`
	Cutoffs    []string  `json:"cutoffs,omitempty"`
	// Versions are the SFC2021 versions of Cutoffs, in the same order (domain.Cutoff.Version:
	// the 2025-12-31 cut-off is version 202612).
	Versions        []string `json:"versions,omitempty"`
	CatalogueSHA256 string   `json:"catalogue_sha256"`
	CodeVersion     string   `json:"code_version"`
	// DataAsOf is the latest committed warehouse run the figures reflect; it is this run's id
	// when this run ingested something, an earlier one when the inbox held nothing new.
	DataAsOf string       `json:"data_as_of,omitempty"`
	Ingest   IngestRecord `json:"ingest"`
	// Transform says whether the figures were computed in full or only for the projects that
	// received reports since the transform's cache was written, and why a run was full.
	Transform TransformRecord `json:"transform"`
	// Presend counts the pre-send checks of each cut-off and the restated figures of each
	// version sent (sent.go).
	Presend *PresendRecord `json:"presend,omitempty"`
	// Published is what the run published, and what its report shows.
	Published *Generation   `json:"published,omitempty"`
	Outputs   []OutputFile  `json:"outputs,omitempty"`
	Stages    []StageTiming `json:"stages"`
}

// A run record's status.
const (
	StatusOK          = "ok"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
	// StatusRunning is the status of a record written while the run goes on (after its ingest,
	// so that what it committed is described even if it is killed); StatusKilled is what the
	// next command makes of a record still running when it takes the lock: its process died.
	StatusRunning = "running"
	StatusKilled  = "killed"
)

// TransformRecord is transform.Stats as the run record shows it (transformRecord).
type TransformRecord struct {
	Mode     string `json:"mode,omitempty"` // "full" or "incremental"
	Reason   string `json:"reason,omitempty"`
	Projects int    `json:"projects_recomputed,omitempty"`
}

// transformRecord is what the run record says of how the transform computed.
func transformRecord(s transform.Stats) TransformRecord {
	return TransformRecord{Mode: s.Mode, Reason: s.Reason, Projects: s.Projects}
}

// IngestRecord summarises what ingest read and decided.
type IngestRecord struct {
	FilesSeen        int  `json:"files_seen"`
	FilesNew         int  `json:"files_new"`
	FilesSkipped     int  `json:"files_skipped"`
	FilesRejected    int  `json:"files_rejected"`
	ReportsAccepted  int  `json:"reports_accepted"`
	ReportsRejected  int  `json:"reports_rejected"`
	ReportsIgnored   int  `json:"reports_ignored"`
	ReportsDuplicate int  `json:"reports_duplicate"`
	Errors           int  `json:"errors"`
	Warnings         int  `json:"warnings"`
	WroteWarehouse   bool `json:"wrote_warehouse"`
	// FilesFile and FindingsFile name (relative to runs/) the JSON Lines files listing every
	// file this run read (path, SHA-256, outcome) and every finding, in full.
	FilesFile    string `json:"files_file,omitempty"`
	FindingsFile string `json:"findings_file,omitempty"`
}

// FileRead is one input file with its content hash and what became of it: a line of the
// run's files file.
type FileRead struct {
	Path    string `json:"path"`
	SHA256  string `json:"sha256,omitempty"`
	Size    int64  `json:"size,omitempty"`
	Outcome string `json:"outcome"`
}

// OutputFile is one file the run published.
type OutputFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
}

// StageTiming is the wall time of one stage.
type StageTiming struct {
	Stage   string  `json:"stage"`
	Seconds float64 `json:"seconds"`
}

func (r *Record) write(lay Layout) (string, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	path := lay.Record(r.RunID)
	return path, atomicfile.WriteBytes(path, append(b, '\n'))
}

// readRecord reads runs/<id>.json; a missing record is (nil, nil).
func readRecord(lay Layout, runID string) (*Record, error) {
	b, err := os.ReadFile(lay.Record(runID))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// recordIDs lists the run ids of the records in runs/, sorted (ids sort by start time).
func recordIDs(lay Layout) ([]string, error) {
	entries, err := os.ReadDir(lay.Runs())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		name := e.Name()
		if id, ok := strings.CutSuffix(name, ".json"); ok && !strings.HasPrefix(name, ".") && filepath.Ext(id) == "" {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids) // not by file name: "<id>-2.json" sorts before "<id>.json"
	return ids, nil
}
