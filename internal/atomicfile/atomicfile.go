package atomicfile

import (
	"io"
	"os"
	"path/filepath"
)

// Write creates path (and its folder) with the bytes that fill writes, atomically.
func Write(path string, fill func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// ReplaceDir swaps a fully written folder tmp into place at dst, keeping the previous dst until
// the new one is there. Used for output folders that must change as a whole (an export version).
func ReplaceDir(tmp, dst string) error {
	old := dst + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(dst); err == nil {
		if err := os.Rename(dst, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}

// Symlink makes path a symbolic link to target, atomically: a reader resolving path finds the
// old target or the new one, never nothing. The link is made under a temporary name in path's
// folder and renamed over path (rename(2) replaces a link whole).
func Symlink(target, path string) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-link")
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// SyncDir flushes a folder's entries (files created, renamed or removed in it) to disk, so that
// a rename survives a power cut as well as a crash.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// LinkOrCopy puts the file at from at to, atomically, replacing what was there: hard-linked where
// the file system allows (the callers never rewrite such files in place, so the two names may
// share them) and otherwise copied, streamed and synced; either way under a temporary name in
// to's folder renamed over to, so a reader finds the old file or the new one, never a part.
func LinkOrCopy(from, to string) error {
	tmp := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".tmp-link")
	os.Remove(tmp)
	if err := os.Link(from, tmp); err == nil {
		if err := os.Rename(tmp, to); err != nil {
			os.Remove(tmp)
			return err
		}
		return nil
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	return Write(to, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
