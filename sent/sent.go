package sent

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mittari/checks"
	"mittari/domain"
	"mittari/internal/atomicfile"
	"mittari/internal/errs"
)

// The layout of out/sent/:
//
//	<folder>/                 one transmission as sent, never rewritten: the files of
//	                          exports/sfc/<version>/ copied byte for byte, and sent.json
//	acknowledged/<folder>-<time>.json
//	                          each recording restatements of a sent version as acknowledged
//	.staging-<folder>/        a send being written (what a killed send leaves is removed by the
//	                          next command that takes the output folder's lock)
//
// <folder> is the SFC2021 version for its first work version ("202606") and the version with
// its work version for each later one ("202606.1"): SFC2021 gives a transmission's first
// version work version 0 and a new one each time the Member State creates a new version, such as
// after the Commission returned it (quick guide "Transmission of Data (AMIF, ISF, BMVI)",
// https://sfc.ec.europa.eu/en/2021/quickguides/transmissionofdata-aib).

// RecordFile is the record of a sent folder.
const RecordFile = "sent.json"

// AcknowledgedDir holds the acknowledgements of restatements.
const AcknowledgedDir = "acknowledged"

// StagingPrefix names a folder a send is writing.
const StagingPrefix = ".staging-"

var folderName = regexp.MustCompile(`^(\d{6})(?:\.([1-9]\d{0,3}))?$`)

// Folder names the folder of a version's work version.
func Folder(version string, work int) string {
	if work == 0 {
		return version
	}
	return version + "." + strconv.Itoa(work)
}

// ParseFolder splits a folder's name into its version and work version.
func ParseFolder(name string) (version string, work int, ok bool) {
	m := folderName.FindStringSubmatch(name)
	if m == nil {
		return "", 0, false
	}
	if m[2] != "" {
		work, _ = strconv.Atoi(m[2])
	}
	return m[1], work, true
}

// Record is sent.json: what was sent, by whom, approved by whom, when, from which run, catalogue
// and code, with the checks it passed and the justifications of their warnings.
type Record struct {
	Version     string    `json:"version"`
	WorkVersion int       `json:"work_version"`
	Folder      string    `json:"folder"`
	Cutoff      string    `json:"cutoff_date"`
	SentAt      time.Time `json:"sent_at"`
	PreparedBy  string    `json:"prepared_by"`
	ApprovedBy  string    `json:"approved_by"`
	// Reason says why a work version after the first was sent (the Commission returned the
	// previous one, and why).
	Reason string `json:"reason,omitempty"`
	// Generation is the published generation the files were copied from, RunID the run that
	// made its exports ("" for a stage command), DataAsOf the warehouse run its figures reflect
	// and FiguresAsOf the moment they were computed as of.
	Generation  string    `json:"generation"`
	RunID       string    `json:"run_id,omitempty"`
	DataAsOf    string    `json:"data_as_of"`
	FiguresAsOf time.Time `json:"figures_as_of"`
	// CatalogueSHA256 and CodeVersion are those the exports were made with (their manifest's);
	// SentWith the version of the Mittari that sent them.
	CatalogueSHA256 string          `json:"catalogue_sha256"`
	CodeVersion     string          `json:"code_version"`
	SentWith        string          `json:"sent_with"`
	Checks          checks.Outcome  `json:"checks"`
	Justifications  []Justification `json:"justifications,omitempty"`
	Files           []File          `json:"files"`
}

// Justification is the text a warning rule was sent with, and how many findings it covered.
type Justification struct {
	Rule     string `json:"rule"`
	Text     string `json:"text"`
	Findings int    `json:"findings"`
}

// File is one file sent.
type File struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// CutoffDate is the record's cut-off.
func (r Record) CutoffDate() (domain.Cutoff, error) { return domain.ParseCutoff(r.Cutoff) }

// List reads every sent folder under root (out/sent), by version and work version. A folder
// named like a version without a readable record is an error: what was sent must be known.
func List(root string) ([]Record, error) {
	const op errs.Op = "sent.List"
	entries, err := readDir(op, root)
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, e := range entries {
		version, work, ok := ParseFolder(e.Name())
		if !ok || !e.IsDir() {
			continue
		}
		r, err := read(filepath.Join(root, e.Name()))
		if err != nil {
			return nil, err
		}
		if r.Folder != e.Name() || r.Version != version || r.WorkVersion != work {
			return nil, errs.E(op, errs.Path(filepath.Join(root, e.Name(), RecordFile)), errs.Config,
				fmt.Sprintf("the record is of %s (version %s, work version %d), not of the folder it is in: a sent folder was renamed or copied; put it back under its own name", r.Folder, r.Version, r.WorkVersion))
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Record) int {
		if a.Version != b.Version {
			return strings.Compare(a.Version, b.Version)
		}
		return a.WorkVersion - b.WorkVersion
	})
	return out, nil
}

// readDir lists a folder; one that does not exist is empty.
func readDir(op errs.Op, dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.E(op, errs.Path(dir), errs.IO, err)
	}
	return entries, nil
}

func read(dir string) (Record, error) {
	path := filepath.Join(dir, RecordFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return Record{}, errs.E(errs.Op("sent.read"), errs.Path(path), errs.Config,
			"a sent folder without its record: what was sent is unknown; restore the folder from the backup", err)
	}
	var r Record
	if err := json.Unmarshal(b, &r); err != nil {
		return Record{}, errs.E(errs.Op("sent.read"), errs.Path(path), errs.Config,
			"the record of a sent folder cannot be read; restore the folder from the backup", err)
	}
	if _, err := r.CutoffDate(); err != nil {
		return Record{}, errs.E(errs.Op("sent.read"), errs.Path(path), errs.Config, "cutoff_date: "+err.Error())
	}
	return r, nil
}

// NextWork is the work version the next send of version takes: 0 when it was never sent, one
// more than the latest otherwise.
func NextWork(records []Record, version string) int {
	next := 0
	for _, r := range records {
		if r.Version == version && r.WorkVersion >= next {
			next = r.WorkVersion + 1
		}
	}
	return next
}

// Write freezes a transmission: the files names of srcDir, copied byte for byte (each must have
// the SHA-256 want gives it, as the export's manifest says), and rec, into a folder built beside
// the others and renamed into place once, whole and flushed to disk. An existing folder is never
// replaced. beforeRename, if set, is called with the folder built and not yet in place (the
// pipeline's test hook); an error from it leaves nothing. It returns the folder's path and the
// record written, with its files.
func Write(root string, rec Record, srcDir string, names []string, want map[string]string, beforeRename func() error) (string, Record, error) {
	const op errs.Op = "sent.Write"
	final := filepath.Join(root, rec.Folder)
	if _, err := os.Lstat(final); err == nil {
		return "", Record{}, errs.E(op, errs.Path(final), errs.Invalid, "this version was sent already; a sent folder is never rewritten")
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return "", Record{}, errs.E(op, errs.Path(root), errs.IO, err)
	}
	staging := filepath.Join(root, StagingPrefix+rec.Folder)
	if err := os.RemoveAll(staging); err != nil {
		return "", Record{}, errs.E(op, errs.Path(staging), errs.IO, err)
	}
	if err := os.Mkdir(staging, 0o755); err != nil {
		return "", Record{}, errs.E(op, errs.Path(staging), errs.IO, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(staging)
		}
	}()
	rec.Files = nil
	for _, name := range names {
		f, err := copyFile(filepath.Join(srcDir, name), filepath.Join(staging, name))
		if err != nil {
			return "", Record{}, errs.E(op, errs.Path(filepath.Join(srcDir, name)), errs.IO, err)
		}
		if w, ok := want[name]; ok && w != f.SHA256 {
			return "", Record{}, errs.E(op, errs.Path(filepath.Join(srcDir, name)), errs.Invalid,
				"the file is not the one its manifest lists (its SHA-256 differs): the export folder was changed by hand; run `mittari export` again, then send")
		}
		rec.Files = append(rec.Files, f)
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return "", Record{}, errs.E(op, errs.Internal, err)
	}
	if _, err := writeFile(filepath.Join(staging, RecordFile), bytes.NewReader(append(b, '\n'))); err != nil {
		return "", Record{}, errs.E(op, errs.Path(staging), errs.IO, err)
	}
	if err := atomicfile.SyncDir(staging); err != nil {
		return "", Record{}, errs.E(op, errs.Path(staging), errs.IO, err)
	}
	if beforeRename != nil {
		if err := beforeRename(); err != nil {
			return "", Record{}, err
		}
	}
	if err := os.Rename(staging, final); err != nil {
		return "", Record{}, errs.E(op, errs.Path(final), errs.IO, err)
	}
	done = true
	if err := atomicfile.SyncDir(root); err != nil {
		return final, rec, errs.E(op, errs.Path(root), errs.IO, err)
	}
	return final, rec, nil
}

// copyFile copies src to dst, flushed to disk and read-only, and describes it.
func copyFile(src, dst string) (File, error) {
	in, err := os.Open(src)
	if err != nil {
		return File{}, err
	}
	defer in.Close()
	return writeFile(dst, in)
}

// writeFile writes what r holds to a new file dst, flushed to disk and read-only, and
// describes it.
func writeFile(dst string, r io.Reader) (File, error) {
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o444)
	if err != nil {
		return File{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), r)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return File{}, err
	}
	return File{Name: filepath.Base(dst), Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
