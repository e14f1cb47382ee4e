package export

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mittari/domain"
	"mittari/internal/errs"
)

// removeMisnamed removes the transmission folders under sfcDir whose name is not the SFC2021
// version of the cut-off their manifest states: folders an earlier Mittari named by the
// cut-off's own year (202512 for 2025-12-31, now 202612). Left beside the new ones they would
// offer the desk officer two folders for one cut-off, one of them under a version the Commission
// gives another cut-off. A folder without a readable manifest is not Mittari's and is left alone,
// as are the hidden folders of a write in progress.
func removeMisnamed(sfcDir string) error {
	return removeFoldersNotNamedFor(sfcDir, errs.Op("export.removeMisnamed"), func(name, cutoff string) bool {
		c, err := domain.ParseCutoff(cutoff)
		return err != nil || c.Version() == name
	})
}

// removeFoldersNotNamedFor removes the folders under dir whose manifest states a cut-off that
// named(folder name, cut-off) says the folder is not named for. A folder without a readable
// manifest is not Mittari's and is left alone, as are the hidden folders of a write in progress;
// a folder a killed swap left as <name>.old is judged by <name>.
func removeFoldersNotNamedFor(dir string, op errs.Op, named func(name, cutoff string) bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errs.E(op, errs.Path(dir), errs.IO, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name(), "manifest.json"))
		if err != nil {
			continue
		}
		var m struct {
			CutoffDate string `json:"cutoff_date"`
		}
		if json.Unmarshal(b, &m) != nil || named(strings.TrimSuffix(e.Name(), ".old"), m.CutoffDate) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return errs.E(op, errs.Path(filepath.Join(dir, e.Name())), errs.IO, err)
		}
	}
	return nil
}
