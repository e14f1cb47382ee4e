package charts

import (
	"strconv"
	"strings"
	"time"

	"mittari/domain"
	"mittari/metrics"
)

// nbsp is the no-break space that groups thousands and separates a number from its unit in
// Finnish and Swedish ("1 234 567,89 €"), so that a figure never breaks over two lines.
const nbsp = "\u00a0"

// numberFormat is how one language writes numbers.
type numberFormat struct {
	group, decimal string
	// euroBefore puts the euro sign before the amount ("€1,234.56") instead of after it.
	euroBefore bool
}

// group writes the digits of a non-negative integer with the language's thousands separator.
func (f numberFormat) group3(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(f.group)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// count writes an integer: "1,234" or "1 234".
func (f numberFormat) count(n int64) string {
	if n < 0 {
		return "−" + f.group3(strconv.FormatUint(uint64(-n), 10))
	}
	return f.group3(strconv.FormatInt(n, 10))
}

// countPtr writes an optional integer; "" when absent.
func (f numberFormat) countPtr(p *int64) string {
	if p == nil {
		return ""
	}
	return f.count(*p)
}

// euros writes an exact amount with two decimals: "€1,234,567.89" or "1 234 567,89 €".
func (f numberFormat) euros(c domain.Cents) string {
	v := int64(c)
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	s := f.group3(strconv.FormatInt(v/100, 10)) + f.decimal + twoDigits(v%100)
	if f.euroBefore {
		return sign + "€" + s
	}
	return sign + s + nbsp + "€"
}

// millions writes an amount in millions of euros with one decimal, rounded half away from zero
// from the cents: "7.4 M€" or "7,4 M€". It is for headlines; tables show exact amounts.
func (f numberFormat) millions(c domain.Cents) string {
	v := int64(c)
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	const tenthOfMillion = 100_000 * 100 // cents
	tenths := (v + tenthOfMillion/2) / tenthOfMillion
	return sign + f.group3(strconv.FormatInt(tenths/10, 10)) + f.decimal + strconv.FormatInt(tenths%10, 10) + nbsp + "M€"
}

// percent writes a share the marts give in per mille as a per cent with one decimal:
// "12.5 %" / "12,5 %"; "" when there is none.
func (f numberFormat) percent(p metrics.Pct) string {
	if !p.Valid {
		return ""
	}
	v := p.Tenths
	sign := ""
	if v < 0 {
		sign, v = "−", -v
	}
	return sign + f.group3(strconv.FormatInt(v/10, 10)) + f.decimal + strconv.FormatInt(v%10, 10) + nbsp + "%"
}

// percentNumber is the same share as a plain decimal number for a chart ("12.5"), which
// echarts parses for drawing only; "-" (no point) when there is none.
func percentNumber(p metrics.Pct) string {
	if !p.Valid {
		return "-"
	}
	v := p.Tenths
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + strconv.FormatInt(v/10, 10) + "." + strconv.FormatInt(v%10, 10)
}

// centsNumber is an amount as a decimal number of euros for a chart ("1234.56").
func centsNumber(c domain.Cents) string { return c.String() }

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// dateFormat is how one language writes dates.
type dateFormat struct {
	// layout is a Go time layout for a civil date.
	layout string
	months [12]string // for layouts that spell the month ("Jan")
}

func (f dateFormat) date(d domain.Date) string {
	if d == 0 {
		return ""
	}
	return f.format(d.Time())
}

func (f dateFormat) format(t time.Time) string {
	if f.months[0] != "" {
		return strconv.Itoa(t.Day()) + " " + f.months[t.Month()-1] + " " + strconv.Itoa(t.Year())
	}
	return t.Format(f.layout)
}

// instant writes a moment in UTC with the time of day.
func (f dateFormat) instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return f.format(t) + " " + t.Format("15:04") + " UTC"
}
