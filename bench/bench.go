package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"mittari/internal/atomicfile"
	"mittari/internal/errs"
)

// Config says what to measure and where.
type Config struct {
	Bin     string // the mittari binary
	Work    string // scratch folder for inboxes and outputs (large)
	Sizes   []int  // report rows per data set, e.g. 1e6 and 1e7
	Repeats int    // runs per measurement; the median is reported
	// XLSXMaxRows caps the XLSX data set (generating and reading millions of XLSX rows is slow
	// and beneficiaries send small workbooks); 0 means no cap.
	XLSXMaxRows int
	Markdown    string // BENCHMARKS.md to update
	Profiles    string // folder for pprof profiles of the slowest stages; "" for none
	CodeVersion string // the version measured, written beside the table
	Log         io.Writer
}

// Measurement is one row of the table.
type Measurement struct {
	Stage   string
	Rows    int
	Wall    time.Duration // median
	PeakRSS int64         // bytes, median
	Runs    int
	Note    string
}

// RowsPerSecond is the throughput of the measurement.
func (m Measurement) RowsPerSecond() float64 {
	if m.Wall <= 0 || m.Rows == 0 {
		return 0
	}
	return float64(m.Rows) / m.Wall.Seconds()
}

type sample struct {
	wall time.Duration
	rss  int64
}

// runChild runs the binary with args and returns its wall time and peak RSS.
func runChild(ctx context.Context, bin string, args ...string) (sample, string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024 // Linux reports KiB
		}
	}
	// Exit status 3 is a run that succeeded and rejected reports, as gen's invalid share makes it.
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		err = nil
	}
	if err != nil {
		return sample{}, out.String(), errs.E(errs.Op("bench.run"), errs.Path(strings.Join(args, " ")), errs.Internal, fmt.Errorf("%v\n%s", err, out.String()))
	}
	return sample{wall, rss}, out.String(), nil
}

// measure runs prepare (unmeasured) then args, repeats times, and keeps the medians.
func measure(ctx context.Context, c Config, stage string, rows int, prepare func(i int) error, args func(i int) []string) (Measurement, error) {
	var ss []sample
	for i := 0; i < c.Repeats; i++ {
		if prepare != nil {
			if err := prepare(i); err != nil {
				return Measurement{}, err
			}
		}
		s, _, err := runChild(ctx, c.Bin, args(i)...)
		if err != nil {
			return Measurement{}, err
		}
		ss = append(ss, s)
		fmt.Fprintf(c.Log, "  %-28s run %d: %6.2fs %7.0f MiB\n", stage, i+1, s.wall.Seconds(), float64(s.rss)/(1<<20))
	}
	walls := make([]time.Duration, len(ss))
	rsss := make([]int64, len(ss))
	for i, s := range ss {
		walls[i], rsss[i] = s.wall, s.rss
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	sort.Slice(rsss, func(i, j int) bool { return rsss[i] < rsss[j] })
	return Measurement{Stage: stage, Rows: rows, Wall: walls[len(walls)/2], PeakRSS: rsss[len(rsss)/2], Runs: len(ss)}, nil
}

var wroteRe = regexp.MustCompile(`(\d+) rows in`)

// generate writes an inbox of about rows report rows with the given formats and returns the
// exact row count gen reports.
func generate(ctx context.Context, c Config, dir string, rows int, formats string) (int, error) {
	if n, err := os.ReadFile(filepath.Join(dir, ".rows")); err == nil {
		return strconv.Atoi(strings.TrimSpace(string(n)))
	}
	os.RemoveAll(dir)
	// gen writes about 45.6 report rows per project over four years (measured: 30 000 projects,
	// 1.37 M rows); 81 programmes stand for 27 member states × three Home Affairs funds.
	const rowsPerProject = 45.6
	programmes := 81
	if rows < 500_000 {
		programmes = 1
	}
	projects := max(1, int(float64(rows)/rowsPerProject/float64(programmes)))
	_, out, err := runChild(ctx, c.Bin, "gen", "--out", dir, "--programmes", strconv.Itoa(programmes),
		"--projects", strconv.Itoa(projects), "--years", "4", "--seed", "42", "--formats", formats)
	if err != nil {
		return 0, err
	}
	m := wroteRe.FindStringSubmatch(out)
	if m == nil {
		return 0, errs.E(errs.Op("bench.generate"), errs.Path(dir), errs.Internal, "cannot read the row count from: "+out)
	}
	os.WriteFile(filepath.Join(dir, ".rows"), []byte(m[1]), 0o644)
	return strconv.Atoi(m[1])
}

// Run measures every stage at every size and rewrites the table in c.Markdown.
func Run(ctx context.Context, c Config) ([]Measurement, error) {
	if c.Repeats <= 0 {
		c.Repeats = 3
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	var all []Measurement
	for _, size := range c.Sizes {
		ms, err := runSize(ctx, c, size)
		all = append(all, ms...)
		if err != nil {
			return all, err
		}
	}
	if c.Markdown != "" {
		if err := writeMarkdown(c, all); err != nil {
			return all, err
		}
	}
	return all, nil
}

func label(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%gM", float64(n/100_000)/10)
	case n >= 1000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

func runSize(ctx context.Context, c Config, size int) ([]Measurement, error) {
	var ms []Measurement
	add := func(m Measurement, err error) error {
		if err == nil {
			ms = append(ms, m)
		}
		return err
	}
	tag := label(size)
	fmt.Fprintf(c.Log, "== %s report rows\n", tag)
	scratch := filepath.Join(c.Work, "out-"+tag)
	freshOut := func(int) error { return os.RemoveAll(scratch) }

	prof := func(stage string) []string {
		if c.Profiles == "" {
			return nil
		}
		os.MkdirAll(c.Profiles, 0o755)
		return []string{"--cpuprofile", filepath.Join(c.Profiles, fmt.Sprintf("%s-%s.pprof", stage, tag))}
	}

	// Ingest per format, each on an inbox of that format alone.
	var csvRows int
	for _, format := range []string{"csv", "json", "xlsx"} {
		n := size
		if format == "xlsx" && c.XLSXMaxRows > 0 && n > c.XLSXMaxRows {
			n = c.XLSXMaxRows
		}
		inbox := filepath.Join(c.Work, fmt.Sprintf("inbox-%s-%s", format, label(n)))
		rows, err := generate(ctx, c, inbox, n, format)
		if err != nil {
			return ms, err
		}
		if format == "csv" {
			csvRows = rows
		}
		m, err := measure(ctx, c, "ingest "+format, rows, freshOut, func(int) []string {
			return append([]string{"ingest", "--inbox", inbox, "--out", scratch}, prof("ingest-"+format)...)
		})
		if err := add(m, err); err != nil {
			return ms, err
		}
		if format == "csv" {
			glob := filepath.Join(inbox, "reports", "**", "*.csv")
			pq := filepath.Join(c.Work, "baseline.parquet")
			m, err := measure(ctx, c, "duckdb COPY csv→parquet (baseline)", csvRows, nil, func(int) []string {
				return []string{"duckdb-copy", "--glob", glob, "--out", pq}
			})
			m.Note = "engine-native, validates nothing"
			if err := add(m, err); err != nil {
				return ms, err
			}
		}
	}

	// A whole first run on a mixed-format inbox, then each later stage on its warehouse.
	mixed := filepath.Join(c.Work, "inbox-mixed-"+tag)
	rows, err := generate(ctx, c, mixed, size, "csv=6,xlsx=2,json=1,jsonl=1")
	if err != nil {
		return ms, err
	}
	// The nightly reports of an earlier bench would be in the first run and make the nightly
	// runs below take in nothing new.
	if err := os.RemoveAll(filepath.Join(mixed, "reports", "nightly")); err != nil {
		return ms, err
	}
	m, err := measure(ctx, c, "whole first run (mixed formats)", rows, freshOut, func(int) []string {
		return []string{"run", "--inbox", mixed, "--out", scratch}
	})
	if err := add(m, err); err != nil {
		return ms, err
	}
	results := filepath.Join(c.Work, "results-"+tag+".json")
	for _, st := range []struct {
		name, cmd string
		flags     []string
	}{
		// --full: every project, as a first run or a register change computes them, and the
		// transform's cache written again; the nightly below uses that cache.
		{"transform (every cut-off)", "transform", []string{"--full"}},
		{"charts (HTML report)", "report", nil}, {"exports (SFC + APR)", "export", nil},
	} {
		m, err := measure(ctx, c, st.name, rows, nil, func(int) []string {
			return append(append([]string{st.cmd, "--out", scratch, "--results", results}, st.flags...), prof(st.cmd)...)
		})
		if err := add(m, err); err != nil {
			return ms, err
		}
	}
	// The nightly run: one new report arrives in an inbox whose warehouse is already loaded.
	m, err = measure(ctx, c, "incremental run (1 new report)", rows, func(i int) error {
		return addOneReport(mixed, i)
	}, func(int) []string {
		return []string{"run", "--inbox", mixed, "--out", scratch}
	})
	m.Note = "end to end: ingest + transform (incremental, from the transform's cache) + charts + exports"
	if err == nil {
		err = checkNightly(filepath.Join(scratch, "runs"))
	}
	if err := add(m, err); err != nil {
		return ms, err
	}
	return ms, nil
}

// checkNightly reads the run record of the last nightly run measured and says whether it did
// what the row claims: took in one new file, and computed incrementally.
func checkNightly(runsDir string) error {
	files, err := filepath.Glob(filepath.Join(runsDir, "*.json"))
	if err != nil || len(files) == 0 {
		return errs.E(errs.Op("bench.checkNightly"), errs.Path(runsDir), errs.NotFound, "no run record")
	}
	sort.Strings(files)
	b, err := os.ReadFile(files[len(files)-1])
	if err != nil {
		return err
	}
	var rec struct {
		Ingest struct {
			FilesNew int `json:"files_new"`
		} `json:"ingest"`
		Transform struct {
			Mode     string `json:"mode"`
			Projects int    `json:"projects_recomputed"`
		} `json:"transform"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return errs.E(errs.Op("bench.checkNightly"), errs.Path(files[len(files)-1]), errs.Invalid, err)
	}
	if rec.Ingest.FilesNew != 1 || rec.Transform.Mode != "incremental" || rec.Transform.Projects < 1 {
		return errs.E(errs.Op("bench.checkNightly"), errs.Path(files[len(files)-1]), errs.Invalid,
			fmt.Sprintf("the nightly run took in %d new files and computed %q over %d projects; want 1 file, incremental, at least one project",
				rec.Ingest.FilesNew, rec.Transform.Mode, rec.Transform.Projects))
	}
	return nil
}

// addOneReport drops a new, valid report file into the inbox: a later correction of the first
// report of the first CSV file, with a submitted_at that makes it the newest version.
func addOneReport(inbox string, i int) error {
	var first string
	filepath.WalkDir(filepath.Join(inbox, "reports"), func(p string, d os.DirEntry, err error) error {
		if err == nil && first == "" && !d.IsDir() && strings.HasSuffix(p, ".csv") && !strings.Contains(p, "nightly") {
			first = p
		}
		return nil
	})
	if first == "" {
		return errs.E(errs.Op("bench.addOneReport"), errs.Path(inbox), errs.NotFound, "no CSV report to correct")
	}
	b, err := os.ReadFile(first)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	head := strings.Split(lines[1], ",")
	var out []string
	out = append(out, lines[0])
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if f[0] != head[0] || f[1] != head[1] {
			break
		}
		// Later than any generated report (the data end in 2025, reports follow within 60 days).
		f[3] = time.Date(2026, 6, 1+i, 12, 0, 0, 0, time.UTC).Format(time.RFC3339)
		out = append(out, strings.Join(f, ","))
	}
	dst := filepath.Join(inbox, "reports", "nightly", fmt.Sprintf("correction-%d.csv", i))
	return atomicfile.WriteBytes(dst, []byte(strings.Join(out, "\n")+"\n"))
}

const beginMark, endMark = "<!-- bench:begin -->", "<!-- bench:end -->"

func writeMarkdown(c Config, ms []Measurement) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", beginMark)
	fmt.Fprintf(&b, "Measured %s on %s (%d cores), %s, code version %s; median of %d runs, each stage in its own process.\n\n",
		time.Now().UTC().Format("2006-01-02"), cpuModel(), runtime.NumCPU(), runtime.Version(), c.CodeVersion, c.Repeats)
	b.WriteString("| stage | rows | wall | rows/s | peak RSS | note |\n|---|---:|---:|---:|---:|---|\n")
	baseline, csv := map[int]time.Duration{}, map[int]time.Duration{}
	smallest := map[string]Measurement{} // each ingest stage's smallest data set, for its memory
	for _, m := range ms {
		switch {
		case strings.HasPrefix(m.Stage, "duckdb COPY"):
			baseline[m.Rows] = m.Wall
		case m.Stage == "ingest csv":
			csv[m.Rows] = m.Wall
		}
		if s, ok := smallest[m.Stage]; strings.HasPrefix(m.Stage, "ingest ") && (!ok || m.Rows < s.Rows) {
			smallest[m.Stage] = m
		}
	}
	for _, m := range ms {
		var notes []string
		if m.Note != "" {
			notes = append(notes, m.Note)
		}
		if bl, ok := baseline[m.Rows]; ok && bl > 0 && m.Stage == "ingest csv" {
			notes = append(notes, fmt.Sprintf("%.2f × the DuckDB COPY baseline", m.Wall.Seconds()/bl.Seconds()))
		}
		if c, ok := csv[m.Rows]; ok && c > 0 && m.Stage == "ingest json" {
			notes = append(notes, fmt.Sprintf("%.2f × CSV ingest of the same rows", m.Wall.Seconds()/c.Seconds()))
		}
		if s, ok := smallest[m.Stage]; ok && s.Rows < m.Rows && s.PeakRSS > 0 {
			notes = append(notes, fmt.Sprintf("peak RSS %.2f × that at %s", float64(m.PeakRSS)/float64(s.PeakRSS), label(s.Rows)))
		}
		note := strings.Join(notes, "; ")
		fmt.Fprintf(&b, "| %s | %s | %.2f s | %s | %.0f MiB | %s |\n", m.Stage, label(m.Rows), m.Wall.Seconds(),
			humanRate(m.RowsPerSecond()), float64(m.PeakRSS)/(1<<20), note)
	}
	b.WriteString("\nThe targets of issue 16, judged from the rows above:\n\n")
	b.WriteString(targetsMarkdown(ms))
	fmt.Fprintf(&b, "%s\n", endMark)

	old, _ := os.ReadFile(c.Markdown)
	s := string(old)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i >= 0 && j > i {
		s = s[:i] + b.String() + s[j+len(endMark)+1:]
	} else {
		s += "\n" + b.String()
	}
	return atomicfile.WriteBytes(c.Markdown, []byte(s))
}

func humanRate(r float64) string {
	switch {
	case r >= 1e6:
		return fmt.Sprintf("%.2f M", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.0f k", r/1e3)
	}
	return fmt.Sprintf("%.0f", r)
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if _, v, ok := strings.Cut(l, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}
