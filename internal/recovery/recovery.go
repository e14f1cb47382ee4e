package recovery

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Cell is one cell of a published table: its key and what was published for it: a whole number,
// "<k" (a count from 1 to k-1) or ".." (withheld).
type Cell struct {
	Key       string
	Published string
}

// Sum says that the cells Parts add up to the cell Total.
type Sum struct {
	Total string
	Parts []string
}

// Interval is what a withheld cell can be: from Lo to Hi (+Inf when nothing bounds it above).
type Interval struct {
	Lo, Hi float64
}

// box is what a cell's publication alone says of it.
type box struct {
	known    bool
	value    float64 // when known
	lo, hi   float64 // otherwise
	marker   string
	smallMax float64 // k-1 for a "<k" cell
}

func parse(p string) (box, error) {
	switch {
	case p == "..":
		return box{lo: 0, hi: math.Inf(1), marker: p}, nil
	case strings.HasPrefix(p, "<"):
		k, err := strconv.Atoi(p[1:])
		if err != nil || k < 2 {
			return box{}, fmt.Errorf("%q is not a small-count marker", p)
		}
		return box{lo: 1, hi: float64(k - 1), marker: p, smallMax: float64(k - 1)}, nil
	}
	v, err := strconv.ParseInt(p, 10, 64)
	if err != nil {
		return box{}, fmt.Errorf("%q is neither a number nor a marker", p)
	}
	return box{known: true, value: float64(v)}, nil
}

// Attack bounds every withheld cell of the table by linear programming: for each one, the
// minimum and the maximum of the cell subject to every sum, the published values and what each
// marker says (a "<k" cell is 1 … k-1, a ".." cell 0 or more). Cells that share no sum are
// solved apart.
func Attack(cells []Cell, sums []Sum) (map[string]Interval, error) {
	boxes := map[string]box{}
	for _, c := range cells {
		b, err := parse(c.Published)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Key, err)
		}
		boxes[c.Key] = b
	}
	for _, s := range sums {
		for _, k := range append([]string{s.Total}, s.Parts...) {
			if _, ok := boxes[k]; !ok {
				return nil, fmt.Errorf("a sum names the cell %s, which the table does not publish", k)
			}
		}
	}
	// Withheld cells that share a sum are bounded together (union-find over the sums).
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		if p, ok := parent[k]; ok && p != k {
			r := find(p)
			parent[k] = r
			return r
		}
		parent[k] = k
		return k
	}
	for _, s := range sums {
		for _, k := range s.Parts {
			parent[find(k)] = find(s.Total)
		}
	}
	groups := map[string][]string{}
	for _, c := range cells {
		if !boxes[c.Key].known {
			r := find(c.Key)
			groups[r] = append(groups[r], c.Key)
		}
	}
	out := map[string]Interval{}
	for root, unknown := range groups {
		var gsums []Sum
		for _, s := range sums {
			if find(s.Total) == root {
				gsums = append(gsums, s)
			}
		}
		got, err := attackGroup(unknown, gsums, boxes)
		if err != nil {
			return nil, err
		}
		for k, v := range got {
			out[k] = v
		}
	}
	return out, nil
}

// attackGroup solves the cells of one group: in standard form (A y = b, y >= 0) each withheld
// cell x is y + lo, a "<k" cell has a slack s with y + s = hi - lo, and each sum with a withheld
// cell is a row.
func attackGroup(unknown []string, sums []Sum, boxes map[string]box) (map[string]Interval, error) {
	col := map[string]int{}
	for i, k := range unknown {
		col[k] = i
	}
	n := len(unknown)
	var slackOf []int // index into unknown of the cell each slack bounds
	for i, k := range unknown {
		if !math.IsInf(boxes[k].hi, 1) {
			slackOf = append(slackOf, i)
		}
	}
	var rows [][]float64
	var rhs []float64
	for _, s := range sums {
		row := make([]float64, n+len(slackOf))
		b := 0.0
		any := false
		add := func(k string, sign float64) {
			bx := boxes[k]
			if bx.known {
				b -= sign * bx.value
				return
			}
			row[col[k]] += sign
			b -= sign * bx.lo
			any = true
		}
		for _, k := range s.Parts {
			add(k, 1)
		}
		add(s.Total, -1)
		if !any {
			continue
		}
		rows, rhs = append(rows, row), append(rhs, b)
	}
	for j, i := range slackOf {
		row := make([]float64, n+len(slackOf))
		row[i], row[n+j] = 1, 1
		rows, rhs = append(rows, row), append(rhs, boxes[unknown[i]].hi-boxes[unknown[i]].lo)
	}
	out := map[string]Interval{}
	if len(rows) == 0 {
		for _, k := range unknown {
			out[k] = Interval{boxes[k].lo, boxes[k].hi}
		}
		return out, nil
	}
	for i, r := range rows {
		if rhs[i] < 0 {
			for j := range r {
				r[j] = -r[j]
			}
			rhs[i] = -rhs[i]
		}
	}
	width := n + len(slackOf)
	if width < len(rows) {
		return nil, fmt.Errorf("more sums than withheld cells in a group of %d", n)
	}
	A := mat.NewDense(len(rows), width, slices.Concat(rows...))
	for i, k := range unknown {
		c := make([]float64, width)
		c[i] = 1
		lo, _, err := lp.Simplex(c, A, rhs, 1e-9, nil)
		if err != nil {
			return nil, fmt.Errorf("minimum of %s: %w", k, err)
		}
		c[i] = -1
		hi, _, err := lp.Simplex(c, A, rhs, 1e-9, nil)
		switch {
		case errors.Is(err, lp.ErrUnbounded):
			hi = math.Inf(-1)
		case err != nil:
			return nil, fmt.Errorf("maximum of %s: %w", k, err)
		}
		out[k] = Interval{Lo: lo + boxes[k].lo, Hi: -hi + boxes[k].lo}
	}
	return out, nil
}

// Protected checks every withheld cell against the protection criterion: it can take more than
// one value (Hi - Lo >= 1), and a "<k" cell every value from 1 to k-1. It returns the cells
// that fail it, each with what the attack learnt.
func Protected(cells []Cell, bounds map[string]Interval) []string {
	const eps = 1e-6
	var failed []string
	for _, c := range cells {
		b, err := parse(c.Published)
		if err != nil || b.known {
			continue
		}
		iv, ok := bounds[c.Key]
		switch {
		case !ok:
			failed = append(failed, c.Key+": not attacked")
		case iv.Hi-iv.Lo < 1-eps:
			failed = append(failed, fmt.Sprintf("%s (%s): recovered, %g to %g", c.Key, c.Published, iv.Lo, iv.Hi))
		case b.smallMax > 0 && (iv.Lo > 1+eps || iv.Hi < b.smallMax-eps):
			failed = append(failed, fmt.Sprintf("%s (%s): narrowed to %g to %g", c.Key, c.Published, iv.Lo, iv.Hi))
		}
	}
	return failed
}
