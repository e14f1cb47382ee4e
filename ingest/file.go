package ingest

import (
	"context"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mittari/domain"
	"mittari/ingest/read"
)

// File outcomes recorded in the files table.
const (
	OutcomeRead     = "read"     // reports were taken from it (each accepted or rejected)
	OutcomeRejected = "rejected" // the file as a whole could not be read
	OutcomeIgnored  = "ignored"  // not a report format; nothing read
	// OutcomeSkipped appears only in Summary.Files: the content was ingested before.
	OutcomeSkipped = "skipped"
	// OutcomeRegister marks projects.csv or project_targets.csv, recorded each time its content
	// differs from the latest snapshot (which is what the next run compares with).
	OutcomeRegister = "register"
)

// received is one row-valid report version taken from a file.
type received struct {
	// report is the whole report with every item's place, until a run keeps only its record
	// (rec), so that the files in flight hold no rows.
	report  domain.Report
	subText string // submitted_at as written
	sum     [32]byte
	// warnings are the report's own (row-valid: no errors).
	warnings []domain.Finding
	// rec and part are what a run spills of it (appendTaken) and where.
	rec  []byte
	part int
}

// newReceived is rep, read with submitted_at written as subText. The hash is computed here, on
// the reader's core.
func newReceived(rep domain.Report, subText string, warnings []domain.Finding) received {
	return received{report: rep, subText: subText, sum: rep.ContentSum(), warnings: warnings}
}

// hash is r's content hash in hex.
func (r *received) hash() string { return hex.EncodeToString(r.sum[:]) }

// version is what decides whether r is in force.
func (r *received) version() domain.Version {
	return domain.Version{Key: r.report.Key, SubmittedAt: r.report.SubmittedAt, Hash: r.hash()}
}

// pendingOf is what the arrival checks need of r, read from file rel.
func (r *received) pendingOf(rel string) pending {
	return pending{version: r.version(), place: r.report.Place, items: countsOf(r.report), subText: r.subText, file: rel}
}

// fileResult is what reading one report file gave.
type fileResult struct {
	Path     string // relative to the inbox, slash-separated, as shown (escapeName)
	Raw      string // the same as the file system has it
	SHA256   string
	Size     int64
	ModTime  time.Time
	Format   string
	Outcome  string
	accepted []received
	rejected int
	// quarantine holds the findings of rejected reports and of a refused file; warnings the
	// warnings of row-valid reports and of the file itself.
	quarantine []domain.Finding
	warnings   []domain.Finding
	// revalidated marks a file read again after a register change: it has its files row and
	// its quarantine already.
	revalidated bool
}

// readReportFile reads and checks every report of one file, opened by open (which refuses
// what is not a regular file of the inbox), reading no more than limit bytes and stopping when
// ctx is done (the caller then drops the result).
func readReportFile(ctx context.Context, open func() (*os.File, fs.FileInfo, error), rel, sha string, size, limit int64, chk *checker) fileResult {
	res := fileResult{Path: rel, SHA256: sha, Size: size, Outcome: OutcomeRead}
	format, ok := read.FormatOf(rel)
	if !ok {
		res.Outcome = OutcomeIgnored
		res.warnings = append(res.warnings, RuleFileIgnored.at(domain.Place{File: rel}, "", "%s", read.NotRead(rel)))
		return res
	}
	res.Format = string(format)
	f, _, err := open()
	if err != nil {
		res.Outcome = OutcomeRejected
		res.quarantine = append(res.quarantine, fileFinding(rel, err))
		return res
	}
	defer f.Close()
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit)
	}
	raws, notes, err := read.Reports(rel, ctxReader{ctx, r}, format, chk.lim)
	decimalComma := false
	for _, n := range notes {
		if n.Code == read.CodeSemicolon {
			decimalComma = true
		}
		res.warnings = append(res.warnings, problemFinding(n))
	}
	if err != nil {
		res.Outcome = OutcomeRejected
		var p *read.Problem
		if !errors.As(err, &p) {
			p = &read.Problem{Code: read.CodeUnreadable, Place: domain.Place{File: rel}, Msg: err.Error()}
		}
		res.quarantine = append(res.quarantine, problemFinding(p))
		res.quarantine = append(res.quarantine, res.warnings...)
		res.warnings = nil
		return res
	}
	for _, raw := range raws {
		rep, findings, ok := chk.report(raw, decimalComma)
		if !ok {
			res.rejected++
			res.quarantine = append(res.quarantine, findings...)
			continue
		}
		res.accepted = append(res.accepted, newReceived(rep, raw.SubmittedAt.Text, findings))
	}
	return res
}

// itemCount is one indicator's count in a version: 16 bytes, since a run on ten million rows
// holds millions of them. The code is an index into the interned codes.
type itemCount struct {
	id    uint32
	value int64
}

func countOf(code string, value int64) itemCount { return itemCount{codeID(code), value} }

// code is the indicator code.
func (c itemCount) code() string { return codes.Load().list[c.id] }

// The interned indicator codes: a few dozen, whatever the number of counts. Readers on every
// core look codes up for each item, so a lookup takes no lock: it reads an immutable snapshot,
// which the rare new code replaces (copy on write, under codesMu).
var (
	codesMu sync.Mutex
	codes   atomic.Pointer[codeTable]
)

type codeTable struct {
	ids  map[string]uint32
	list []string
}

func init() { codes.Store(&codeTable{ids: map[string]uint32{}}) }

func codeID(s string) uint32 {
	if id, ok := codes.Load().ids[s]; ok {
		return id
	}
	codesMu.Lock()
	defer codesMu.Unlock()
	old := codes.Load()
	if id, ok := old.ids[s]; ok {
		return id
	}
	s = strings.Clone(s) // not to keep a whole line of a file alive
	t := &codeTable{ids: make(map[string]uint32, len(old.ids)+1), list: append(old.list[:len(old.list):len(old.list)], s)}
	for k, v := range old.ids {
		t.ids[k] = v
	}
	id := uint32(len(old.list))
	t.ids[s] = id
	codes.Store(t)
	return id
}

// codeIDBytes is codeID for a value read from the warehouse; it allocates only for a code not
// seen before.
func codeIDBytes(b []byte) uint32 {
	if id, ok := codes.Load().ids[string(b)]; ok {
		return id
	}
	return codeID(string(b))
}

func countsOf(r domain.Report) []itemCount {
	n := 0
	for _, it := range r.Items {
		if it.Item != domain.ExpenditureItem {
			n++
		}
	}
	out := make([]itemCount, 0, n)
	for _, it := range r.Items {
		if it.Item != domain.ExpenditureItem {
			out = append(out, countOf(it.Item, it.Value))
		}
	}
	return out
}
