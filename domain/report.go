package domain

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
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

// ReportItem is one item of a report: an indicator value or the expenditure, with its place.
type ReportItem struct {
	Item string
	// Value is the count for an indicator; Amount the euros for expenditure_eur.
	Value  int64
	Amount Cents
	Place  Place
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
	items := make([][]byte, len(r.Items))
	for i, it := range r.Items {
		b := make([]byte, 0, len(it.Item)+24)
		b = append(b, it.Item...)
		b = append(b, '=')
		if it.Item == ExpenditureItem {
			b = appendCents(b, it.Amount)
		} else {
			b = strconv.AppendInt(b, it.Value, 10)
		}
		items[i] = append(b, 0)
	}
	sort.Slice(items, func(i, j int) bool { return bytes.Compare(items[i], items[j]) < 0 })
	buf := make([]byte, 0, 128)
	buf = append(buf, r.Key.ProjectID...)
	buf = append(buf, 0)
	buf = append(buf, r.Key.PeriodStart.String()...)
	buf = append(buf, 0)
	buf = append(buf, r.Key.PeriodEnd.String()...)
	buf = append(buf, 0)
	buf = r.SubmittedAt.UTC().AppendFormat(buf, time.RFC3339Nano)
	buf = append(buf, 0)
	h := sha256.New()
	h.Write(buf)
	for _, it := range items {
		h.Write(it)
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
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
