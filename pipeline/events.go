package pipeline

import "time"

// StageEvent tells an observer — the command line's log and progress bar — that a stage of a
// run started or finished.
type StageEvent struct {
	Stage string
	Done  bool
	Took  time.Duration // set when Done
	Err   error         // set when Done and the stage failed
}

func (o Options) stageEvent(e StageEvent) {
	if o.OnStage != nil {
		o.OnStage(e)
	}
}
