package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Logs go to stderr as JSON lines (log/slog) when stderr is not a terminal — a systemd unit, cron,
// a pipe — so that a log shipper or `jq` reads every line; at a terminal they are text for a
// person, with a progress bar while a long stage runs. MITTARI_LOG=json or text overrides the
// choice; MITTARI_TRACE=1 adds the debug lines (each transform step's time).

// jsonLogs says whether what is written to w is for a program.
func jsonLogs(w io.Writer) bool {
	switch os.Getenv("MITTARI_LOG") {
	case "json":
		return true
	case "text":
		return false
	}
	return !isTerminal(w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}

func logLevel() slog.Level {
	if os.Getenv("MITTARI_TRACE") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// setDefaultLogger makes the process's slog logger write to stderr in the chosen form (the
// stages log through slog.Default) and returns the function that puts the previous one back.
func setDefaultLogger(stderr io.Writer) (restore func()) {
	prev := slog.Default()
	if jsonLogs(stderr) {
		slog.SetDefault(slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: logLevel()})))
		return func() { slog.SetDefault(prev) }
	}
	h := newHumanHandler(stderr, isTerminal(stderr), logLevel())
	slog.SetDefault(slog.New(h))
	return func() { h.stopBar(); slog.SetDefault(prev) }
}

// The messages a stage's progress is logged with (see logStages).
const (
	msgStageStarted  = "stage started"
	msgStageFinished = "stage finished"
	msgStageFailed   = "stage failed"
)

// humanHandler writes log records for a person: a line per finished stage with its time,
// warnings and errors as sentences, and a progress bar on the terminal while a stage runs.
type humanHandler struct {
	shared *humanState
	attrs  []slog.Attr
	level  slog.Level
}

type humanState struct {
	mu   sync.Mutex
	w    io.Writer
	live bool // w is a terminal: draw the bar
	bar  *bar
}

func newHumanHandler(w io.Writer, live bool, level slog.Level) *humanHandler {
	return &humanHandler{shared: &humanState{w: w, live: live}, level: level}
}

func (h *humanHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *humanHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &humanHandler{shared: h.shared, attrs: append(append([]slog.Attr{}, h.attrs...), as...), level: h.level}
}

func (h *humanHandler) WithGroup(string) slog.Handler { return h }

func (h *humanHandler) Handle(_ context.Context, r slog.Record) error {
	attrs := append([]slog.Attr{}, h.attrs...)
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a); return true })
	str := func(key string) string {
		for _, a := range attrs {
			if a.Key == key {
				return a.Value.String()
			}
		}
		return ""
	}
	num := func(key string) float64 {
		for _, a := range attrs {
			if a.Key == key && a.Value.Kind() == slog.KindFloat64 {
				return a.Value.Float64()
			}
		}
		return 0
	}
	s := h.shared
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.Message {
	case msgRunFinished:
		return nil // the command prints its summary on stdout
	case msgStageStarted:
		if s.live {
			s.startBar(str("stage"), time.Duration(num("expected_seconds")*float64(time.Second)))
		}
		return nil
	case msgStageFinished, msgStageFailed:
		s.clearBar()
		line := fmt.Sprintf("%-9s %6.2fs", str("stage"), num("seconds"))
		if r.Message == msgStageFailed {
			line = fmt.Sprintf("%-9s failed after %.2fs: %s", str("stage"), num("seconds"), str("error"))
		}
		_, err := fmt.Fprintln(s.w, line)
		return err
	}
	s.clearLine()
	var b strings.Builder
	switch {
	case r.Level >= slog.LevelError:
		b.WriteString("error: ")
	case r.Level >= slog.LevelWarn:
		b.WriteString("warning: ")
	case r.Level < slog.LevelInfo:
		b.WriteString("  · ")
	}
	b.WriteString(r.Message)
	for i, a := range attrs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %v", strings.ReplaceAll(a.Key, "_", " "), a.Value)
	}
	_, err := fmt.Fprintln(s.w, b.String())
	return err
}

func (h *humanHandler) stopBar() {
	h.shared.mu.Lock()
	defer h.shared.mu.Unlock()
	h.shared.clearBar()
}

// bar is the progress of the stage running. Stages report no progress of their own, so the bar
// compares the time spent with what the same stage took in the last successful run; a stage
// never timed before shows its time only.
type bar struct {
	stage    string
	started  time.Time
	expected time.Duration
	stop     chan struct{}
}

func (s *humanState) startBar(stage string, expected time.Duration) {
	s.clearBar()
	b := &bar{stage: stage, started: time.Now(), expected: expected, stop: make(chan struct{})}
	s.bar = b
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-b.stop:
				return
			case now := <-t.C:
				s.mu.Lock()
				if s.bar == b {
					fmt.Fprint(s.w, "\r\x1b[K"+renderBar(b.stage, now.Sub(b.started), b.expected, 30))
				}
				s.mu.Unlock()
			}
		}
	}()
}

// clearBar stops the bar and erases its line; the caller holds s.mu.
func (s *humanState) clearBar() {
	if s.bar == nil {
		return
	}
	close(s.bar.stop)
	s.bar = nil
	s.clearLine()
}

// clearLine erases the bar's line so that a log line can take it; the bar redraws on its next
// tick. The caller holds s.mu.
func (s *humanState) clearLine() {
	if s.live {
		fmt.Fprint(s.w, "\r\x1b[K")
	}
}

// renderBar draws one frame: "ingest    [=========>          ]  45%  12s of ~26s", or, with no
// expected time, a block moving across the bar and the time spent.
func renderBar(stage string, elapsed, expected time.Duration, width int) string {
	cells := []rune(strings.Repeat(" ", width))
	var tail string
	if expected > 0 {
		frac := min(float64(elapsed)/float64(expected), 0.99)
		n := int(frac * float64(width))
		for i := 0; i < n; i++ {
			cells[i] = '='
		}
		if n < width {
			cells[n] = '>'
		}
		tail = fmt.Sprintf(" %3.0f%%  %s of ~%s", frac*100, roundDur(elapsed), roundDur(expected))
	} else {
		const block = 4
		period := 2 * (width - block)
		pos := int(elapsed/(100*time.Millisecond)) % period
		if pos > width-block {
			pos = period - pos
		}
		for i := pos; i < pos+block; i++ {
			cells[i] = '='
		}
		tail = "  " + roundDur(elapsed).String()
	}
	return fmt.Sprintf("%-9s [%s]%s", stage, string(cells), tail)
}

func roundDur(d time.Duration) time.Duration {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
