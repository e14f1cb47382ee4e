package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"mittari/catalogue"
	"mittari/domain"
	"mittari/ingest/read"
	"mittari/internal/errs"
)

// Validate checks files (paths as given on the command line) with the same rules as Run, without
// writing anything: the register and targets come from inbox, and the versions the files are
// compared with (overlaps, older versions, cumulative values) are every other report in inbox
// and, when warehouse is not "", every version the warehouse holds. The findings returned are the
// register's and the files'; what the files would do to another report (put it out of force) is
// a warning at that report's place, never an error of the files. The error return is for a
// register that cannot be read at all.
func Validate(ctx context.Context, inbox string, files []string, cat *catalogue.Catalogue, warehouseRoot string) ([]domain.Finding, error) {
	return validate(ctx, inbox, files, cat, warehouseRoot, read.Limits{}, 0, time.Now())
}

func validate(ctx context.Context, inboxDir string, files []string, cat *catalogue.Catalogue, warehouseRoot string, lim read.Limits, factor float64, now time.Time) ([]domain.Finding, error) {
	reg, err := loadRegister(ctx, inboxDir, cat, os.TempDir(), 1, false)
	if err != nil {
		return nil, err
	}
	defer reg.close()
	targets, err := reg.allTargets()
	if err != nil {
		return nil, err
	}
	chk := newChecker(reg, cat, lim, now)
	st, err := loadState(warehouseRoot)
	if err != nil {
		return nil, err
	}
	in, err := openInbox(inboxDir, 0)
	if err != nil {
		return nil, err
	}
	defer in.close()
	findings := append([]domain.Finding(nil), reg.Findings...)

	checked := map[string]bool{}
	var own []fileResult
	for _, path := range files {
		abs, _ := filepath.Abs(path)
		if base := filepath.Base(path); base == ProjectsFile || base == TargetsFile {
			continue // the register is validated above, whichever files are named
		}
		// A file of the inbox is opened as a run opens it; one named from elsewhere as given.
		raw, inside := inInbox(inboxDir, abs)
		name := escapeName(filepath.ToSlash(path))
		open := func() (*os.File, fs.FileInfo, error) { return openRegular(os.OpenFile, path, in.limit) }
		if inside {
			name = escapeName(raw)
			open = func() (*os.File, fs.FileInfo, error) { return in.open(raw) }
		}
		sha, size, err := hashOpened(ctx, open, in.limit)
		if ctx.Err() != nil {
			return nil, interrupted(ctx)
		}
		if err != nil {
			findings = append(findings, fileFinding(name, err))
			continue
		}
		checked[abs] = true
		checked[sha] = true
		own = append(own, readReportFile(ctx, open, name, sha, size, in.limit, chk))
	}

	// The other reports of the inbox count as received; their own findings are not this
	// command's business.
	others, err := reportFiles(inboxDir)
	if err != nil {
		return nil, err
	}
	var elsewhere []fileResult
	for _, raw := range others {
		abs, _ := filepath.Abs(filepath.Join(inboxDir, filepath.FromSlash(raw)))
		if checked[abs] {
			continue
		}
		e := hashEntry(ctx, in, raw, nil)
		if e.err != nil || checked[e.sha] || st.files[e.sha] {
			continue // unreadable files cannot be in force; seen ones are in the warehouse already
		}
		elsewhere = append(elsewhere, readReportFile(ctx, func() (*os.File, fs.FileInfo, error) { return in.open(raw) }, e.rel, e.sha, e.size, in.limit, chk))
	}
	if ctx.Err() != nil {
		return nil, interrupted(ctx)
	}
	// Whether a version was received before is a question about its project's versions (its
	// hash covers its project): the warehouse's of every project named are loaded.
	projects := map[string]bool{}
	for _, res := range append(own, elsewhere...) {
		for _, r := range res.accepted {
			projects[r.report.Key.ProjectID] = true
		}
	}
	if err := st.loadProjects(projects); err != nil {
		return nil, err
	}
	for _, res := range elsewhere {
		for _, r := range res.accepted {
			if h := r.hash(); st.versions[h] == nil {
				p := r.pendingOf(res.Path)
				st.versions[h] = &known{version: p.version, file: p.file, place: placeText(p.place), items: p.items}
			}
		}
	}
	prior := st.knownList()
	var incoming []pending
	mine := map[string]bool{}
	for _, res := range own {
		findings = append(findings, res.quarantine...)
		findings = append(findings, res.warnings...)
		for _, r := range res.accepted {
			findings = append(findings, r.warnings...)
			if h := r.hash(); st.versions[h] == nil && !mine[h] {
				incoming = append(incoming, r.pendingOf(res.Path))
				mine[h] = true
			}
		}
	}
	arr, cumulative := checkArrivals(prior, incoming, reg, targets, cat, factor)
	for i, f := range arr.findings {
		// What the files would do to another report (put it out of force) is that report's
		// fate, not an error of the files validated: it is said as a warning, at its place.
		if !mine[arr.about[i].Hash] && f.Severity == domain.SeverityError {
			f.Severity = domain.SeverityWarning
			f.Message = "if the files validated are sent: " + f.Message
		}
		findings = append(findings, f)
	}
	findings = append(findings, cumulative...)
	sortFindings(findings)
	return findings, nil
}

// hashOpened opens a file with open and hashes it.
func hashOpened(ctx context.Context, open func() (*os.File, fs.FileInfo, error), limit int64) (string, int64, error) {
	f, _, err := open()
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	return hashFile(ctx, f, limit)
}

// inInbox is abs relative to the inbox folder (slash-separated), when it lies inside it.
func inInbox(inbox, abs string) (string, bool) {
	if in, err := filepath.Abs(inbox); err == nil {
		if rel, err := filepath.Rel(in, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel), true
		}
	}
	return "", false
}

// FormatFindings writes findings for a person (one line each, then a count) or, with asJSON,
// as a JSON array for machines.
func FormatFindings(w io.Writer, fs []domain.Finding, asJSON bool) error {
	if asJSON {
		if fs == nil {
			fs = []domain.Finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(fs); err != nil {
			return errs.E(errs.Op("ingest.FormatFindings"), errs.IO, err)
		}
		return nil
	}
	nErr, nWarn := 0, 0
	for _, f := range fs {
		if f.Severity == domain.SeverityError {
			nErr++
		} else {
			nWarn++
		}
		line := fmt.Sprintf("%-7s %s: %s", f.Severity, f.Place, f.Message)
		if f.Value != "" {
			line += fmt.Sprintf(" (value %q)", truncate(f.Value, 80))
		}
		if _, err := fmt.Fprintf(w, "%s [%s]\n", line, f.Rule); err != nil {
			return errs.E(errs.Op("ingest.FormatFindings"), errs.IO, err)
		}
	}
	if _, err := fmt.Fprintf(w, "%d error(s), %d warning(s)\n", nErr, nWarn); err != nil {
		return errs.E(errs.Op("ingest.FormatFindings"), errs.IO, err)
	}
	return nil
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
