package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// backfill is one Backfill call's state once the store is locked.
type backfill struct {
	o       *BackfillOptions
	store   *output.Store
	steps   []time.Time
	job     *job
	archive *fetch.Archive
	// cache holds the committed snapshots read so far, by id: a later
	// step's members are the known names of several earlier steps.
	cache map[string]*snapshot
}

// stepRead is a step read from the archive and not yet committed: its
// snapshot's folder (with the WARC of every capture) waits in the store's
// temp folder until the forward pass commits it.
type stepRead struct {
	date     time.Time
	start    time.Time
	txn      *output.Txn
	outcomes []outcome
	captures map[string]output.NetworkCaptures
}

// run reads the steps newest first, then commits them oldest first.
func (b *backfill) run(ctx context.Context) (*BackfillReport, error) {
	ids := b.netIDs()
	rep := &BackfillReport{Steps: make([]StepReport, len(b.steps))}
	for i, d := range b.steps {
		rep.Steps[i] = StepReport{Date: d, ID: output.BackfillID(d, ids), State: StepUnread}
	}
	b.o.Logger.Info("backfill", "networks", ids, "steps", describeSteps(b.steps), "archive", b.archive.BaseURL())
	deadline := time.Now().Add(b.o.Deadline)
	readCtx, stop := context.WithDeadlineCause(ctx, deadline, ErrDeadline)
	reads, err := b.readAll(readCtx, rep)
	late := errors.Is(context.Cause(readCtx), ErrDeadline)
	stop()
	defer func() {
		for _, r := range reads {
			if r != nil {
				_ = r.txn.Abort() // a no-op once committed
			}
		}
	}()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("backfill cancelled, nothing more committed: %w", err)
	}
	if late {
		b.o.Logger.Warn("backfill deadline reached: the steps read are committed, re-run to read the rest", "deadline", b.o.Deadline.String())
	}
	if err := b.commitAll(ctx, rep, reads); err != nil {
		return rep, err
	}
	rep.Rederived, err = b.rederive(ctx)
	return rep, err
}

// readAll reads every step not yet committed, newest first. A step cut by
// the deadline or a cancel is dropped (it stays unread); a step in which
// some network could not be read for a reason that may pass (the archive
// refused or failed) is dropped as incomplete, so that a re-run reads it
// again rather than keeping a failure that was the archive's, not the
// site's.
func (b *backfill) readAll(ctx context.Context, rep *BackfillReport) ([]*stepRead, error) {
	reads := make([]*stepRead, len(b.steps))
	for i := len(b.steps) - 1; i >= 0; i-- {
		st := &rep.Steps[i]
		if done, err := b.existing(st); err != nil {
			return reads, err
		} else if done {
			continue
		}
		r, err := b.readStep(ctx, i, reads)
		if ctx.Err() != nil {
			// Whatever stopped the step (a cancelled fetch, a store call
			// refused), the cause is the deadline or the cancel.
			if r != nil {
				_ = r.txn.Abort()
			}
			b.o.Logger.Warn("backfill stopped; this step and earlier ones are left for a re-run", "step", st.Date.Format(time.DateOnly), "cause", context.Cause(ctx))
			return reads, nil
		}
		if err != nil {
			return reads, err
		}
		st.Reasons = r.reasons()
		if why := r.transient(); why != "" {
			_ = r.txn.Abort()
			st.State = StepIncomplete
			b.o.Logger.Warn("step incomplete: the archive could not be read; nothing committed for it, a re-run resumes it", "step", st.Date.Format(time.DateOnly), "reason", why)
			continue
		}
		reads[i] = r
	}
	return reads, nil
}

// existing reports whether the step's snapshot was committed by an
// earlier run of the same backfill, which is then kept as it is.
func (b *backfill) existing(st *StepReport) (bool, error) {
	m, err := b.store.Manifest(st.ID)
	if err != nil {
		return false, nil // not committed: read it
	}
	if m.Source != output.SourceWebArchive {
		return false, fmt.Errorf("%w: %s: %w", ErrStore, st.ID, output.ErrNotBackfill)
	}
	st.State, st.Manifest = StepExisting, m
	b.o.Logger.Info("step already committed; kept", "step", st.Date.Format(time.DateOnly), "id", st.ID)
	return true, nil
}

// readStep reads every network as it stood at step i into a new
// snapshot folder. Networks are read at once: the archive client paces
// all of them together.
func (b *backfill) readStep(ctx context.Context, i int, reads []*stepRead) (*stepRead, error) {
	date := b.steps[i]
	id := output.BackfillID(date, b.netIDs())
	txn, err := b.store.Begin(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	w, err := fetch.CreateWARC(filepath.Join(txn.Dir(), "raw.warc.gz"))
	if err != nil {
		_ = txn.Abort()
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	// Within the step each payload is written once, with the SHA-1 payload
	// digest that revisits name; the store's payloads are looked up only
	// when the step is committed (see compact), when the older steps it
	// may refer to are committed too.
	w.Deduplicate(fetch.NewHistory(nil, nil))
	r := &stepRead{date: date, start: time.Now().UTC(), txn: txn, outcomes: make([]outcome, len(b.job.nets)),
		captures: map[string]output.NetworkCaptures{}}
	refs := make([]*laterRef, len(b.job.nets))
	for k, n := range b.job.nets {
		if refs[k], err = b.later(ctx, i, n.ID, reads); err != nil {
			_ = txn.Abort()
			return nil, err
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for k, n := range b.job.nets {
		wg.Go(func() {
			oc, caps := b.readNetwork(ctx, n, date, w, refs[k])
			mu.Lock()
			defer mu.Unlock()
			r.outcomes[k], r.captures[n.ID] = oc, caps
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		_ = txn.Abort()
		return nil, fmt.Errorf("%w: close archive: %w", ErrStore, err)
	}
	return r, nil
}

// readNetwork reads one network at date through the archive: start pages
// from their latest capture before date, every other page from its
// capture nearest the start page's, through the normal fetch transport so
// that each capture is written to the step's WARC.
func (b *backfill) readNetwork(ctx context.Context, n scrapers.Network, date time.Time, w *fetch.WARCWriter, ref *laterRef) (outcome, output.NetworkCaptures) {
	begin := time.Now()
	log := b.o.Logger.With("network", n.ID, "step", date.Format(time.DateOnly))
	spec := b.job.specs[n.ID]
	label := n.ID + " as of " + date.Format(time.DateOnly) // the bar's name
	b.o.Progress.Start(label)
	ct := b.archive.Transport(date, b.o.Window, startURLs(spec, date))
	known, knownFrom := ref.known(n)
	c, err := scrapers.Collect(ctx, scrapers.Job{
		Network: n, Spec: spec, AsOf: date, LastGood: ref.count(),
		Fetch: b.o.Fetch, Base: ct, Archive: w, Logger: log,
		OnPage: func(pages, members int) { b.o.Progress.Page(label, pages, members) },
		Repair: true, Known: known,
	})
	oc := outcome{net: n, spec: spec, collection: c, result: c.Result, knownFrom: knownFrom}
	if c.Repaired {
		oc.storeSpec = c.Repair.Spec
	} else if b.job.stored[n.ID] {
		oc.storeSpec = spec.Raw
	}
	if err != nil && errors.Is(context.Cause(ctx), ErrDeadline) {
		err = fmt.Errorf("%w: stopped while reading the archive (%s): %w", ErrDeadline, b.o.Deadline, err)
	}
	oc.err, oc.duration = err, time.Since(begin)
	status, members := oc.status(log, "network failed at this step")
	b.o.Progress.Done(label, status, members)
	return oc, output.SummarizeCaptures(date, captureInfos(ct.Used()))
}

// captureInfos turns the captures a transport served into the manifest's
// form.
func captureInfos(used []fetch.UsedCapture) []output.CaptureInfo {
	out := make([]output.CaptureInfo, 0, len(used))
	for _, u := range used {
		out = append(out, output.CaptureInfo{URL: u.URL, Capture: u.CaptureURL, Timestamp: u.Time.UTC()})
	}
	return out
}

// startURLs are the start pages of every variant valid at date: the pages
// whose capture is the latest before the date.
func startURLs(spec *scrapers.Spec, date time.Time) []string {
	var out []string
	for _, v := range spec.VariantsAt(date) {
		out = append(out, v.StartPages()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// reasons are, per failed network, why it failed.
func (r *stepRead) reasons() map[string]string {
	out := map[string]string{}
	for _, oc := range r.outcomes {
		if oc.err != nil {
			out[oc.net.ID] = scrapers.Reason(oc.err)
		}
	}
	return out
}

// transient is the reason of the first network that failed for a reason
// that may pass on a later try (the archive answered 429 or 5xx after its
// retries, or could not be reached), "" when there is none.
func (r *stepRead) transient() string {
	for _, oc := range r.outcomes {
		if oc.err != nil && transientErr(oc.err) {
			return oc.net.ID + ": " + scrapers.Reason(oc.err)
		}
	}
	return ""
}

// transientErr reports whether err may pass on a later try.
func transientErr(err error) bool {
	var he *fetch.HTTPError
	if errors.As(err, &he) && (he.Status == http.StatusTooManyRequests || he.Status >= 500) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, ErrDeadline)
}
