package domain

import (
	"errors"
	"fmt"
	"time"
)

// The bounds of what an input may say. Every figure is a sum over the warehouse, and the sums
// must fit the SQL types the models hold them in: BIGINT (at most 9.2 × 10^18) for counts and
// cents, and DECIMAL(18, 0) cents (under 10^18) where cents become euros. A warehouse at the
// scale of the whole EU holds some twenty million report rows; were every one of them at its
// bound, the sums must still fit, with room for the projections (at most about ten times a
// count) and for the register's money, bounded alike:
//
//	counts: 2 × 10^7 rows × MaxCount (10^9)            = 2 × 10^16, × 10 = 2 × 10^17 < 9.2 × 10^18
//	cents:  2 × 10^7 rows × MaxAmount (10^10 cents)    = 2 × 10^17 cents  < 10^18
//
// Each bound is still far above anything real: the Member States' AMIF 2021–2027 programmes
// together receive about 6.3 billion euros (Regulation (EU) 2021/1147, Art 13(1)), so one
// operation or report of 100 million would be a sixtieth of the Fund; and no project reports a
// billion persons.

// MaxCount is the largest indicator value one report may give, and the largest target.
const MaxCount int64 = 1_000_000_000

// MaxAmount is the largest amount one value may hold: an expenditure of one report, or a
// project's eligible cost or contribution in the register (100 million euros).
const MaxAmount Cents = 100_000_000_00

// ErrTooLarge is what CheckCount, CheckAmount and ParseEuros return (wrapped) for a value above
// its bound.
var ErrTooLarge = errors.New("too large")

// CheckCount says whether v is above MaxCount; the error says so in words a sender can act on.
func CheckCount(v int64) error {
	if v > MaxCount {
		return fmt.Errorf("%d is above %d, the largest count accepted: %w", v, MaxCount, ErrTooLarge)
	}
	return nil
}

// CheckAmount says whether c is above MaxAmount, as CheckCount does for counts.
func CheckAmount(c Cents) error {
	if c > MaxAmount {
		return fmt.Errorf("%s is above %s, the largest amount accepted: %w", c, MaxAmount, ErrTooLarge)
	}
	return nil
}

// MinDate and MaxDate bound the dates of the register: a project of a 2021–2027 programme
// (whose expenditure is eligible to the end of 2029) does not start before 2000 or end after
// 2099, and the models lay out every half-year between a project's dates.
var (
	MinDate = NewDate(2000, time.January, 1)
	MaxDate = NewDate(2099, time.December, 31)
)

// CheckDate says whether d lies outside MinDate..MaxDate.
func CheckDate(d Date) error {
	if d < MinDate || d > MaxDate {
		return fmt.Errorf("%s is outside %s..%s, the dates accepted", d, MinDate, MaxDate)
	}
	return nil
}

// SubmittedTolerance is how far after the clock of the run a submitted_at may lie: a sender's
// clock may run a few minutes fast, and an upload is stamped before it arrives, but a report
// from the future would stay in force over every genuine correction sent before that time.
const SubmittedTolerance = 15 * time.Minute
