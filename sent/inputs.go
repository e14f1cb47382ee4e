package sent

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"mittari/internal/atomicfile"
	"mittari/internal/errs"
	"mittari/metrics"
)

// table is one table of a transmission as the runs after it compare it: its file, the columns
// that key a row, and the columns that are figures (mart_transmission_figures has the same).
type table struct {
	name    string
	soCol   string
	rowCols []string
	figures []string
}

// Tables are the tables of an Art 42 transmission whose figures are compared with later runs.
var Tables = []table{
	{"indicators", "so", []string{"indicator"}, []string{"selected_value", "achieved_value", "milestone_2024", "target_2029"}},
	{"financial", "so", []string{"support_type"}, []string{"selected_operations", "eligible_cost_eur", "eu_contribution_eur",
		"declared_expenditure_eur", "allocation_eur", "public_eligible_cost_eur", "total_allocation_eur", "cofinancing_rate_pct",
		"selected_pct_of_allocation", "declared_pct_of_allocation"}},
	{"financial_by_intervention", "so", []string{"dimension", "code"}, []string{"selected_operations", "eligible_cost_eur",
		"public_eligible_cost_eur", "eu_contribution_eur", "declared_expenditure_eur"}},
}

// Figures reads the figures of the tables a sent folder holds: one per row and figure column,
// as the file sent writes it. A figure column the file lacks (written by an older Mittari) is
// left out, and so is not compared.
func Figures(root string, r Record) ([]metrics.SentFigure, []metrics.SentTable, error) {
	var out []metrics.SentFigure
	var tables []metrics.SentTable
	for _, t := range Tables {
		path := filepath.Join(root, r.Folder, t.name+".csv")
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, errs.E(errs.Op("sent.Figures"), errs.Path(path), errs.IO, err)
		}
		figs, cols, err := t.parse(r.Folder, b)
		if err != nil {
			return nil, nil, errs.E(errs.Op("sent.Figures"), errs.Path(path), errs.Config,
				"a file sent cannot be read back; restore the sent folder from the backup", err)
		}
		tables = append(tables, metrics.SentTable{Name: t.name, Figures: cols})
		out = append(out, figs...)
	}
	return out, tables, nil
}

// parse reads the figures of a file of the table, and which figure columns its header has.
func (t table) parse(folder string, b []byte) ([]metrics.SentFigure, []string, error) {
	rd := csv.NewReader(bytes.NewReader(b))
	header, err := rd.Read()
	if err != nil {
		return nil, nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, k := range append([]string{t.soCol}, t.rowCols...) {
		if _, ok := col[k]; !ok {
			return nil, nil, fmt.Errorf("no column %s", k)
		}
	}
	var cols []string
	for _, f := range t.figures {
		if _, ok := col[f]; ok {
			cols = append(cols, f)
		}
	}
	var out []metrics.SentFigure
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			return out, cols, nil
		}
		if err != nil {
			return nil, nil, err
		}
		var row []string
		for _, k := range t.rowCols {
			row = append(row, rec[col[k]])
		}
		for _, f := range t.figures {
			i, ok := col[f]
			if !ok {
				continue
			}
			out = append(out, metrics.SentFigure{Folder: folder, Table: t.name, SO: rec[col[t.soCol]],
				Row: strings.Join(row, " "), Figure: f, Value: rec[i]})
		}
	}
}

// Acknowledgement is acknowledged/<folder>-<time>.json: restatements of a sent version that the
// managing authority saw and accepts, each at the value it had then; who recorded them, when and
// why.
type Acknowledgement struct {
	Folder         string    `json:"folder"`
	Version        string    `json:"version"`
	AcknowledgedAt time.Time `json:"acknowledged_at"`
	By             string    `json:"by"`
	Reason         string    `json:"reason"`
	// Generation is the published generation whose restatements were acknowledged.
	Generation string               `json:"generation"`
	Figures    []AcknowledgedFigure `json:"figures"`
}

// AcknowledgedFigure is one restated figure: as sent, and as it was when acknowledged.
type AcknowledgedFigure struct {
	Table  string `json:"table"`
	SO     string `json:"so"`
	Row    string `json:"row"`
	Figure string `json:"figure"`
	Sent   string `json:"sent"`
	Now    string `json:"now"`
}

// Acknowledge writes an acknowledgement, once: a new file each time, never rewritten.
func Acknowledge(root string, a Acknowledgement) (string, error) {
	const op errs.Op = "sent.Acknowledge"
	dir := filepath.Join(root, AcknowledgedDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", errs.E(op, errs.Path(dir), errs.IO, err)
	}
	base := a.Folder + "-" + a.AcknowledgedAt.UTC().Format("20060102T150405Z")
	path := filepath.Join(dir, base+".json")
	for i := 2; ; i++ {
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.json", base, i))
	}
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return "", errs.E(op, errs.Internal, err)
	}
	if err := atomicfile.WriteBytes(path, append(b, '\n')); err != nil {
		return "", errs.E(op, errs.Path(path), errs.IO, err)
	}
	if err := atomicfile.SyncDir(dir); err != nil {
		return "", errs.E(op, errs.Path(dir), errs.IO, err)
	}
	return path, nil
}

// Acknowledgements reads every acknowledgement, oldest first.
func Acknowledgements(root string) ([]Acknowledgement, error) {
	const op errs.Op = "sent.Acknowledgements"
	dir := filepath.Join(root, AcknowledgedDir)
	entries, err := readDir(op, dir)
	if err != nil {
		return nil, err
	}
	var out []Acknowledgement
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, errs.E(op, errs.Path(path), errs.IO, err)
		}
		var a Acknowledgement
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, errs.E(op, errs.Path(path), errs.Config, "an acknowledgement that cannot be read; restore it from the backup or remove it", err)
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b Acknowledgement) int { return a.AcknowledgedAt.Compare(b.AcknowledgedAt) })
	return out, nil
}

// Inputs reads what the transform needs of the versions sent by until (zero: all of them): the
// versions, their figures, the acknowledged restatements, and a State that changes whenever any
// of these does.
func Inputs(root string, until time.Time) (*metrics.SentInputs, error) {
	records, err := List(root)
	if err != nil {
		return nil, err
	}
	acks, err := Acknowledgements(root)
	if err != nil {
		return nil, err
	}
	in := &metrics.SentInputs{}
	h := sha256.New()
	for _, r := range records {
		if !until.IsZero() && r.SentAt.After(until) {
			continue
		}
		c, _ := r.CutoffDate()
		figs, tables, err := Figures(root, r)
		if err != nil {
			return nil, err
		}
		in.Versions = append(in.Versions, metrics.SentVersion{Folder: r.Folder, Version: r.Version, Work: r.WorkVersion,
			Cutoff: c, SentAt: r.SentAt.UTC(), PreparedBy: r.PreparedBy, ApprovedBy: r.ApprovedBy, Reason: r.Reason,
			FiguresAsOf: r.FiguresAsOf.UTC(), Tables: tables})
		in.Figures = append(in.Figures, figs...)
		b, _ := os.ReadFile(filepath.Join(root, r.Folder, RecordFile))
		fmt.Fprintf(h, "sent %s %x\n", r.Folder, sha256.Sum256(b))
	}
	for _, a := range acks {
		if !until.IsZero() && a.AcknowledgedAt.After(until) {
			continue
		}
		b, _ := json.Marshal(a)
		fmt.Fprintf(h, "acknowledged %x\n", sha256.Sum256(b))
		for _, f := range a.Figures {
			in.Acknowledged = append(in.Acknowledged, metrics.Acknowledgement{Folder: a.Folder, Table: f.Table, SO: f.SO,
				Row: f.Row, Figure: f.Figure, Value: f.Now})
		}
	}
	in.State = hex.EncodeToString(h.Sum(nil))
	return in, nil
}
