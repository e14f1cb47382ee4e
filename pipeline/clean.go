package pipeline

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"mittari/internal/errs"
	"mittari/sent"
	"mittari/warehouse"
)

// cleanLeftovers removes what commands killed earlier left in the output folder, and marks
// their records: partitions of runs that never committed (and temporary part files), the
// transform cache's temporary file and its write-ahead log, DuckDB's spill folders, temporary
// records and findings files, staging folders of generations never published (and a link half
// switched). It runs first thing under the lock, when no other command can be writing, and
// touches nothing a committed run or a generation uses. A record still "running" belongs to a
// process that died: it becomes "killed".
func cleanLeftovers(lay Layout, log *slog.Logger) error {
	const op errs.Op = "pipeline.cleanLeftovers"
	removed, err := warehouse.RemoveUncommitted(lay.Warehouse())
	if err != nil {
		return err
	}
	var globs = []string{
		filepath.Join(filepath.Dir(lay.Cache()), filepath.Base(lay.Cache())+".tmp-*"), // and its .wal
		filepath.Join(lay.Tmp(), "*"),
		filepath.Join(lay.Runs(), ".*.tmp-*"),
		filepath.Join(lay.Generations(), stagingLabel+"*"),
		filepath.Join(lay.Root, "as-of", stagingLabel+"*"),
		filepath.Join(lay.Root, ".*.tmp-link"),
		filepath.Join(lay.Sent(), sent.StagingPrefix+"*"), // a send killed before its folder was renamed in
		filepath.Join(lay.Sent(), sent.AcknowledgedDir, ".*.tmp-*"),
	}
	for _, g := range globs {
		matches, err := filepath.Glob(g)
		if err != nil {
			return errs.E(op, errs.Path(g), errs.Internal, err)
		}
		for _, m := range matches {
			if err := os.RemoveAll(m); err != nil {
				return errs.E(op, errs.Path(m), errs.IO, err)
			}
			removed = append(removed, m)
		}
	}
	// A reproduction's folder swapped in halfway: ReplaceDir had moved the old one aside.
	olds, _ := filepath.Glob(filepath.Join(lay.Root, "as-of", "*.old"))
	for _, old := range olds {
		dst := strings.TrimSuffix(old, ".old")
		if _, err := os.Stat(dst); os.IsNotExist(err) {
			if err := os.Rename(old, dst); err != nil {
				return errs.E(op, errs.Path(old), errs.IO, err)
			}
			continue
		}
		if err := os.RemoveAll(old); err != nil {
			return errs.E(op, errs.Path(old), errs.IO, err)
		}
		removed = append(removed, old)
	}
	for _, p := range removed {
		log.Info("removed what a stopped command left", "path", p)
	}
	return markKilled(lay, log)
}

// markKilled turns the records of runs that were still running when their process died into
// "killed" ones, saying so.
func markKilled(lay Layout, log *slog.Logger) error {
	ids, err := recordIDs(lay)
	if err != nil {
		return errs.E(errs.Op("pipeline.markKilled"), errs.Path(lay.Runs()), errs.IO, err)
	}
	for _, id := range ids {
		r, err := readRecord(lay, id)
		if err != nil || r == nil || r.Status != StatusRunning {
			continue
		}
		r.Status = StatusKilled
		r.Error = "the run stopped before it finished (its process was killed, or the machine went down); " +
			"the published outputs stayed those of the run before; what it committed to the warehouse is reported by the next run that finishes"
		if r.Ingest.FindingsFile == "" {
			r.Error += "; its findings were not recorded"
		}
		if _, err := r.write(lay); err != nil {
			return errs.E(errs.Op("pipeline.markKilled"), errs.Path(lay.Record(id)), errs.IO, err)
		}
		log.Warn("a run was killed before it finished; its record says so", "run_id", id)
	}
	return nil
}
