package pipeline

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"mittari/internal/errs"
)

// MaterializeInbox copies an inbox held in an fs.FS (the embedded demo inbox) into dir, so that
// every stage reads files from disk the same way whatever the inbox's origin. File contents, and
// so their hashes, are unchanged: a second run on the embedded demo ingests nothing new.
func MaterializeInbox(src fs.FS, dir string) error {
	return fs.WalkDir(src, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return errs.E(errs.Op("pipeline.MaterializeInbox"), errs.Path(path), errs.IO, err)
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := src.Open(path)
		if err != nil {
			return errs.E(errs.Op("pipeline.MaterializeInbox"), errs.Path(path), errs.IO, err)
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return errs.E(errs.Op("pipeline.MaterializeInbox"), errs.Path(target), errs.IO, err)
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return errs.E(errs.Op("pipeline.MaterializeInbox"), errs.Path(target), errs.IO, err)
		}
		return out.Close()
	})
}
