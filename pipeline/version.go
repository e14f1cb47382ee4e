package pipeline

import "runtime/debug"

// buildVersion is set by the Makefile (-ldflags "-X mittari/pipeline.buildVersion=..."), because
// Go's own VCS stamp is off where GOFLAGS carries -buildvcs=false.
var buildVersion string

// CodeVersion is the version the binary was built from: the Makefile's `git describe`, else Go's
// VCS stamp ("+dirty" when the tree had uncommitted changes), else "devel" (e.g. under go test).
func CodeVersion() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "+dirty"
	}
	return rev
}
