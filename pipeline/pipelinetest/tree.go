package pipelinetest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Published maps every file of the generation published in output folder out (through the
// current link) to a digest of its content, by path relative to the generation, leaving out
// generation.json (which says which command made the generation, and when). Every file is
// digested byte for byte: the marts too, which transform writes in the order of their key.
func Published(out string) (map[string]string, error) {
	root, err := filepath.EvalSymlinks(filepath.Join(out, "current"))
	if err != nil {
		return nil, err
	}
	tree := map[string]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "generation.json" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		tree[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	return tree, err
}

// Diff lists the files that differ between two trees of Published, sorted; a file in one only
// is listed with "(only in got)" or "(missing)".
func Diff(got, want map[string]string) []string {
	var diff []string
	for p, h := range want {
		if g, ok := got[p]; !ok {
			diff = append(diff, p+" (missing)")
		} else if g != h {
			diff = append(diff, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diff = append(diff, p+" (only in got)")
		}
	}
	sort.Strings(diff)
	return diff
}

// FolderBytes is every file and folder under dir with its mode and, for a file, its bytes, as
// text: two calls give the same text exactly when nothing under dir changed (a sent folder
// must never).
func FolderBytes(dir string) (string, error) {
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		var c []byte
		if !d.IsDir() {
			if c, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "%s %v %x\n", rel, info.Mode(), c)
		return nil
	})
	return b.String(), err
}
