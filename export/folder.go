package export

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"

	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/metrics"
)

// file is one file of an export folder with the row count the manifest gives for it.
type file struct {
	name string
	data []byte
	rows int // data rows (without the header); for a workbook, the sum over its tables
}

// FileEntry describes one file of an export folder in its manifest.
type FileEntry struct {
	Name   string `json:"name"`
	Rows   int    `json:"rows"`
	SHA256 string `json:"sha256"`
}

// Provenance is what every manifest says about where its figures come from and which files it
// covers. Manifests embed it, so its JSON fields stay flat and in this order after their own.
type Provenance struct {
	CatalogueSHA256   string `json:"catalogue_sha256"`
	GoalsIllustrative bool   `json:"goals_illustrative"`
	GoalsNote         string `json:"goals_note,omitempty"`
	// PlanDerived says the financial plan holds derived or assumed values (PlanNote says which
	// and where from); UnverifiedCodes lists the Annex VI codes the folder uses that were not
	// read in an official text ("dimension code").
	PlanDerived     bool        `json:"plan_derived"`
	PlanNote        string      `json:"plan_note,omitempty"`
	UnverifiedCodes []string    `json:"unverified_codes,omitempty"`
	CodeVersion     string      `json:"code_version"`
	DataAsOf        string      `json:"data_as_of"`
	Files           []FileEntry `json:"files"`
}

// withManifest sorts a folder's files by name and appends its manifest.json, which manifest
// builds from the folder's provenance; unverified are the Annex VI codes the folder uses that
// are not verified.
func withManifest(files []file, res *metrics.Results, catHash string, meta Meta, unverified []string, manifest func(Provenance) any) ([]file, error) {
	slices.SortFunc(files, func(a, b file) int { return cmp.Compare(a.name, b.name) })
	p := Provenance{
		CatalogueSHA256:   catHash,
		GoalsIllustrative: res.GoalsIllustrative,
		PlanDerived:       res.PlanDerived,
		UnverifiedCodes:   unverified,
		CodeVersion:       meta.CodeVersion,
		DataAsOf:          meta.DataAsOf,
		Files:             entries(files),
	}
	if res.GoalsIllustrative {
		p.GoalsNote = res.GoalsNote
	}
	if res.PlanDerived {
		p.PlanNote = res.PlanNote
	}
	mb, err := manifestBytes(manifest(p))
	if err != nil {
		return nil, err
	}
	return append(files, file{name: "manifest.json", data: mb}), nil
}

func entries(files []file) []FileEntry {
	out := make([]FileEntry, len(files))
	for i, f := range files {
		sum := sha256.Sum256(f.data)
		out[i] = FileEntry{Name: f.name, Rows: f.rows, SHA256: hex.EncodeToString(sum[:])}
	}
	return out
}

func manifestBytes(m any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// createFile opens a file of a folder being written; tests replace it to simulate a failing
// disk halfway through a folder.
var createFile = os.Create

// writeFolder writes files into a fresh temporary folder beside dst and swaps it in for dst
// only once every file is written and synced: a failure at any point leaves the previous dst
// as it was.
func writeFolder(dst string, files []file) (err error) {
	const op errs.Op = "export.writeFolder"
	parent := filepath.Dir(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return errs.E(op, errs.Path(dst), errs.IO, err)
	}
	if err := recoverInterrupted(dst); err != nil {
		return errs.E(op, errs.Path(dst), errs.IO, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".tmp-")
	if err != nil {
		return errs.E(op, errs.Path(dst), errs.IO, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	for _, f := range files {
		if err := writeSynced(filepath.Join(tmp, f.name), f.data); err != nil {
			return errs.E(op, errs.Path(filepath.Join(dst, f.name)), errs.IO, err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return errs.E(op, errs.Path(dst), errs.IO, err)
	}
	if err := atomicfile.ReplaceDir(tmp, dst); err != nil {
		return errs.E(op, errs.Path(dst), errs.IO, err)
	}
	return nil
}

func writeSynced(path string, data []byte) error {
	f, err := createFile(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// recoverInterrupted undoes what a run killed during an earlier swap left behind: ReplaceDir moves
// the old folder to <dst>.old before it renames the new one in, so a <dst>.old without a <dst> is
// the last good folder, and is put back; half-written temporary folders are removed. The pipeline
// holds its lock while exporting, so no other writer owns them.
func recoverInterrupted(dst string) error {
	old := dst + ".old"
	if _, err := os.Stat(dst); os.IsNotExist(err) {
		if _, err := os.Stat(old); err == nil {
			if err := os.Rename(old, dst); err != nil {
				return err
			}
		}
	}
	stale, err := filepath.Glob(filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*"))
	if err != nil {
		return err
	}
	for _, s := range stale {
		if err := os.RemoveAll(s); err != nil {
			return err
		}
	}
	return nil
}
