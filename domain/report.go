package domain

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Place says where in a source file a value stands, precisely enough for a beneficiary to find
// it: line and column for CSV, sheet and cell for XLSX, a JSON pointer for JSON.
type Place struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  string `json:"column,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Pointer string `json:"pointer,omitempty"`
}

func (p Place) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Sheet != "" || p.Cell != "":
		fmt.Fprintf(&b, ": sheet %q", p.Sheet)
		if p.Cell != "" {
			fmt.Fprintf(&b, " cell %s", p.Cell)
		}
	case p.Pointer != "":
		fmt.Fprintf(&b, ": %s", p.Pointer)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column != "" {
			fmt.Fprintf(&b, " column %s", p.Column)
		}
	}
	return b.String()
}

// Severity says whether a finding blocks the report it is about.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Finding is one breach of a validation rule, with where it is and what was expected.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Place    Place    `json:"place"`
	// Report names the report the finding is about, when the file got far enough to say.
	Report  string `json:"report,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s [%s %s]", f.Place, f.Message, f.Severity, f.Rule)
}

// ReportItem is one item of a report: an indicator value or the expenditure. (Where it stood
// in its file is for findings only, which are made from the reader's cells; the warehouse
// does not keep it.)
type ReportItem struct {
	Item string
	// Value is the count for an indicator; Amount the euros for expenditure_eur.
	Value  int64
	Amount Cents
}

// Report is one version of one project's report for one period, as read from a file.
type Report struct {
	Key         ReportKey
	SubmittedAt time.Time
	Items       []ReportItem
	// Place is where the report starts in its file (its first row, sheet or object).
	Place Place
}

// Version reduces the report to what decides whether it is in force.
func (r Report) Version() Version {
	return Version{Key: r.Key, SubmittedAt: r.SubmittedAt, Hash: r.ContentHash()}
}

// ContentHash is the SHA-256 of the report's canonical content: key, submitted_at (as an
// instant) and the items sorted by name. The same report sent as CSV, XLSX or JSON hashes alike,
// which is what makes a resent report a no-op whatever its format. It runs once per report of
// every file ingested, so it builds its bytes with strconv rather than fmt; the bytes hashed are
// "project\x00start\x00end\x00submitted\x00" then "item=value\x00" per item in sorted order
// (TestContentHashFormat pins them).
func (r Report) ContentHash() string {
	sum := r.ContentSum()
	return hex.EncodeToString(sum[:])
}

// ContentSum is the SHA-256 that ContentHash writes in hex, for callers that keep it in binary.
func (r Report) ContentSum() [sha256.Size]byte {
	// The items' forms are written after the key in file order, then the key and the forms
	// in sorted order make the message, hashed at once; for a report of usual size every
	// buffer is on the stack.
	var stack [2048]byte
	var offStack [65]int
	head := append(stack[:0], r.Key.ProjectID...)
	head = append(head, 0)
	head = r.Key.PeriodStart.appendISO(head)
	head = append(head, 0)
	head = r.Key.PeriodEnd.appendISO(head)
	head = append(head, 0)
	head = r.SubmittedAt.UTC().AppendFormat(head, time.RFC3339Nano)
	head = append(head, 0)
	items := head
	off := offStack[:0]
	if len(r.Items)+1 > len(offStack) {
		off = make([]int, 0, len(r.Items)+1)
	}
	off = append(off, len(items))
	for _, it := range r.Items {
		items = append(items, it.Item...)
		items = append(items, '=')
		if it.Item == ExpenditureItem {
			items = appendCents(items, it.Amount)
		} else {
			items = strconv.AppendInt(items, it.Value, 10)
		}
		items = append(items, 0)
		off = append(off, len(items))
	}
	form := func(i int) []byte { return items[off[i]:off[i+1]] }
	var orderStack [64]int
	order := orderStack[:0]
	if len(r.Items) > len(orderStack) {
		order = make([]int, 0, len(r.Items))
	}
	for i := range r.Items {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(form(a), form(b)) })
	var msgStack [2048]byte
	msg := append(msgStack[:0], items[:off[0]]...)
	for _, i := range order {
		msg = append(msg, form(i)...)
	}
	return sha256.Sum256(msg)
}

// appendCents appends c as Cents.String does ("-3.50").
func appendCents(b []byte, c Cents) []byte {
	v := int64(c)
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	b = append(b, '.', byte('0'+v%100/10), byte('0'+v%10))
	return b
}
