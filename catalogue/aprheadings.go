package catalogue

// FileAPRHeadings holds the headings of the annual performance report's tables, which the
// template's annex sets and which could not be read: a managing authority corrects them here.
const FileAPRHeadings = "apr_headings.csv"

// APRHeading is the English and Swedish heading of one column of one table of the annual
// performance report.
type APRHeading struct {
	Table, Column    string
	TitleEN, TitleSV string
}

// APRHeading returns the headings of column of the annual performance report's table, if the
// catalogue gives them.
func (c *Catalogue) APRHeading(table, column string) (APRHeading, bool) {
	for _, h := range c.APRHeadings {
		if h.Table == table && h.Column == column {
			return h, true
		}
	}
	return APRHeading{}, false
}

// aprTables are the tables of the annual performance report, as export writes them.
var aprTables = []string{"progress", "financial", "so4_persons", "issues"}

func parseAPRHeadings(p *Parts, t *table) error {
	status, note, err := t.header(statusAssumed, statusAdopted)
	if err != nil {
		return err
	}
	p.APRHeadingsNote, p.APRHeadingsAssumed = note, status == statusAssumed
	seen := map[string]bool{}
	return t.each([]string{"table", "column", "title_en", "title_sv"}, func(get func(string) cell) error {
		var h APRHeading
		var err error
		if h.Table, err = get("table").oneOf(aprTables...); err != nil {
			return err
		}
		if h.Column, err = get("column").required(); err != nil {
			return err
		}
		key := h.Table + "/" + h.Column
		if seen[key] {
			return get("column").fail("the column %s of the table %s has a row already", h.Column, h.Table)
		}
		seen[key] = true
		if h.TitleEN, err = get("title_en").required(); err != nil {
			return err
		}
		if h.TitleSV, err = get("title_sv").required(); err != nil {
			return err
		}
		p.APRHeadings = append(p.APRHeadings, h)
		return nil
	})
}
