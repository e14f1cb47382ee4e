package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"mittari/internal/atomicfile"
	"mittari/internal/errs"
)

// A generation is one complete set of published outputs (report, exports, marts, and the
// figures they were made from) in its own folder, generations/<id>/. A command builds one in a
// staging folder beside it and publishes it by renaming a symbolic link, current, to point at
// it; report, exports and marts at the top of the output folder are links through current. So
// a reader who follows those paths sees one generation whole: the switch is one rename(2), never
// new report beside old exports. Earlier generations stay a while for rollback.

// DefaultKeepGenerations is how many generations are kept, the published one included, when
// Options.KeepGenerations is 0.
const DefaultKeepGenerations = 3

// Generation is generations/<id>/generation.json: what a generation holds and how it was made.
type Generation struct {
	ID          string    `json:"id"`
	PublishedAt time.Time `json:"published_at"`
	// Command made the generation ("run", or a stage: "transform", "report", "export"); RunID
	// is the run's, for "run".
	Command string    `json:"command"`
	RunID   string    `json:"run_id,omitempty"`
	AsOf    time.Time `json:"as_of"`
	// DataAsOf is the latest committed warehouse run the figures reflect. ChangesSince is the
	// run the figures' changes compare with: the DataAsOf of the generation published before or,
	// when that one reflects the same data (a night with nothing new), its own ChangesSince.
	DataAsOf     string `json:"data_as_of"`
	ChangesSince string `json:"changes_since,omitempty"`
	// Runs are the runs whose findings and counts the report shows: those committed since the
	// generation published before (a run that crashed before publishing included), and the
	// publishing run itself. Ingest sums their records' counts.
	Runs   []string     `json:"runs"`
	Ingest IngestRecord `json:"ingest"`
	// FindingsMissing lists runs of Runs whose findings were never recorded (killed between
	// their ingest's commit and the writing of their findings).
	FindingsMissing []string `json:"findings_missing,omitempty"`
	// Parts says which generation's command made each part: a stage command makes its part and
	// carries the others over from the generation it replaces.
	Parts map[string]string `json:"parts"`
	// Demo says the figures are of the demo inbox embedded in the binary, so that a stage
	// command remaking the report labels it as demo data too.
	Demo bool `json:"demo,omitempty"`
	// ExportInputs are the digests of the inputs of the export's workbooks and folders, by path
	// in the generation (export.Carry): the next export takes over what has the same inputs.
	ExportInputs map[string]string `json:"export_inputs,omitempty"`
	// MartDigests identify the content of each mart, by name (transform.Stats.Marts): the next
	// transform links the marts whose content is the same instead of writing them again.
	MartDigests map[string]string `json:"mart_digests,omitempty"`
}

// published is the generation current points at, nil when nothing was published yet.
func published(lay Layout) (*Generation, outputDir, error) {
	const op errs.Op = "pipeline.published"
	target, err := os.Readlink(lay.Current())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", errs.E(op, errs.Path(lay.Current()), errs.IO, err)
	}
	dir := outputDir(filepath.Join(lay.Root, target))
	damaged := func(err error) error {
		return errs.E(op, errs.Path(lay.Current()), errs.IO, fmt.Sprintf(
			"the published outputs (%s) are missing or damaged: point current at another folder of generations/ "+
				"(ln -sfn generations/<id> current.new && mv -T current.new current, in the output folder) or remove current, then run again", target), err)
	}
	b, err := os.ReadFile(dir.Meta())
	if err != nil {
		return nil, "", damaged(err)
	}
	var g Generation
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, "", damaged(err)
	}
	return &g, dir, nil
}

// lastPublished is what readers last saw: the published generation, or, in an output folder
// written before generations existed, what the last run that finished wrote there (only its
// DataAsOf is known). Nil when nothing was published.
func lastPublished(lay Layout) (*Generation, outputDir, error) {
	g, dir, err := published(lay)
	if g != nil || err != nil {
		return g, dir, err
	}
	ids, err := recordIDs(lay)
	if err != nil {
		return nil, "", errs.E(errs.Op("pipeline.lastPublished"), errs.Path(lay.Runs()), errs.IO, err)
	}
	for i := len(ids) - 1; i >= 0; i-- {
		r, err := readRecord(lay, ids[i])
		if err != nil || r == nil {
			continue
		}
		// A live run of the layout before generations (a reproduction's as_of is not its start).
		if r.Status == StatusOK && (r.Command == "" || r.Command == "run") && r.AsOf.Equal(r.StartedAt) {
			return &Generation{DataAsOf: r.DataAsOf}, "", nil
		}
	}
	return nil, "", nil
}

// staging is a generation being built: a folder that becomes generations/<id> when published
// (or, for a reproduction, replaces out/as-of/<time>).
type staging struct {
	lay Layout
	id  string
	// dir is where the outputs are now; built where they were written (the paths the stages
	// returned); final a reproduction's folder, "" for a generation.
	dir, built outputDir
	final      string
	// renamed is set once dir left its staging name: from then on it is never discarded.
	renamed bool
}

func newStaging(lay Layout, now time.Time) (*staging, error) {
	const op errs.Op = "pipeline.newStaging"
	if err := os.MkdirAll(lay.Generations(), 0o755); err != nil {
		return nil, errs.E(op, errs.Path(lay.Generations()), errs.IO, err)
	}
	base := now.UTC().Format("20060102T150405Z")
	id := base
	for i := 2; ; i++ {
		_, e1 := os.Lstat(filepath.Join(lay.Generations(), id))
		_, e2 := os.Lstat(filepath.Join(lay.Generations(), stagingLabel+id))
		if errors.Is(e1, fs.ErrNotExist) && errors.Is(e2, fs.ErrNotExist) {
			break
		}
		id = fmt.Sprintf("%s-%d", base, i)
	}
	dir := filepath.Join(lay.Generations(), stagingLabel+id)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, errs.E(op, errs.Path(dir), errs.IO, err)
	}
	return &staging{lay: lay, id: id, dir: outputDir(dir), built: outputDir(dir)}, nil
}

// newAsOfStaging starts the outputs of a reproduction as of asOf, which replace
// out/as-of/<time> when published.
func newAsOfStaging(lay Layout, asOf time.Time) (*staging, error) {
	stamp := asOf.UTC().Format("20060102T150405Z")
	final := lay.AsOfRoot(stamp)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return nil, errs.E(errs.Op("pipeline.newAsOfStaging"), errs.Path(final), errs.IO, err)
	}
	dir := filepath.Join(filepath.Dir(final), stagingLabel+stamp)
	os.RemoveAll(dir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, errs.E(errs.Op("pipeline.newAsOfStaging"), errs.Path(dir), errs.IO, err)
	}
	return &staging{lay: lay, id: stamp, dir: outputDir(dir), built: outputDir(dir), final: final}, nil
}

// discard removes the staging folder of a generation that will not be published.
func (s *staging) discard() {
	if !s.renamed {
		os.RemoveAll(string(s.dir))
	}
}

// carry puts part of the generation in from (a folder or a file) into the staging folder, as
// hard links where the file system allows and copies where it does not. A missing part is
// left missing.
func (s *staging) carry(from outputDir, part string) error {
	src := filepath.Join(string(from), part)
	if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := linkTree(src, filepath.Join(string(s.dir), part)); err != nil {
		return errs.E(errs.Op("pipeline.carry"), errs.Path(src), errs.IO, err)
	}
	return nil
}

// linkTree recreates src at dst, files hard-linked (or copied).
func linkTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return atomicfile.LinkOrCopy(p, target)
	})
}

// publish makes the staged generation the published one: every file flushed to disk, its
// description written last, the folder renamed to generations/<id>, current switched to it in
// one rename, and the readers' links (report, exports, marts) made if they are not there yet.
// Generations beyond the newest keep are removed (never the published one).
func (s *staging) publish(g *Generation, keep int) error {
	const op errs.Op = "pipeline.publish"
	g.ID = s.id
	if err := syncTree(string(s.dir)); err != nil {
		return errs.E(op, errs.Path(string(s.dir)), errs.IO, err)
	}
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return errs.E(op, errs.Internal, err)
	}
	if err := atomicfile.WriteBytes(s.dir.Meta(), append(b, '\n')); err != nil {
		return errs.E(op, errs.Path(s.dir.Meta()), errs.IO, err)
	}
	if s.final != "" {
		// A reproduction: one folder, swapped whole (the previous one, if any, kept until the
		// new one is in place).
		if err := atomicfile.ReplaceDir(string(s.dir), s.final); err != nil {
			return errs.E(op, errs.Path(s.final), errs.IO, err)
		}
		s.dir, s.renamed = outputDir(s.final), true
		return nil
	}
	final := filepath.Join(s.lay.Generations(), s.id)
	if err := os.Rename(string(s.dir), final); err != nil {
		return errs.E(op, errs.Path(final), errs.IO, err)
	}
	s.dir, s.renamed = outputDir(final), true
	if err := atomicfile.SyncDir(s.lay.Generations()); err != nil {
		return errs.E(op, errs.Path(s.lay.Generations()), errs.IO, err)
	}
	if err := checkpoint("renamed"); err != nil {
		return err
	}
	rel := filepath.Join(filepath.Base(s.lay.Generations()), s.id)
	if err := atomicfile.Symlink(rel, s.lay.Current()); err != nil {
		return errs.E(op, errs.Path(s.lay.Root), errs.IO, symlinkAdvice(err))
	}
	if err := atomicfile.SyncDir(s.lay.Root); err != nil {
		return errs.E(op, errs.Path(s.lay.Root), errs.IO, err)
	}
	if err := checkpoint("switched"); err != nil {
		return err
	}
	if err := readerLinks(s.lay); err != nil {
		return err
	}
	return prune(s.lay, keep)
}

// symlinkAdvice says what to do when the output folder's file system has no symbolic links.
func symlinkAdvice(err error) error {
	if errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS) {
		return fmt.Errorf("cannot make a symbolic link here (%v): Mittari publishes its outputs by switching one; "+
			"use a local disk or an NFS share for the output folder, or mount a Windows (SMB) share with the mfsymlinks option", err)
	}
	return err
}

// readerLinks makes report, exports and marts the links through current that readers use. An
// output folder written before generations holds them as folders: they are moved aside, the
// link put in their place, and removed (the new generation replaces them).
func readerLinks(lay Layout) error {
	const op errs.Op = "pipeline.readerLinks"
	for _, part := range []string{partReport, partExports, partMarts} {
		path := filepath.Join(lay.Root, part)
		want := filepath.Join(filepath.Base(lay.Current()), part)
		fi, err := os.Lstat(path)
		switch {
		case err == nil && fi.Mode()&fs.ModeSymlink != 0:
			if got, _ := os.Readlink(path); got == want {
				continue
			}
		case err == nil && fi.IsDir():
			aside := filepath.Join(lay.Generations(), stagingLabel+"before-generations-"+part)
			os.RemoveAll(aside)
			if err := os.Rename(path, aside); err != nil {
				return errs.E(op, errs.Path(path), errs.IO, err)
			}
			defer os.RemoveAll(aside)
		case err == nil:
			return errs.E(op, errs.Path(path), errs.IO, "is a file where Mittari keeps a link to its outputs: move it away and run again")
		case !errors.Is(err, fs.ErrNotExist):
			return errs.E(op, errs.Path(path), errs.IO, err)
		}
		if err := atomicfile.Symlink(want, path); err != nil {
			return errs.E(op, errs.Path(path), errs.IO, symlinkAdvice(err))
		}
	}
	return nil
}

// prune removes the generations beyond the newest keep, never the published one.
func prune(lay Layout, keep int) error {
	if keep <= 0 {
		keep = DefaultKeepGenerations
	}
	current, _ := os.Readlink(lay.Current())
	ids, err := generationIDs(lay)
	if err != nil {
		return err
	}
	for i := 0; i < len(ids)-keep; i++ {
		if filepath.Base(current) == ids[i] {
			continue
		}
		if err := os.RemoveAll(filepath.Join(lay.Generations(), ids[i])); err != nil {
			return errs.E(errs.Op("pipeline.prune"), errs.Path(filepath.Join(lay.Generations(), ids[i])), errs.IO, err)
		}
	}
	return nil
}

// generationIDs lists the generations (not staging folders), oldest first.
func generationIDs(lay Layout) ([]string, error) {
	entries, err := os.ReadDir(lay.Generations())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.E(errs.Op("pipeline.generationIDs"), errs.Path(lay.Generations()), errs.IO, err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// syncTree flushes every file under dir, and the folders, to disk: DuckDB's marts are written
// without it, and a generation must be whole on disk before current points at it. A file with
// more than one link was taken over from a published generation (exports and marts whose inputs
// did not change, parts a stage command carries), which was flushed when it was published: only
// the folder that links it again needs flushing.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
					return nil
				}
			}
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Sync()
	})
}
