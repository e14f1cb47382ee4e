package main

import (
	"context"
	"fmt"
	"io"

	"mittari/pipeline"
)

func init() {
	commands["version"] = command{"print the code version", func(_ context.Context, _ []string, stdout, _ io.Writer) int {
		fmt.Fprintln(stdout, "mittari", pipeline.CodeVersion())
		return 0
	}}
}
