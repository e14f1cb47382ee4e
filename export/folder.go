package export

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"io"
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
	mb, err := manifestBytes(manifest(provenance(res, catHash, meta, unverified, entries(files))))
	if err != nil {
		return nil, err
	}
	return append(files, file{name: "manifest.json", data: mb}), nil
}

// provenance is what the manifest of a folder of files says about where its figures come from;
// files are sorted by name.
func provenance(res *metrics.Results, catHash string, meta Meta, unverified []string, files []FileEntry) Provenance {
	slices.SortFunc(files, func(a, b FileEntry) int { return cmp.Compare(a.Name, b.Name) })
	p := Provenance{
		CatalogueSHA256:   catHash,
		GoalsIllustrative: res.GoalsIllustrative,
		PlanDerived:       res.PlanDerived,
		UnverifiedCodes:   unverified,
		CodeVersion:       meta.CodeVersion,
		DataAsOf:          meta.DataAsOf,
		Files:             files,
	}
	if res.GoalsIllustrative {
		p.GoalsNote = res.GoalsNote
	}
	if res.PlanDerived {
		p.PlanNote = res.PlanNote
	}
	return p
}

// ManifestDigests are the SHA-256 sums the manifest of the export folder dir gives its files, by
// name; none when dir has no readable manifest.
func ManifestDigests(dir string) map[string]string {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil
	}
	var m struct {
		Files []FileEntry `json:"files"`
	}
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	out := make(map[string]string, len(m.Files))
	for _, f := range m.Files {
		out[f.Name] = f.SHA256
	}
	return out
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
	fw, err := newFolder(dst)
	if err != nil {
		return err
	}
	defer fw.discard()
	for _, f := range files {
		if err := fw.write(f.name, f.data); err != nil {
			return err
		}
	}
	return fw.commit()
}

// folder is an export folder being written: its files go into a temporary folder beside dst,
// which commit swaps in for dst once every file is written and synced.
type folder struct {
	dst, tmp  string
	committed bool
}

func newFolder(dst string) (*folder, error) {
	const op errs.Op = "export.newFolder"
	parent := filepath.Dir(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.IO, err)
	}
	if err := recoverInterrupted(dst); err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.IO, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".tmp-")
	if err != nil {
		return nil, errs.E(op, errs.Path(dst), errs.IO, err)
	}
	return &folder{dst: dst, tmp: tmp}, nil
}

// write writes one file of the folder whole.
func (fw *folder) write(name string, data []byte) error {
	if err := writeSynced(filepath.Join(fw.tmp, name), data); err != nil {
		return errs.E(errs.Op("export.writeFolder"), errs.Path(filepath.Join(fw.dst, name)), errs.IO, err)
	}
	return nil
}

// link puts the file at from into the folder as name, hard-linked where the file system allows
// (files are never rewritten in place) and copied where it does not.
func (fw *folder) link(name, from string) error {
	if err := atomicfile.LinkOrCopy(from, filepath.Join(fw.tmp, name)); err != nil {
		return errs.E(errs.Op("export.link"), errs.Path(filepath.Join(fw.dst, name)), errs.IO, err)
	}
	return nil
}

// create starts a file of the folder that is written piece by piece; close says how many data
// rows it holds and gives its manifest entry.
func (fw *folder) create(name string) (*streamedFile, error) {
	f, err := createFile(filepath.Join(fw.tmp, name))
	if err != nil {
		return nil, errs.E(errs.Op("export.create"), errs.Path(filepath.Join(fw.dst, name)), errs.IO, err)
	}
	sf := &streamedFile{name: name, dst: filepath.Join(fw.dst, name), f: f, sum: sha256.New()}
	sf.w = bufio.NewWriterSize(io.MultiWriter(f, sf.sum), 256<<10)
	return sf, nil
}

// commit swaps the folder in for dst.
func (fw *folder) commit() error {
	const op errs.Op = "export.writeFolder"
	if err := os.Chmod(fw.tmp, 0o755); err != nil {
		return errs.E(op, errs.Path(fw.dst), errs.IO, err)
	}
	if err := atomicfile.ReplaceDir(fw.tmp, fw.dst); err != nil {
		return errs.E(op, errs.Path(fw.dst), errs.IO, err)
	}
	fw.committed = true
	return nil
}

// discard removes the temporary folder of a folder not committed.
func (fw *folder) discard() {
	if !fw.committed {
		os.RemoveAll(fw.tmp)
	}
}

// streamedFile is a file of a folder written piece by piece, hashed as it is written.
type streamedFile struct {
	name, dst string
	f         *os.File
	w         *bufio.Writer
	sum       hash.Hash
	closed    bool
}

func (sf *streamedFile) Write(p []byte) (int, error) { return sf.w.Write(p) }

// close flushes and syncs the file and returns its manifest entry.
func (sf *streamedFile) close(rows int) (FileEntry, error) {
	sf.closed = true
	err := sf.w.Flush()
	if err == nil {
		err = sf.f.Sync()
	}
	if cerr := sf.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileEntry{}, errs.E(errs.Op("export.writeFolder"), errs.Path(sf.dst), errs.IO, err)
	}
	return FileEntry{Name: sf.name, Rows: rows, SHA256: hex.EncodeToString(sf.sum.Sum(nil))}, nil
}

// abandon closes a file whose writing failed (its folder is discarded).
func (sf *streamedFile) abandon() {
	if !sf.closed {
		sf.closed = true
		sf.f.Close()
	}
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
