package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
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
// which is what makes a resent report a no-op whatever its format.
func (r Report) ContentHash() string {
	items := make([]string, 0, len(r.Items))
	for _, it := range r.Items {
		if it.Item == ExpenditureItem {
			items = append(items, it.Item+"="+it.Amount.String())
		} else {
			items = append(items, fmt.Sprintf("%s=%d", it.Item, it.Value))
		}
	}
	sort.Strings(items)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", r.Key.ProjectID, r.Key.PeriodStart, r.Key.PeriodEnd,
		r.SubmittedAt.UTC().Format(time.RFC3339Nano))
	for _, s := range items {
		fmt.Fprintf(h, "%s\x00", s)
	}
	return hex.EncodeToString(h.Sum(nil))
}
