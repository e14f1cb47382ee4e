// Package data embeds the programme catalogue (data/programme) and the demo inbox (data/demo) in
// the binary, so that `mittari run` works on a fresh machine with nothing but the executable.
//
// The files stay plain CSV, JSON and XLSX so that they can be reviewed and replaced.
package data

import (
	"embed"
	"io/fs"
)

//go:embed programme
var programme embed.FS

//go:embed all:demo
var demo embed.FS

// Programme is the programme catalogue's files.
func Programme() fs.FS { return sub(programme, "programme") }

// Demo is the demo inbox: projects.csv, project_targets.csv and reports/.
func Demo() fs.FS { return sub(demo, "demo") }

func sub(f embed.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the folder is embedded above; this cannot fail
	}
	return s
}
