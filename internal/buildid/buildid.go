package buildid

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Identity is a hash of Of for the running program: two builds of the same source, modules and
// stamped version share it; a developer's rebuilt binary of a tree with uncommitted changes
// does not.
var Identity = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	sum := sha256.Sum256([]byte(Of(info, Executable)))
	return hex.EncodeToString(sum[:])
})

// Of describes the build: its Go version, its modules (DuckDB's among them) and its
// settings, among which the version the Makefile stamps with -ldflags (git describe). A version
// that cannot tell two builds apart — none, "devel", or one marking uncommitted changes
// ("-dirty", or Go's vcs.modified) — is completed by the executable's own identity, so that a
// developer's rebuilt binary does not read a cache its previous code wrote.
func Of(info *debug.BuildInfo, executable func() string) string {
	if info == nil {
		return "no build information; executable " + executable()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "go %s\nmain %s %s %s\n", info.GoVersion, info.Path, info.Main.Version, info.Main.Sum)
	for _, d := range info.Deps {
		fmt.Fprintf(&b, "dep %s %s %s\n", d.Path, d.Version, d.Sum)
		if d.Replace != nil {
			fmt.Fprintf(&b, "replaced by %s %s %s\n", d.Replace.Path, d.Replace.Version, d.Replace.Sum)
		}
	}
	identified, dirty := false, false
	for _, s := range info.Settings {
		fmt.Fprintf(&b, "setting %s=%s\n", s.Key, s.Value)
		switch s.Key {
		case "-ldflags":
			for _, v := range stampedValues(s.Value) {
				identified = identified || (v != "" && v != "devel")
				dirty = dirty || strings.HasSuffix(v, "dirty")
			}
		case "vcs.revision":
			identified = true
		case "vcs.modified":
			dirty = dirty || s.Value == "true"
		}
	}
	if !identified || dirty {
		fmt.Fprintf(&b, "executable %s\n", executable())
	}
	return b.String()
}

// stampedValues are the values an -ldflags setting gives variables with -X name=value.
func stampedValues(ldflags string) []string {
	var out []string
	fields := strings.Fields(ldflags)
	for i, f := range fields {
		if f == "-X" && i+1 < len(fields) {
			f = fields[i+1]
		} else if v, ok := strings.CutPrefix(f, "-X="); ok {
			f = v
		} else {
			continue
		}
		if _, v, ok := strings.Cut(f, "="); ok {
			out = append(out, strings.Trim(v, `"'`))
		}
	}
	return out
}

// Executable identifies the running program's bytes (ExecutableOf).
func Executable() string {
	exe, err := os.Executable()
	if err != nil {
		// Nothing identifies this program: what it wrote is never taken for another's.
		return fmt.Sprintf("unidentified %d", time.Now().UnixNano())
	}
	return ExecutableOf(exe)
}

// ExecutableOf identifies the program at path by its bytes, not its name or time: the
// Go build ID that the linker writes in an ELF note (a hash of the build's inputs and output),
// else a hash of the whole file.
func ExecutableOf(path string) string {
	if id, ok := goBuildID(path); ok {
		return "build id " + id
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("unidentified %d", time.Now().UnixNano())
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Sprintf("unidentified %d", time.Now().UnixNano())
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil))
}

// goBuildID reads the Go build ID from an ELF file's .note.go.buildid: a note whose name is
// "Go" and whose description is the ID.
func goBuildID(path string) (string, bool) {
	f, err := elf.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return "", false
	}
	b, err := s.Data()
	if err != nil || len(b) < 16 {
		return "", false
	}
	// namesz, descsz and type, 4 bytes each, then the name padded to 4 bytes, then the ID.
	namesz, descsz := int(f.ByteOrder.Uint32(b[0:])), int(f.ByteOrder.Uint32(b[4:]))
	start := 12 + (namesz+3)&^3
	if namesz != 4 || string(b[12:14]) != "Go" || start+descsz > len(b) || descsz == 0 {
		return "", false
	}
	return string(b[start : start+descsz]), true
}
