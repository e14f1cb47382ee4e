package pipeline

import "runtime/debug"

// CodeVersion is the VCS revision the binary was built from ("+dirty" when the tree had
// uncommitted changes), or "devel" when the build carries no VCS stamp (e.g. under go test).
func CodeVersion() string {
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
