package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"mittari/ingest"
	"mittari/internal/errs"
	"mittari/pipeline"
)

// The folders a command is given are checked before anything is created, so that a mistyped
// path or an unmounted share is a usage error that names it, not a half-made output folder.

// checkInbox makes sure dir, given as --inbox, is an inbox: a folder holding the register files.
func checkInbox(dir string) error {
	what := fmt.Sprintf("an inbox holds %s, %s and %s/", ingest.ProjectsFile, ingest.TargetsFile, ingest.ReportsDir)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errs.E(errs.Op("main.checkInbox"), errs.Usage,
			fmt.Sprintf("--inbox %s: no such folder; check the path, or that the share holding it is mounted (%s)", dir, what))
	case err != nil:
		return errs.E(errs.Op("main.checkInbox"), errs.IO, fmt.Sprintf("--inbox %s", dir), err)
	case !st.IsDir():
		return errs.E(errs.Op("main.checkInbox"), errs.Usage,
			fmt.Sprintf("--inbox %s is a file; give the folder it is in (%s)", dir, what))
	}
	var missing []string
	for _, f := range []string{ingest.ProjectsFile, ingest.TargetsFile} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || !st.Mode().IsRegular() {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return errs.E(errs.Op("main.checkInbox"), errs.Usage,
			fmt.Sprintf("--inbox %s has no %s, so it is not an inbox: give the inbox folder itself (%s)",
				dir, strings.Join(missing, " and no "), what))
	}
	return nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// checkOut refuses an output folder that is a file.
func checkOut(dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return errs.E(errs.Op("main.checkOut"), errs.Usage,
			fmt.Sprintf("--out %s is a file; give a folder (it is created if it does not exist)", dir))
	}
	return nil
}

// memorySize is what DuckDB's memory_limit takes: a number and a unit.
var memorySize = regexp.MustCompile(`(?i)^\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$`)

// checkMemoryLimit refuses a --memory-limit DuckDB would only refuse after ingest has run.
func checkMemoryLimit(v string) error {
	if memorySize.MatchString(strings.TrimSpace(v)) {
		return nil
	}
	return errs.E(errs.Op("main.checkMemoryLimit"), errs.Usage,
		fmt.Sprintf("--memory-limit %s: expected a size such as 1GB or 512MB", v))
}

// checkWarehouse makes sure the output folder out, given to a stage command, holds a warehouse.
func checkWarehouse(cmd, out string) error {
	if isDir(pipeline.Layout{Root: out}.Warehouse()) {
		return nil
	}
	return errs.E(errs.Op("main.checkWarehouse"), errs.Usage,
		fmt.Sprintf("--out %s holds no warehouse, so `mittari %s` has nothing to read: give the output folder of an earlier run, or run `mittari run --inbox DIR --out %s` first", out, cmd, out))
}
