package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"mittari/internal/errs"
)

// The exit statuses, for schedulers and scripts (README, "Running it every night"). They are
// decided here and nowhere else: a command returns an error and fail maps its kind.
const (
	exitOK = 0
	// exitFailed: a stage failed, the command was interrupted, or an output could not be written;
	// the last good outputs are in place and the run record says what happened.
	exitFailed = 1
	// exitUsage: the command line, or a folder or file it names, is wrong; nothing was written.
	exitUsage = 2
	// exitRejected: the run succeeded but rejected reports or files it read for the first time,
	// so that a timer can alert on new rejections without parsing the log.
	exitRejected = 3
	// exitBusy: another mittari command holds the output folder; nothing was done.
	exitBusy = 4
)

// exitCode maps an error's kind to the exit status.
func exitCode(err error) int {
	switch kindOf(err) {
	case errs.Usage:
		return exitUsage
	case errs.Busy:
		return exitBusy
	default:
		return exitFailed
	}
}

// kindOf is errs.KindOf, with a cancelled context (SIGINT, SIGTERM) counted as an interruption
// whatever the stage wrapped it in.
func kindOf(err error) errs.Kind {
	if k := errs.KindOf(err); k != errs.Other && k != errs.Internal && k != errs.IO {
		return k
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return errs.Interrupted
	}
	return errs.KindOf(err)
}

// advice is what to do about an error of each kind, where the message itself does not say.
func advice(k errs.Kind) string {
	switch k {
	case errs.Busy:
		return "nothing was changed; run it again once the other mittari command has finished"
	case errs.Interrupted:
		return "it was stopped by a signal before it finished; the last good outputs are in place: run it again"
	case errs.IO:
		return "check that the file or folder exists, that this user may read and write it, and that the disk is not full"
	case errs.Internal:
		return "this is a fault in Mittari, not in the input: keep the run record and report it to the maintainers"
	}
	return ""
}

// fail prints err for people (text) or for the log (a JSON line) and returns its exit status.
func fail(stderr io.Writer, cmd string, err error) int {
	k := kindOf(err)
	code := exitCode(err)
	say(stderr, cmd, err.Error(), advice(k), k, code, errs.OpsOf(err))
	return code
}

// usageError prints a usage error with what to do and returns exitUsage.
func usageError(stderr io.Writer, cmd, msg, hint string) int {
	say(stderr, cmd, msg, hint, errs.Usage, exitUsage, nil)
	return exitUsage
}

func say(stderr io.Writer, cmd, msg, hint string, k errs.Kind, code int, ops []errs.Op) {
	if jsonLogs(stderr) {
		attrs := []any{"kind", k.String(), "exit_code", code}
		if cmd != "" {
			attrs = append(attrs, "command", cmd)
		}
		if hint != "" {
			attrs = append(attrs, "hint", hint)
		}
		// The operations are for the developers a log is sent to, only when tracing.
		if len(ops) > 0 && os.Getenv("MITTARI_TRACE") != "" {
			attrs = append(attrs, "ops", ops)
		}
		slog.New(slog.NewJSONHandler(stderr, nil)).Error(msg, attrs...)
		return
	}
	prefix := "mittari"
	if cmd != "" {
		prefix += " " + cmd
	}
	fmt.Fprintf(stderr, "%s: %s\n", prefix, msg)
	if hint != "" {
		fmt.Fprintf(stderr, "  %s\n", hint)
	}
}
