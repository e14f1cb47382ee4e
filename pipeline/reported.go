package pipeline

import (
	"slices"

	"mittari/domain"
	"mittari/warehouse"
)

// describe makes the description of a new generation whose figures reflect warehouse run
// dataAsOf, published after prev (nil when nothing was): which runs its report shows, their
// counts, and their findings. Those are the runs committed after what prev reflects, up to
// dataAsOf (a run that crashed before it published among them), and self, the run publishing
// (which may have committed nothing). Its changes compare with what prev reflects or, when prev
// reflects the same data (nothing new arrived), with what prev's changes compared with. A stage
// command that remakes a part from the data prev was made from (rebuild) reports what prev
// reported, so that `transform`, `export` and `report` after a `run` give the run's outputs byte
// for byte.
func describe(lay Layout, prev *Generation, dataAsOf string, self *Record, rebuild bool) (*Generation, []domain.Finding, error) {
	g := &Generation{DataAsOf: dataAsOf}
	if prev != nil && rebuild {
		g.Demo = prev.Demo
	}
	inherit := rebuild && prev != nil && prev.ID != "" && prev.DataAsOf == dataAsOf
	if inherit {
		g.ChangesSince, g.Runs = prev.ChangesSince, prev.Runs
		g.Ingest, g.FindingsMissing = prev.Ingest, prev.FindingsMissing
	} else {
		seen := ""
		if prev != nil {
			seen, g.ChangesSince = prev.DataAsOf, prev.DataAsOf
			// A night that brought no new data keeps comparing with what readers saw before the
			// latest data arrived, so that its report still says what that data changed.
			if prev.DataAsOf == dataAsOf {
				g.ChangesSince = prev.ChangesSince
			}
		}
		committed, err := warehouse.CommittedRuns(lay.Warehouse())
		if err != nil {
			return nil, nil, err
		}
		for _, id := range committed {
			if id > seen && id <= dataAsOf {
				g.Runs = append(g.Runs, id)
			}
		}
		if self != nil && !slices.Contains(g.Runs, self.RunID) {
			g.Runs = append(g.Runs, self.RunID)
		}
	}
	var findings []domain.Finding
	for _, id := range g.Runs {
		if !inherit {
			r := self
			if r == nil || r.RunID != id {
				r, _ = readRecord(lay, id)
			}
			if r != nil {
				g.Ingest.add(r.Ingest)
			}
		}
		fs, ok, err := findingsOf(lay, id)
		if err != nil {
			return nil, nil, err
		}
		if !ok && !inherit {
			g.FindingsMissing = append(g.FindingsMissing, id)
		}
		findings = append(findings, fs...)
	}
	return g, findings, nil
}

func (s *IngestRecord) add(r IngestRecord) {
	s.FilesSeen += r.FilesSeen
	s.FilesNew += r.FilesNew
	s.FilesSkipped += r.FilesSkipped
	s.FilesRejected += r.FilesRejected
	s.ReportsAccepted += r.ReportsAccepted
	s.ReportsRejected += r.ReportsRejected
	s.ReportsIgnored += r.ReportsIgnored
	s.ReportsDuplicate += r.ReportsDuplicate
	s.Errors += r.Errors
	s.Warnings += r.Warnings
	s.WroteWarehouse = s.WroteWarehouse || r.WroteWarehouse
}
