package read

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mittari/domain"
)

// ReportSheet is the sheet of an XLSX report that holds its rows.
const ReportSheet = "report"

// ReadXLSX streams the rows of sheet (matched without regard to case) of an XLSX workbook to
// fn, header in row 1. The file is refused before excelize sees it when it is larger than
// MaxXLSXBytes, when its entries claim more than MaxUnzipped bytes unzipped (a zip bomb), or
// when the sheet holds formulas: a formula's value is whatever the sender's Excel last computed,
// so the sender must paste values. Numeric cells in t.DateColumns are Excel date serials and come
// back as ISO text ("2025-06-30", or "2025-07-20T10:15:00" with a time and, necessarily, no offset).
func ReadXLSX(file string, r io.Reader, sheet string, t Table, lim Limits, fn func(Row) error) (err error) {
	lim = lim.orDefault()
	// excelize is large and parses untrusted zip and XML; a panic inside it must cost one file,
	// not the run.
	defer func() {
		if p := recover(); p != nil {
			err = problem(ErrFormat, domain.Place{File: file}, "",
				fmt.Sprintf("the workbook could not be read (%v); expected a workbook saved by Excel", p))
		}
	}()
	at := domain.Place{File: file}
	b, err := io.ReadAll(io.LimitReader(r, lim.MaxXLSXBytes+1))
	if err != nil {
		return problem(cause(ErrUnreadable, err), at, "", err.Error())
	}
	if int64(len(b)) > lim.MaxXLSXBytes {
		return problem(ErrTooLarge, at, "", fmt.Sprintf("larger than %d bytes; expected a report workbook of a sensible size", lim.MaxXLSXBytes))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return problem(cause(ErrFormat, err), at, "", "not an XLSX workbook ("+err.Error()+"); expected a file saved by Excel as .xlsx")
	}
	var unzipped uint64
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
		if unzipped > uint64(lim.MaxUnzipped) || f.UncompressedSize64 > uint64(lim.MaxUnzipped) {
			return problem(ErrTooLarge, at, f.Name,
				fmt.Sprintf("the workbook unzips to more than %d bytes (a zip bomb?); expected a report workbook of a sensible size", lim.MaxUnzipped))
		}
	}
	sheetName, sheetPath, p := findSheet(file, zr, sheet)
	if p != nil {
		return p
	}
	if p := scanFormulas(file, zr, sheetName, sheetPath, lim); p != nil {
		return p
	}

	xf, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit: lim.MaxUnzipped, UnzipXMLSizeLimit: lim.MaxXMLInRAM,
	})
	if err != nil {
		return problem(cause(ErrFormat, err), at, "", "cannot open the workbook: "+err.Error())
	}
	defer xf.Close()
	date1904 := false
	if props, err := xf.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	rows, err := xf.Rows(sheetName)
	if err != nil {
		return problem(cause(ErrNoSheet, err), domain.Place{File: file, Sheet: sheetName}, "", err.Error())
	}
	defer rows.Close()
	dateCol := map[string]bool{}
	for _, c := range t.DateColumns {
		dateCol[c] = true
	}
	var cols map[int]string
	var colIndex map[string]int
	var row Row
	xo := &origin{form: formXLSX, file: file, sheet: sheetName}
	var slot []int // header position to cell slot
	rowNum := 0
	for rows.Next() {
		rowNum++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return problem(cause(ErrSyntax, err), domain.Place{File: file, Sheet: sheetName, Cell: cellName(1, rowNum)}, "", err.Error())
		}
		if rowNum == 1 {
			var p *Problem
			cols, p = columns(rec, t, func(i int) domain.Place {
				return domain.Place{File: file, Sheet: sheetName, Cell: cellName(i+1, 1)}
			})
			if p != nil {
				return p
			}
			colIndex = map[string]int{}
			for i, name := range cols {
				colIndex[name] = i
			}
			row = newRow(t)
			slot = slots(len(rec), cols, row.names)
			continue
		}
		if rowNum-1 > lim.MaxRows {
			return problem(ErrTooManyRows, domain.Place{File: file, Sheet: sheetName, Cell: cellName(1, rowNum)}, "",
				fmt.Sprintf("more than %d rows; expected a report file of a sensible size", lim.MaxRows))
		}
		rn := rowNum
		row.Place = domain.Place{File: file, Sheet: sheetName, Cell: cellName(1, rn)}
		row.at = func(col string) domain.Place {
			return domain.Place{File: file, Sheet: sheetName, Cell: cellName(colIndex[col]+1, rn)}
		}
		row.clear()
		empty := true
		for i, v := range rec {
			name, keep := cols[i]
			if !keep || i >= len(slot) {
				continue
			}
			place := func() domain.Place { return domain.Place{File: file, Sheet: sheetName, Cell: cellName(i+1, rowNum)} }
			if !utf8.ValidString(v) {
				return problem(ErrEncoding, place(), strings.ToValidUTF8(v, "\uFFFD"), "the text is not valid UTF-8")
			}
			if len(v) > lim.MaxCellLength {
				return problem(ErrTooLarge, place(), strings.ToValidUTF8(v[:40], "")+"…",
					fmt.Sprintf("a value of %d bytes; expected at most %d", len(v), lim.MaxCellLength))
			}
			v = trimCell(v)
			if v == "" {
				continue
			}
			empty = false
			c := Cell{Text: v, Kind: Text, src: xo, line: int32(rowNum), col: int32(i)}
			if isPlainNumber(v) {
				c.Kind = Number
				if dateCol[name] {
					c = excelDate(c, date1904)
				} else {
					c.Text = excelNumber(v)
				}
			}
			row.cells[slot[i]] = c
		}
		if empty {
			continue
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return problem(cause(ErrSyntax, err), domain.Place{File: file, Sheet: sheetName}, "", err.Error())
	}
	if rowNum == 0 {
		return problem(ErrEmpty, domain.Place{File: file, Sheet: sheetName}, "", "the sheet is empty; expected a header in row 1 and rows below")
	}
	return nil
}

// excelDate turns a numeric cell in a date column into ISO text; a serial that is not a valid
// Excel date stays a number, for the validator to refuse.
func excelDate(c Cell, date1904 bool) Cell {
	f, err := strconv.ParseFloat(c.Text, 64)
	if err != nil || f < 1 || f > 2958465 { // 2958465 is 9999-12-31
		return c
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return c
	}
	t = t.Round(time.Second)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		c.Text = t.Format(time.DateOnly)
	} else {
		c.Text = t.Format("2006-01-02T15:04:05")
	}
	c.ExcelDate = true
	c.Kind = Text
	return c
}

// excelNumber writes a numeric cell as Excel shows it: Excel keeps 15 significant digits, so
// binary noise beyond them (18250.400000000001, 0.30000000000000004) is not the sender's value
// and would wrongly fail the two-decimals rule for money.
func excelNumber(raw string) string {
	if !strings.ContainsAny(raw, ".eE") {
		return raw
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// plainNumber is how Excel writes a raw numeric value: digits, an optional fraction and, for
// very small or large numbers, an exponent.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

func isPlainNumber(s string) bool { return plainNumber.MatchString(s) }

// findSheet maps a sheet name to its part in the zip through xl/workbook.xml and its
// relationships, so that formulas can be looked for in the raw XML of that sheet.
func findSheet(file string, zr *zip.Reader, want string) (name, part string, p *Problem) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(zr, "xl/workbook.xml", &wb); err != nil {
		return "", "", problem(cause(ErrFormat, err), domain.Place{File: file}, "", "not an XLSX workbook: "+err.Error())
	}
	if err := decodePart(zr, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", "", problem(cause(ErrFormat, err), domain.Place{File: file}, "", "not an XLSX workbook: "+err.Error())
	}
	var names []string
	for _, s := range wb.Sheets {
		names = append(names, s.Name)
		if !strings.EqualFold(strings.TrimSpace(s.Name), want) {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				target := r.Target
				if strings.HasPrefix(target, "/") {
					target = strings.TrimPrefix(target, "/")
				} else {
					target = path.Join("xl", target)
				}
				return s.Name, target, nil
			}
		}
		return "", "", problem(ErrFormat, domain.Place{File: file, Sheet: s.Name}, "", "the sheet has no part in the workbook")
	}
	return "", "", problem(ErrNoSheet, domain.Place{File: file}, strings.Join(names, ", "),
		fmt.Sprintf("no sheet named %q; expected the report rows on a sheet of that name", want))
}

func decodePart(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return fmt.Errorf("missing %s", name)
	}
	defer f.Close()
	return xml.NewDecoder(io.LimitReader(f, 8<<20)).Decode(v)
}

// scanFormulas reads the sheet's raw XML as a stream and refuses the first cell that holds a
// formula (an <f> element), naming the cell.
func scanFormulas(file string, zr *zip.Reader, sheet, part string, lim Limits) *Problem {
	f, err := zr.Open(part)
	if err != nil {
		return problem(ErrFormat, domain.Place{File: file, Sheet: sheet}, "", "the sheet's part "+part+" is missing")
	}
	defer f.Close()
	d := xml.NewDecoder(io.LimitReader(f, lim.MaxUnzipped))
	cell, formulas, first := "", 0, ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return problem(cause(ErrSyntax, err), domain.Place{File: file, Sheet: sheet, Cell: cell}, "", "the sheet's XML is broken: "+err.Error())
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "c":
			cell = ""
			for _, a := range se.Attr {
				if a.Name.Local == "r" {
					cell = a.Value
				}
			}
		case "f":
			if formulas++; first == "" {
				first = cell
			}
		}
	}
	if formulas > 0 {
		return problem(ErrFormula, domain.Place{File: file, Sheet: sheet, Cell: first}, "",
			fmt.Sprintf("%d cell(s) hold formulas, the first at %s; expected values only (copy the sheet and paste values)", formulas, first))
	}
	return nil
}

// cellName is the A1-style name of a cell (1-based column and row).
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}
