package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"mittari/ingest"
	"mittari/internal/errs"
	"mittari/internal/trace"
)

// command is one command holding the output folder's lock: its options, its record (for run
// and ingest), the generation it is building, and what to do when a stage fails.
type command struct {
	ctx     context.Context
	o       Options
	lay     Layout
	log     *slog.Logger
	now     func() time.Time
	unlock  func()
	rec     *Record // nil for the commands that keep no record
	staging *staging
	// current is the stage running, for the message of an interrupted command; abandoned is
	// set when a stage did not stop in time and still runs in the background.
	current   string
	abandoned bool
}

// begin takes the output folder's lock and cleans what killed commands left there.
func begin(ctx context.Context, o Options, name string) (*command, error) {
	c := &command{ctx: ctx, o: o, lay: Layout{Root: o.Out}, log: o.Log, now: o.clock()}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	unlock, err := lockOut(ctx, c.lay, name, o.Wait, c.log)
	if err != nil {
		return nil, err
	}
	c.unlock = unlock
	if err := cleanLeftovers(c.lay, c.log); err != nil {
		unlock()
		return nil, err
	}
	if err := checkpoint("locked"); err != nil {
		unlock()
		return nil, err
	}
	return c, nil
}

func (c *command) end() { c.unlock() }

// beginRun begins a command that ingests (run, ingest) and keeps a record.
func beginRun(ctx context.Context, o Options, name string) (*command, error) {
	if o.Catalogue == nil || o.Inbox == "" || o.Out == "" {
		return nil, errs.E(errs.Op("pipeline.beginRun"), errs.Config, "inbox, output folder and catalogue are required")
	}
	c, err := begin(ctx, o, name)
	if err != nil {
		return nil, err
	}
	started := c.now().UTC()
	// The moment the figures are computed as of, known before any stage runs, so that the
	// record of a run that fails early says it too.
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = started
	}
	c.rec = &Record{
		RunID: newRunID(o.Out, started), Command: name, StartedAt: started, AsOf: asOf, Inbox: o.Inbox, Out: o.Out,
		CatalogueSHA256: o.Catalogue.Hash, CodeVersion: CodeVersion(), Status: StatusRunning,
	}
	return c, nil
}

// ingest runs the ingest stage and writes at once what the run found: from its commit on, the
// warehouse holds the run's data, and a crash must not lose its findings.
func (c *command) ingest(res *Result) error {
	var sum *ingest.Summary
	if err := c.stage("ingest", func() (err error) {
		sum, err = ingestInto(c.ctx, c.o, c.rec.RunID, c.rec.StartedAt)
		return err
	}); err != nil {
		return err
	}
	res.Summary = sum
	if err := checkpoint("ingested"); err != nil {
		return err
	}
	c.rec.Ingest = ingestRecord(sum)
	return writeRunDetails(c.lay, c.rec, sum)
}

func (o Options) clock() func() time.Time {
	if o.Now != nil {
		return o.Now
	}
	if t := testNow(); !t.IsZero() {
		return func() time.Time { return t }
	}
	return time.Now
}

// stage runs one stage, timed and logged. A stage runs until it returns, or, once the command
// is told to stop, for stopGrace more (see untilStopped); a stage that succeeds after the stop
// still ends the command, as interrupted.
func (c *command) stage(name string, fn func() error) error {
	c.current = name
	t0 := time.Now()
	defer trace.Start("pipeline: stage", name)()
	c.o.stageEvent(StageEvent{Stage: name})
	_, abandoned, err := untilStopped(c.ctx, func() (struct{}, error) { return struct{}{}, fn() })
	c.abandoned = c.abandoned || abandoned
	if err == nil && c.ctx.Err() != nil {
		err = c.ctx.Err()
	}
	c.o.stageEvent(StageEvent{Stage: name, Done: true, Took: time.Since(t0), Err: err})
	if c.rec != nil {
		c.rec.Stages = append(c.rec.Stages, StageTiming{Stage: name, Seconds: time.Since(t0).Seconds()})
	}
	return err
}

// fail ends a command that could not finish: its staging folder goes (unless a stage still
// writes into it), and its record, if it keeps one, says whether it failed or was interrupted.
func (c *command) fail(res *Result, err error) (*Result, error) {
	const op errs.Op = "pipeline.fail"
	if c.staging != nil && !c.abandoned {
		c.staging.discard()
	}
	if interrupted(c.ctx, err) {
		err = errs.E(op, errs.Path(c.lay.Root), errs.Interrupted, fmt.Sprintf(
			"stopped by a signal (SIGTERM or Ctrl-C) during %s: the published outputs are still those of the last command that finished; run the command again to finish", c.current))
	}
	if c.rec == nil {
		return res, err
	}
	c.rec.Status = StatusFailed
	if errs.Is(errs.Interrupted, err) {
		c.rec.Status = StatusInterrupted
	}
	c.rec.Error = err.Error()
	c.rec.FinishedAt = c.now().UTC()
	path, werr := c.rec.write(c.lay)
	if res == nil {
		res = &Result{}
	}
	res.Record, res.RecordPath = *c.rec, path
	if werr != nil {
		return res, errs.E(op, errs.Path(c.lay.Runs()), errs.IO, fmt.Errorf("%v (and the run record could not be written: %v)", err, werr))
	}
	return res, err
}
