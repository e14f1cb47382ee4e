package pipeline

import (
	"fmt"
	"time"

	"mittari/domain"
	"mittari/internal/errs"
)

// CheckCutoffPassed refuses a cut-off that has not passed at t (the run's time, or the moment it
// reproduces): its figures would not be final, and an export folder for it would look like a
// transmission that can be sent.
func CheckCutoffPassed(c domain.Cutoff, t time.Time) error {
	latest, ok := domain.LatestPassedCutoff(t)
	if ok && c.Date <= latest.Date {
		return nil
	}
	msg := fmt.Sprintf("the cut-off %s has not passed on %s, so its figures are not final and are never exported", c, domain.DateOf(t.UTC()))
	if ok {
		msg += fmt.Sprintf("; the latest cut-off passed is %s: give that, or leave out --cutoff to compute every cut-off passed", latest)
	} else {
		msg += "; leave out --cutoff"
	}
	return errs.E(errs.Op("pipeline.CheckCutoffPassed"), errs.Usage, msg)
}

// checkCutoff refuses, before anything is locked or written, a single cut-off that has not
// passed at t.
func (o Options) checkCutoff(t time.Time) error {
	if o.Cutoff == nil {
		return nil
	}
	return CheckCutoffPassed(*o.Cutoff, t)
}
