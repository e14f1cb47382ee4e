package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

func init() {
	commands["help"] = command{synopsis: "[command]", summary: "show the commands, or the flags of one",
		run: func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
			return dispatch(ctx, append([]string{"help"}, args...), stdout, stderr)
		}}
}

// newFlags is a command's flag set; parseFlags prints its usage and errors, never the flag
// package itself.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs and reports whether the command should go on. --help prints
// the usage to stdout (status 0); a flag that does not exist or a bad value is a usage error
// that names the flag, suggests the nearest one and says where the flags are listed.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (ok bool, status int) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	if err == nil {
		return true, exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout, fs)
		return false, exitOK
	}
	return false, usageError(stderr, fs.Name(), flagError(fs, err), "run `mittari help "+fs.Name()+"` for its flags")
}

// flagError rewrites the flag package's message in the command's terms: --name rather than
// -name, and a suggestion for a flag that does not exist.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimPrefix(name, "-")
		out := fmt.Sprintf("`mittari %s` has no flag %s", fs.Name(), dashes(name))
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if s := suggest(name, names); s != "" {
			out += fmt.Sprintf("; did you mean %s?", dashes(s))
		}
		return out
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("%s needs a value", dashes(strings.TrimPrefix(name, "-")))
	}
	// "invalid value "x" for flag -threads: parse error"
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if value, flagPart, ok := strings.Cut(rest, " for flag -"); ok {
			name, _, _ := strings.Cut(flagPart, ":")
			if v, err := strconv.Unquote(value); err == nil {
				value = v
			}
			want := "another value"
			if _, why, ok := strings.Cut(flagPart, ": "); ok && why != "parse error" && why != "" {
				want = why // a flag of the command's own type says what it expects
			}
			if f := fs.Lookup(name); f != nil {
				switch f.Value.(flag.Getter).Get().(type) {
				case int, int64, uint, uint64:
					want = "a whole number"
				case float64:
					want = "a number such as " + f.DefValue
				case bool:
					want = "true or false"
				case time.Duration:
					want = "a duration such as 30s"
				}
			}
			return fmt.Sprintf("%s %s: expected %s", dashes(name), value, want)
		}
	}
	return msg
}

// noArgs refuses arguments left after the flags of a command that takes none.
func noArgs(fs *flag.FlagSet, stderr io.Writer) (ok bool, status int) {
	if fs.NArg() == 0 {
		return true, exitOK
	}
	return false, usageError(stderr, fs.Name(),
		fmt.Sprintf("`mittari %s` takes only flags, not %q", fs.Name(), strings.Join(fs.Args(), " ")),
		"flags are written --name VALUE; run `mittari help "+fs.Name()+"` for them")
}

// printUsage prints "usage: mittari NAME SYNOPSIS", the summary and every flag of the command.
func printUsage(w io.Writer, fs *flag.FlagSet) {
	c := commands[fs.Name()]
	fmt.Fprintf(w, "usage: %s\n\n%s\n", strings.TrimSpace("mittari "+fs.Name()+" "+c.synopsis), capitalise(c.summary))
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		left := dashes(f.Name)
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool {
			left += " " + strings.ToUpper(argName(arg))
		}
		if d := f.DefValue; d != "" && d != "0" && d != "false" {
			usage += fmt.Sprintf(" (default %s)", d)
		}
		width = max(width, len(left))
		lines = append(lines, line{left, usage})
	})
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nflags:")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, l.usage)
	}
}

// dashes writes a flag as the usage lines do: -n for a one-letter flag, --name for the others.
func dashes(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// argName turns the flag package's type names into the placeholders of the usage line.
func argName(t string) string {
	switch t {
	case "string", "value":
		return "VALUE"
	case "int", "uint":
		return "N"
	case "float":
		return "X"
	}
	return t
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// suggest is the option nearest to given, if it is near enough to be what was meant: a few
// typing mistakes away, or the start of it.
func suggest(given string, options []string) string {
	best, bestD := "", 0
	sort.Strings(options)
	for _, o := range options {
		d := editDistance(strings.ToLower(given), strings.ToLower(o))
		if best == "" || d < bestD {
			best, bestD = o, d
		}
	}
	if best == "" {
		return ""
	}
	if bestD <= max(1, len(best)/3) && bestD < len([]rune(given)) {
		return best
	}
	for _, o := range options {
		if len(given) >= 2 && strings.HasPrefix(o, given) {
			return o
		}
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance (with adjacent transpositions) of a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
