package schedules

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
)

// runJob is one firing of a job: wait the jitter, take the store, run the
// pipeline, record the outcome. It gives up quietly when the daemon starts
// stopping before the run begins.
func (d *Daemon) runJob(j Job) {
	log := d.log.With("job", j.Name)
	if !d.pause(jitter(d.o.Jitter), log) || !d.acquire(log) {
		return
	}
	defer func() { <-d.store }()

	o := d.o.Base
	o.Networks = d.networks(j)
	start := time.Now()
	d.begin(RunInfo{Job: j.Name, Networks: o.Networks, Started: start.UTC()})
	log.Info("run started", "networks", orAll(o.Networks))

	var rep *pipeline.Report
	var err error
	outcome := OutcomePanic // unless Run returns
	defer func() { d.finish(log, outcome, rep, err, start) }()
	rep, err = d.o.Run(d.runCtx, o)
	outcome = classify(rep, err)
}

// classify turns a run's result into its outcome.
func classify(rep *pipeline.Report, err error) string {
	var locked *output.LockedError
	switch {
	case err == nil && rep != nil && rep.Manifest != nil && rep.Failed() > 0:
		return OutcomePartial
	case err == nil:
		return OutcomeOK
	case errors.Is(err, context.Canceled) || errors.Is(err, errStopping):
		return OutcomeCancelled
	case errors.As(err, &locked):
		return OutcomeLocked
	}
	return OutcomeError
}

// jitter is a uniformly random wait in [0, max].
func jitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return rand.N(max + 1)
}

// pause waits d before a run; false means the daemon began stopping.
func (d *Daemon) pause(wait time.Duration, log *slog.Logger) bool {
	if wait <= 0 {
		return !d.isStopping()
	}
	log.Info("waiting the jitter before the run", "wait", wait.Round(time.Millisecond))
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return !d.isStopping()
	case <-d.stop:
		return false
	}
}

// acquire takes the store for one run, waiting while another job's run
// has it; false means the daemon began stopping.
func (d *Daemon) acquire(log *slog.Logger) bool {
	select {
	case d.store <- struct{}{}:
	default:
		log.Info("waiting for the run of another schedule to finish (one run at a time per store)")
		select {
		case d.store <- struct{}{}:
		case <-d.stop:
			return false
		}
	}
	if d.isStopping() {
		<-d.store
		return false
	}
	return true
}

func (d *Daemon) isStopping() bool {
	select {
	case <-d.stop:
		return true
	default:
		return false
	}
}

func (d *Daemon) begin(ri RunInfo) {
	d.mu.Lock()
	d.current = &ri
	d.mu.Unlock()
	d.m.running.Set(1)
}

// finish records and logs a run that ended (or panicked).
func (d *Daemon) finish(log *slog.Logger, outcome string, rep *pipeline.Report, err error, start time.Time) {
	end := time.Now()
	took := end.Sub(start)
	d.m.running.Set(0)
	d.m.record(outcome, took, rep, end)
	d.mu.Lock()
	ri := *d.current
	d.current = nil
	e := end.UTC()
	ri.Ended, ri.Outcome = &e, outcome
	if rep != nil {
		ri.Snapshot = rep.SnapshotID
		ri.Failed = failedNetworks(rep)
	}
	if err != nil {
		ri.Error = err.Error()
	}
	d.last = &ri
	d.counts[outcome]++
	d.mu.Unlock()

	args := []any{"outcome", outcome, "took", took.Round(time.Millisecond)}
	if rep != nil {
		args = append(args, "snapshot", rep.SnapshotID, "changes", rep.Changes)
	}
	switch outcome {
	case OutcomeOK:
		log.Info("run finished", args...)
	case OutcomePartial:
		log.Warn("run finished; some networks failed and were carried forward", append(args, "failed", ri.Failed)...)
	case OutcomeCancelled:
		log.Warn("run cancelled; nothing committed", append(args, "error", err)...)
	case OutcomePanic:
		log.Error("run panicked; nothing committed", args...)
	default:
		log.Error("run failed; nothing committed", append(args, "error", err)...)
	}
}

// skipped counts a firing that SkipIfStillRunning dropped.
func (d *Daemon) skipped(Job) {
	now := time.Now()
	d.m.record(OutcomeSkipped, 0, nil, now)
	d.mu.Lock()
	d.counts[OutcomeSkipped]++
	d.mu.Unlock()
}

// failedNetworks lists, sorted, the networks that failed in the run.
func failedNetworks(rep *pipeline.Report) []string {
	if rep.Manifest == nil {
		return nil
	}
	var out []string
	for id, s := range rep.Manifest.Networks {
		if s.Status == output.StatusFailed {
			out = append(out, id+": "+s.Error)
		}
	}
	sort.Strings(out)
	return out
}
