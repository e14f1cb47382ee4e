package transform

import (
	iofs "io/fs"
	"runtime/debug"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCodeIdentityFollowsBuild: the cache's code identity changes with the SQL, the Go version,
// the modules and the stamped version, and with nothing else; the executable itself counts only
// when the version cannot tell builds apart (none, devel, or a tree with uncommitted changes).
func TestCodeIdentityFollowsBuild(t *testing.T) {
	models := fstest.MapFS{"models/marts/m.sql": {Data: []byte("CREATE OR REPLACE TABLE m AS SELECT 1")}}
	queries := fstest.MapFS{"queries/q.sql": {Data: []byte("SELECT 1")}}
	build := func(version string) *debug.BuildInfo {
		info := &debug.BuildInfo{GoVersion: "go1.26.8", Path: "mittari/cmd/mittari",
			Main:     debug.Module{Path: "mittari", Version: "(devel)"},
			Deps:     []*debug.Module{{Path: "github.com/duckdb/duckdb-go/v2", Version: "v2.10506.0", Sum: "h1:x"}},
			Settings: []debug.BuildSetting{{Key: "CGO_ENABLED", Value: "1"}}}
		if version != "" {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: "-ldflags", Value: "-X mittari/pipeline.buildVersion=" + version})
		}
		return info
	}
	// Each call of the executable's identity is new, as a rebuilt binary's path, size and time
	// would be: a build identified by its version must not depend on it.
	calls := 0
	rebuilt := func() string { calls++; return strings.Repeat("x", calls) }
	same := func() string { return "same bytes" }
	id := func(info *debug.BuildInfo, exe func() string, fss ...fstest.MapFS) string {
		if fss == nil {
			fss = []fstest.MapFS{models, queries}
		}
		var files []iofs.FS
		for _, f := range fss {
			files = append(files, f)
		}
		return codeIdentityOf(info, exe, files...)
	}
	base := id(build("v1.4.0"), rebuilt)
	if got := id(build("v1.4.0"), rebuilt); got != base {
		t.Fatal("two builds of the same version differ: the cache would be thrown away by every rebuild")
	}
	if calls != 0 {
		t.Fatalf("a versioned build consulted the executable %d times", calls)
	}
	otherDep := build("v1.4.0")
	otherDep.Deps[0].Version = "v2.10600.0"
	otherGo := build("v1.4.0")
	otherGo.GoVersion = "go1.27.0"
	changedQueries := fstest.MapFS{"queries/q.sql": {Data: []byte("SELECT 2")}}
	for name, other := range map[string]string{
		"another version":  id(build("v1.4.1"), rebuilt),
		"another DuckDB":   id(otherDep, rebuilt),
		"another Go":       id(otherGo, rebuilt),
		"another query":    id(build("v1.4.0"), rebuilt, models, changedQueries),
		"a query less":     id(build("v1.4.0"), rebuilt, models),
		"without versions": id(build(""), same),
	} {
		if other == base {
			t.Errorf("%s: same code identity", name)
		}
	}
	for _, version := range []string{"", "devel", "f3fe7cd-dirty"} {
		a, b := id(build(version), func() string { return "A" }), id(build(version), func() string { return "B" })
		if a == b {
			t.Errorf("version %q: two different executables share a cache", version)
		}
		if id(build(version), same) != id(build(version), same) {
			t.Errorf("version %q: the same executable twice gets two identities", version)
		}
	}
	modified := build("")
	modified.Settings = append(modified.Settings, debug.BuildSetting{Key: "vcs.revision", Value: "abc"},
		debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	if id(modified, func() string { return "A" }) == id(modified, func() string { return "B" }) {
		t.Error("a build of a modified tree (vcs.modified) ignores its executable")
	}
}
