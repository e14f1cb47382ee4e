package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
)

// RecordFile is one run record of an output folder as read from runs/.
type RecordFile struct {
	Path   string
	Record Record
	// Err says why the file could not be read as a run record (Record is then empty).
	Err error
}

// RecordFiles reads the run records of the output folder out, newest first. An output folder
// with no runs/ yet has none.
func RecordFiles(out string) ([]RecordFile, error) {
	dir := Layout{Root: out}.Runs()
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, errs.E(errs.Op("pipeline.RecordFiles"), errs.Path(dir), errs.Internal, err)
	}
	files := make([]RecordFile, 0, len(paths))
	for _, p := range paths {
		rf := RecordFile{Path: p}
		b, err := os.ReadFile(p)
		if err == nil {
			err = json.Unmarshal(b, &rf.Record)
		}
		if err != nil {
			rf.Err = errs.E(errs.Op("pipeline.RecordFiles"), errs.Path(p), errs.Invalid, "not a readable run record", err)
		}
		files = append(files, rf)
	}
	sort.Slice(files, func(i, j int) bool { return runIDLess(idOf(files[j].Path), idOf(files[i].Path)) })
	return files, nil
}

func idOf(recordPath string) string { return strings.TrimSuffix(filepath.Base(recordPath), ".json") }

// runIDLess orders run ids by start time, then by the suffix NewRunID gives a second run
// started in the same second ("…Z-2" before "…Z-10").
func runIDLess(a, b string) bool {
	ab, as, _ := strings.Cut(a, "-")
	bb, bs, _ := strings.Cut(b, "-")
	if ab != bb {
		return ab < bb
	}
	an, _ := strconv.Atoi(as)
	bn, _ := strconv.Atoi(bs)
	return an < bn
}

// Pruned is what Prune removed.
type Pruned struct {
	Records []string // run record files
	AsOf    []string // as-of output folders
}

// Prune keeps the newest keep run records of the output folder out and removes the older ones,
// with every as-of output folder (a reproduction's report, marts and exports) that none of the
// kept runs wrote. It takes the output folder's lock; it never touches the warehouse, the live
// outputs or anything else. A keep below 1 keeps everything.
func Prune(out string, keep int) (Pruned, error) {
	const op errs.Op = "pipeline.Prune"
	var pr Pruned
	if keep < 1 {
		return pr, nil
	}
	lay := Layout{Root: out}
	unlock, err := lockOut(context.Background(), lay, "run --keep", false, nil)
	if err != nil {
		return pr, err
	}
	defer unlock()
	files, err := RecordFiles(out)
	if err != nil {
		return pr, err
	}
	kept := map[string]bool{}
	for _, f := range files[:min(keep, len(files))] {
		for _, o := range f.Record.Outputs {
			if stamp, ok := asOfStamp(f.Record.Out, o.Path); ok {
				kept[stamp] = true
			}
		}
	}
	asOfDir := lay.AsOfRoot("") // the folder of every reproduction's folder
	entries, err := os.ReadDir(asOfDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return pr, errs.E(op, errs.Path(asOfDir), errs.IO, err)
	}
	for _, e := range entries {
		if !e.IsDir() || kept[e.Name()] {
			continue
		}
		dir := filepath.Join(asOfDir, e.Name())
		if err := os.RemoveAll(dir); err != nil {
			return pr, errs.E(op, errs.Path(dir), errs.IO, err)
		}
		pr.AsOf = append(pr.AsOf, dir)
	}
	if len(files) > keep {
		for _, f := range files[keep:] {
			// The files a record refers to go with it, the record last, so that a retention
			// stopped half-way leaves no side file without its record.
			id := idOf(f.Path)
			for _, side := range []string{lay.FindingsFile(id), lay.FilesFile(id)} {
				if err := os.Remove(side); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return pr, errs.E(op, errs.Path(side), errs.IO, err)
				}
			}
			if err := os.Remove(f.Path); err != nil {
				return pr, errs.E(op, errs.Path(f.Path), errs.IO, err)
			}
			pr.Records = append(pr.Records, f.Path)
		}
	}
	return pr, nil
}

// asOfStamp is the as-of folder an output path of a run record lies in, if any. The record
// names its outputs under the output folder as that run was given it.
func asOfStamp(out, path string) (string, bool) {
	rel, err := filepath.Rel(Layout{Root: out}.AsOfRoot(""), path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	stamp, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return stamp, true
}

// RemoveUnpassedExports removes the live export folders (exports/sfc/*, exports/apr/*) whose
// manifest names a cut-off that has not passed at now. No run writes them any more
// (CheckCutoffPassed), but an older Mittari did when asked for a future cut-off, and a folder
// left behind looks like a transmission that can be sent. It takes the output folder's lock and
// returns the folders removed.
func RemoveUnpassedExports(out string, now time.Time) ([]string, error) {
	const op errs.Op = "pipeline.RemoveUnpassedExports"
	lay := Layout{Root: out}
	unlock, err := lockOut(context.Background(), lay, "run", false, nil)
	if err != nil {
		return nil, err
	}
	defer unlock()
	dirs, err := filepath.Glob(filepath.Join(lay.Exports(), "*", "*", "manifest.json"))
	if err != nil {
		return nil, errs.E(op, errs.Path(lay.Exports()), errs.Internal, err)
	}
	var removed []string
	for _, manifest := range dirs {
		var m struct {
			CutoffDate string `json:"cutoff_date"`
		}
		b, err := os.ReadFile(manifest)
		if err != nil || json.Unmarshal(b, &m) != nil {
			continue // not a manifest of ours: leave the folder alone
		}
		c, err := domain.ParseCutoff(m.CutoffDate)
		if err != nil || CheckCutoffPassed(c, now) == nil {
			continue
		}
		dir := filepath.Dir(manifest)
		if err := os.RemoveAll(dir); err != nil {
			return removed, errs.E(op, errs.Path(dir), errs.IO, err)
		}
		removed = append(removed, dir)
	}
	return removed, nil
}
