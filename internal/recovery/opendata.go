package recovery

import "fmt"

// OpenData reads the cells and sums of exports/opendata/indicators.csv as a reader would: one
// table per cut-off and indicator, whose action rows add up to its SO row. records are the CSV's
// records, the header first.
func OpenData(records [][]string) ([]Cell, []Sum, error) {
	if len(records) == 0 {
		return nil, nil, fmt.Errorf("no header")
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	for _, h := range []string{"cutoff_date", "indicator", "level", "action", "achieved_value"} {
		if _, ok := col[h]; !ok {
			return nil, nil, fmt.Errorf("no column %s", h)
		}
	}
	var cells []Cell
	sums := map[string]*Sum{}
	var order []string
	for _, r := range records[1:] {
		table := r[col["cutoff_date"]] + " " + r[col["indicator"]]
		key := table + " " + r[col["level"]] + " " + r[col["action"]]
		cells = append(cells, Cell{Key: key, Published: r[col["achieved_value"]]})
		s := sums[table]
		if s == nil {
			s = &Sum{}
			sums[table] = s
			order = append(order, table)
		}
		if r[col["level"]] == "so" {
			s.Total = key
		} else {
			s.Parts = append(s.Parts, key)
		}
	}
	var out []Sum
	for _, t := range order {
		if sums[t].Total == "" {
			return nil, nil, fmt.Errorf("%s: no SO row", t)
		}
		out = append(out, *sums[t])
	}
	return cells, out, nil
}
