package transform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"sync"

	"mittari/internal/buildid"
)

// codeIdentity names the code the cached tables were computed with, for the cache's
// fingerprint: the embedded SQL (models, macros, queries) and the build that runs it
// (buildid.Of). Two builds of the same source and version share a cache; the path, size and
// time of the binary play no part, since every `make build` writes the binary anew.
var codeIdentity = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return codeIdentityOf(info, buildid.Executable, modelFiles, queryFiles)
})

// codeIdentityOf hashes the files of sqlFiles and the build described by info.
func codeIdentityOf(info *debug.BuildInfo, executable func() string, sqlFiles ...fs.FS) string {
	h := sha256.New()
	for _, fsys := range sqlFiles {
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := fs.ReadFile(fsys, p)
				fmt.Fprintf(h, "%s %d\n", p, len(b))
				h.Write(b)
			}
			return nil
		})
	}
	io.WriteString(h, buildid.Of(info, executable))
	return hex.EncodeToString(h.Sum(nil))
}
