package warehouse

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mittari/internal/errs"
)

// RemoveUncommitted removes what runs that never committed left in the warehouse at root: the
// run_id= folders, in every table, of runs without a row in the runs table, temporary part
// files (.part-*.tmp) wherever they are, and a FORMAT file written halfway. Readers never see
// any of these, so removing them changes no figure; it returns what it removed.
//
// Only a command holding the output folder's lock may call it: the partitions of a run still
// being written are uncommitted too.
func RemoveUncommitted(root string) ([]string, error) {
	const op errs.Op = "warehouse.RemoveUncommitted"
	tables, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, errs.E(op, errs.Path(root), errs.IO, err)
	}
	committed := map[string]bool{}
	runs, err := os.ReadDir(filepath.Join(root, TableRuns))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, errs.E(op, errs.Path(root), errs.IO, err)
	}
	for _, e := range runs {
		if id, ok := strings.CutPrefix(e.Name(), "run_id="); ok {
			if _, err := os.Stat(filepath.Join(root, TableRuns, e.Name(), "part-0.parquet")); err == nil {
				committed[id] = true
			}
		}
	}
	var removed []string
	remove := func(path string) error {
		if err := os.RemoveAll(path); err != nil {
			return errs.E(op, errs.Path(path), errs.IO, err)
		}
		removed = append(removed, path)
		return nil
	}
	if _, err := os.Lstat(filepath.Join(root, FormatFile+".tmp")); err == nil {
		if err := remove(filepath.Join(root, FormatFile+".tmp")); err != nil {
			return removed, err
		}
	}
	for _, table := range tables {
		if !table.IsDir() {
			continue
		}
		parts, err := os.ReadDir(filepath.Join(root, table.Name()))
		if err != nil {
			return removed, errs.E(op, errs.Path(filepath.Join(root, table.Name())), errs.IO, err)
		}
		for _, part := range parts {
			dir := filepath.Join(root, table.Name(), part.Name())
			id, ok := strings.CutPrefix(part.Name(), "run_id=")
			if !ok || !part.IsDir() {
				continue
			}
			if !committed[id] {
				if err := remove(dir); err != nil {
					return removed, err
				}
				continue
			}
			tmps, err := filepath.Glob(filepath.Join(dir, ".part-*.tmp"))
			if err != nil {
				return removed, errs.E(op, errs.Path(dir), errs.IO, err)
			}
			for _, tmp := range tmps {
				if err := remove(tmp); err != nil {
					return removed, err
				}
			}
		}
	}
	return removed, nil
}
