package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"mittari/internal/errs"
)

// lockPoll is how often a command told to wait (--wait) tries the lock again.
const lockPoll = 200 * time.Millisecond

// lockOut takes the exclusive lock on the output folder that every command writing it holds
// for its whole duration, so that two commands (the nightly run and an operator's ingest, say)
// never write the same warehouse or outputs at once. A second writer is refused at once, or,
// with wait, waits until the first is done (or ctx ends). The lock is a flock on out/.mittari.lock:
// it dies with the process, so a killed command never leaves a stale lock; the file itself
// stays and says who holds the lock, for the message of the one refused.
func lockOut(ctx context.Context, lay Layout, command string, wait bool, log *slog.Logger) (unlock func(), err error) {
	const op errs.Op = "pipeline.lockOut"
	path := lay.Lock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, errs.E(op, errs.Path(lay.Root), errs.IO, err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, errs.E(op, errs.Path(lay.Root), errs.IO, err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	said := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, errs.E(op, errs.Path(lay.Root), errs.IO,
				fmt.Errorf("cannot lock the output folder (%v); it must be on a local disk or an NFS share with locking", err))
		}
		holder := lockHolder(path)
		if !wait {
			f.Close()
			return nil, errs.E(op, errs.Path(lay.Root), errs.Busy, fmt.Sprintf(
				"another mittari command (%s) is writing this output folder; run again when it has finished, or add --wait to wait for it", holder))
		}
		if !said {
			log.Info("waiting for another mittari command to finish with the output folder", "holder", holder, "out", lay.Root)
			said = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, errs.E(op, errs.Path(lay.Root), errs.Interrupted,
				fmt.Sprintf("stopped while waiting for another mittari command (%s) to finish with this output folder", holder))
		case <-time.After(lockPoll):
		}
	}
	// Who holds the lock, for the message of a command refused: written after the lock is
	// taken, so only the holder ever writes it.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(fmt.Sprintf("mittari %s, process %d, since %s\n", command, os.Getpid(), time.Now().UTC().Format(time.RFC3339))), 0)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// lockHolder describes the command holding the lock at path, from what it wrote there.
func lockHolder(path string) string {
	b, _ := os.ReadFile(path)
	if s := strings.TrimSpace(string(b)); s != "" {
		return s
	}
	return "one that has just started"
}
