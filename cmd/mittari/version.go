package main

import (
	"context"
	"fmt"
	"io"

	"mittari/pipeline"
)

func init() {
	commands["version"] = command{synopsis: "", summary: "print the version of the code this binary was built from",
		run: func(_ context.Context, args []string, stdout, stderr io.Writer) int {
			fs := newFlags("version")
			if ok, st := parseFlags(fs, args, stdout, stderr); !ok {
				return st
			}
			if ok, st := noArgs(fs, stderr); !ok {
				return st
			}
			fmt.Fprintln(stdout, "mittari", pipeline.CodeVersion())
			return exitOK
		}}
}
