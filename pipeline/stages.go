package pipeline

import (
	"context"
	"os"
	"path/filepath"

	"mittari/domain"
	"mittari/internal/errs"
	"mittari/metrics"
	"mittari/transform"
)

// IngestStage runs the ingest stage alone (`mittari ingest`): what is new in the inbox goes
// into the warehouse, committed when anything was written, and its record and findings are
// written beside the others. The next command that publishes reports them.
func IngestStage(ctx context.Context, o Options) (*Result, error) {
	const op errs.Op = "pipeline.IngestStage"
	c, err := beginRun(ctx, o, "ingest")
	if err != nil {
		return nil, err
	}
	defer c.end()
	started := c.rec.StartedAt
	c.rec.AsOf = started
	res := &Result{}
	if err := c.ingest(res); err != nil {
		return c.fail(res, err)
	}
	c.rec.DataAsOf, err = latestRunAt(c.lay.Warehouse(), started)
	if err != nil {
		return c.fail(res, err)
	}
	c.rec.Status, c.rec.FinishedAt = StatusOK, c.now().UTC()
	path, err := c.rec.write(c.lay)
	if err != nil {
		return nil, errs.E(op, errs.Path(c.lay.Runs()), errs.IO, err)
	}
	res.Record, res.RecordPath = *c.rec, path
	return res, nil
}

// TransformStage runs the transform stage alone (`mittari transform`): it computes the figures
// from the warehouse as of now and publishes them and the marts as a new generation, carrying
// the report and exports over from the published one (`mittari export` and `mittari report`
// remake those from the new figures).
func TransformStage(ctx context.Context, o Options) (*Result, error) {
	if err := o.checkCutoff(o.clock()()); err != nil {
		return nil, err
	}
	c, err := begin(ctx, o, "transform")
	if err != nil {
		return nil, err
	}
	defer c.end()
	asOf := c.now().UTC()
	dataAsOf, err := latestRunAt(c.lay.Warehouse(), asOf)
	if err != nil {
		return c.fail(nil, err)
	}
	prev, prevDir, err := lastPublished(c.lay)
	if err != nil {
		return c.fail(nil, err)
	}
	g, _, err := describe(c.lay, prev, dataAsOf, nil, true)
	if err != nil {
		return c.fail(nil, err)
	}
	if c.staging, err = newStaging(c.lay, asOf); err != nil {
		return c.fail(nil, err)
	}
	st := c.staging
	res := &Result{}
	var figures *metrics.Results
	var stats transform.Stats
	if err := c.stage("transform", func() (err error) {
		figures, stats, err = transformInto(ctx, o, st.dir, asOf, g.ChangesSince, prev, prevDir)
		if err == nil {
			err = writeFigures(st.dir.Figures(), figures)
		}
		if err == nil && o.Figures != "" {
			err = writeFigures(o.Figures, figures)
		}
		return err
	}); err != nil {
		return c.fail(res, err)
	}
	g.MartDigests = stats.Marts
	res.Results, res.Record.Transform = figures, transformRecord(stats)
	return c.publishStage(res, "transform", g, prev, prevDir, []string{partFigures, partMarts})
}

// ReportStage runs the report stage alone (`mittari report`): the report is made again from
// the published figures (or those of o.Figures) and published with the rest carried over.
func ReportStage(ctx context.Context, o Options) (*Result, error) {
	return formatStage(ctx, o, "report", partReport, func(c *command, st *staging, res *Result, g *Generation, findings []domain.Finding) error {
		return c.stage("charts", func() error { return writeReport(o, st.dir, res.Results, g, findings) })
	})
}

// ExportStage runs the export stage alone (`mittari export`): the Commission tables are made
// again from the published figures (or those of o.Figures) and marts, and published with the
// rest carried over.
func ExportStage(ctx context.Context, o Options) (*Result, error) {
	return formatStage(ctx, o, "export", partExports, func(c *command, st *staging, res *Result, g *Generation, _ []domain.Finding) error {
		var folders []string
		err := c.stage("exports", func() (err error) {
			// The marts of the published generation, which this one carries over.
			prev, dir, err := published(c.lay)
			if err == nil && dir == "" {
				err = errs.E(errs.Op("pipeline.ExportStage"), errs.Path(o.Out), errs.NotFound,
					"no marts have been published in this output folder yet: run `mittari run`, or `mittari transform`, first")
			}
			if err != nil {
				return err
			}
			carry := exportCarry(prev, dir)
			folders, err = writeExports(o, st.dir, dir.Marts(), res.Results, g.DataAsOf, carry)
			g.ExportInputs = carry.Made()
			return err
		})
		res.Exports = folders
		return err
	})
}

// formatStage is the shape of the report and export stages: figures in, one part made, a
// generation published with the other parts carried over.
func formatStage(ctx context.Context, o Options, name, part string,
	make func(c *command, st *staging, res *Result, g *Generation, findings []domain.Finding) error) (*Result, error) {
	const op errs.Op = "pipeline.formatStage"
	c, err := begin(ctx, o, name)
	if err != nil {
		return nil, err
	}
	defer c.end()
	prev, prevDir, err := published(c.lay)
	if err != nil {
		return c.fail(nil, err)
	}
	res := &Result{}
	var dataAsOf string
	switch {
	case o.Figures != "":
		if res.Results, err = readFigures(o.Figures); err == nil {
			dataAsOf, err = latestRunAt(c.lay.Warehouse(), res.Results.AsOf)
		}
	case prev == nil:
		err = errs.E(op, errs.Path(o.Out), errs.NotFound,
			"no figures have been published in this output folder yet: run `mittari run`, or `mittari transform`, first")
	default:
		res.Results, err = readFigures(prevDir.Figures())
		dataAsOf = prev.DataAsOf
	}
	if err != nil {
		return c.fail(nil, err)
	}
	g, findings, err := describe(c.lay, prev, dataAsOf, nil, true)
	if err != nil {
		return c.fail(nil, err)
	}
	if c.staging, err = newStaging(c.lay, c.now()); err != nil {
		return c.fail(nil, err)
	}
	made := []string{part}
	if o.Figures != "" {
		if err := writeFigures(c.staging.dir.Figures(), res.Results); err != nil {
			return c.fail(nil, err)
		}
		made = append(made, partFigures)
	}
	if err := make(c, c.staging, res, g, findings); err != nil {
		return c.fail(res, err)
	}
	return c.publishStage(res, name, g, prev, prevDir, made)
}

// publishStage publishes the generation a stage command built: the parts it made are its own,
// the others are carried over from the published generation.
func (c *command) publishStage(res *Result, name string, g *Generation, prev *Generation, prevDir outputDir, made []string) (*Result, error) {
	st := c.staging
	g.Command, g.AsOf, g.PublishedAt = name, res.Results.AsOf, c.now().UTC()
	g.Parts = map[string]string{}
	for _, part := range made {
		g.Parts[part] = st.id
	}
	for _, part := range []string{partFigures, partMarts, partReport, partExports} {
		if g.Parts[part] != "" || prevDir == "" {
			continue
		}
		if err := st.carry(prevDir, part); err != nil {
			return c.fail(res, err)
		}
		if _, err := os.Stat(filepath.Join(string(st.dir), part)); err == nil {
			g.Parts[part] = prev.ID
			if from := prev.Parts[part]; from != "" {
				g.Parts[part] = from
			}
			switch part {
			case partExports:
				g.ExportInputs = prev.ExportInputs
			case partMarts:
				g.MartDigests = prev.MartDigests
			}
		}
	}
	if err := c.stage("publish", func() error { return st.publish(g, c.o.KeepGenerations) }); err != nil {
		return c.fail(res, err)
	}
	c.staging = nil
	res.Report, res.ExportsDir, res.Exports = st.readerPaths(res.Exports)
	res.Generation = g
	return res, nil
}
