package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand; run returns the process exit status (see exit.go).
type command struct {
	// synopsis is what follows "mittari <name>" on the usage line, e.g. "--inbox DIR [flags] FILE...".
	synopsis string
	summary  string
	// hidden commands work but are left out of the help (tools the benchmarks call).
	hidden bool
	run    func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		overview(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			return help(ctx, args[1], args[2:], stdout, stderr)
		}
		overview(stdout)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		return unknownCommand(args[0], stderr)
	}
	restore := setDefaultLogger(stderr)
	defer restore()
	return c.run(ctx, args[1:], stdout, stderr)
}

// help prints a command's usage and flags to stdout: `mittari help run` is `mittari run --help`.
func help(ctx context.Context, name string, rest []string, stdout, stderr io.Writer) int {
	switch name {
	case "help", "-h", "-help", "--help":
		overview(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		return unknownCommand(name, stderr)
	}
	if len(rest) > 0 {
		return usageError(stderr, "help", fmt.Sprintf("`mittari help %s` takes nothing more (got %q)", name, strings.Join(rest, " ")),
			"run `mittari help "+name+"`")
	}
	return c.run(ctx, []string{"--help"}, stdout, stderr)
}

func unknownCommand(name string, stderr io.Writer) int {
	msg := fmt.Sprintf("%q is not a mittari command", name)
	if s := suggest(name, visibleCommands()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError(stderr, "", msg, "run `mittari help` for the list of commands")
}

func visibleCommands() []string {
	var names []string
	for n, c := range commands {
		if !c.hidden {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// overview is `mittari help`: every command with its usage line and what it does.
func overview(w io.Writer) {
	fmt.Fprintln(w, "usage: mittari <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := visibleCommands()
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, n := range names {
		fmt.Fprintf(w, "  %-*s  %s\n", width, n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "`mittari help <command>` (or `mittari <command> --help`) shows a command's flags.")
	fmt.Fprintln(w, "Exit status: 0 success, 1 a stage failed, 2 usage error, 3 success but this run rejected")
	fmt.Fprintln(w, "reports or files, 4 the output folder is in use by another mittari command.")
	fmt.Fprintln(w, "Logs go to stderr: text for a terminal, JSON lines otherwise (MITTARI_LOG=text|json overrides).")
}
