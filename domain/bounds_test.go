package domain

import (
	"errors"
	"math"
	"math/big"
	"testing"
)

// TestBoundsFitTheModels: twenty million report rows, each at its bound, sum within the SQL types
// the models hold them in (BIGINT counts, with ten times room for projections; DECIMAL(18, 0)
// cents). Raising a bound past what they hold fails here.
func TestBoundsFitTheModels(t *testing.T) {
	const rows = 20_000_000
	counts := new(big.Int).Mul(big.NewInt(rows*10), big.NewInt(MaxCount))
	if counts.Cmp(big.NewInt(math.MaxInt64)) >= 0 {
		t.Errorf("ten times %d counts of %d is %s, beyond BIGINT", rows, MaxCount, counts)
	}
	cents := new(big.Int).Mul(big.NewInt(rows), big.NewInt(int64(MaxAmount)))
	if decimal18 := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil); cents.Cmp(decimal18) >= 0 {
		t.Errorf("%d amounts of %s are %s cents, beyond DECIMAL(18, 0)", rows, MaxAmount, cents)
	}
}

func TestCheckBounds(t *testing.T) {
	if CheckCount(MaxCount) != nil || CheckCount(0) != nil {
		t.Error("a count within the bound refused")
	}
	if err := CheckCount(MaxCount + 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("CheckCount(MaxCount+1) = %v", err)
	}
	if CheckAmount(MaxAmount) != nil {
		t.Error("MaxAmount refused")
	}
	if err := CheckAmount(MaxAmount + 1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("CheckAmount(MaxAmount+1) = %v", err)
	}
	if _, err := ParseEuros("1234567890123456.00"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("sixteen digits of euros: %v, want ErrTooLarge", err)
	}
	for _, d := range []string{"2000-01-01", "2021-01-01", "2099-12-31"} {
		if err := CheckDate(MustDate(d)); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
	for _, d := range []string{"0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"} {
		if CheckDate(MustDate(d)) == nil {
			t.Errorf("%s accepted", d)
		}
	}
}
