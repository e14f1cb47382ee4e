package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Cents is an amount of euros as a whole number of cents. Money never touches a float: it is
// parsed from text, added as integers and written back as text.
type Cents int64

// ParseEuros reads a decimal euro amount such as "18250.40", "18250.4" or "-3". It refuses
// exponents, thousands separators, a decimal comma and more than two decimals, because each of
// those is a sign that the sender's spreadsheet changed the number on its way.
func ParseEuros(s string) (Cents, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("empty amount")
	}
	neg := false
	switch t[0] {
	case '-':
		neg, t = true, t[1:]
	case '+':
		t = t[1:]
	}
	whole, frac, hasDot := strings.Cut(t, ".")
	if whole == "" || !allDigits(whole) {
		return 0, fmt.Errorf("%q is not a decimal number (digits, optionally a dot and at most two decimals)", s)
	}
	if hasDot && (frac == "" || !allDigits(frac)) {
		return 0, fmt.Errorf("%q is not a decimal number (digits, optionally a dot and at most two decimals)", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimals", s)
	}
	if len(whole) > 15 {
		return 0, fmt.Errorf("%q: %w", s, ErrTooLarge)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q: %v", s, err)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	c := Cents(w*100 + f)
	if neg {
		c = -c
	}
	return c, nil
}

// MustEuros is ParseEuros for literals in code and tests; it panics on a malformed literal.
func MustEuros(s string) Cents {
	c, err := ParseEuros(s)
	if err != nil {
		panic(err)
	}
	return c
}

// String writes the amount with a dot and exactly two decimals, e.g. "18250.40".
func (c Cents) String() string {
	sign := ""
	v := int64(c)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
