package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"mittari/internal/errs"
)

// lockOut takes an exclusive lock on the output folder so that two runs (a nightly job and an
// analyst's manual run, say) never write the same warehouse at once. The lock dies with the
// process, so a crashed run never leaves a stale lock behind.
func lockOut(path string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, errs.E(errs.Op("pipeline.lock"), errs.Path(path), errs.IO, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, errs.E(errs.Op("pipeline.lock"), errs.Path(path), errs.IO, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, errs.E(errs.Op("pipeline.lock"), errs.Path(path), errs.Busy,
			fmt.Errorf("another mittari run is using this output folder (%v)", err))
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
