package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// BackfillOptions configure one backfill: the dated snapshots read from a
// web archive's captures. The embedded Options say where the store, specs
// and gazetteer are, as for a run; Options.Deadline bounds the whole
// backfill (DefaultBackfillDeadline when zero), Options.Replay serves the
// archive's answers from a WARC file, and Options.Transport, when set,
// carries the requests to the archive.
type BackfillOptions struct {
	Options
	// From and To bound the step dates (To inclusive, default now and never
	// after it); Every is the gap between steps.
	From, To time.Time
	Every    Period
	// Archive configures the web-archive client; its BaseURL is
	// --archive-url.
	Archive fetch.ArchiveConfig
	// Window bounds how far a followed page's capture may be from its start
	// page's; zero means DefaultCaptureWindow.
	Window time.Duration
	// Now is the clock (the default To, the re-derived snapshot's date);
	// nil means time.Now.
	Now func() time.Time
}

// DefaultBackfillDeadline bounds a backfill when Options.Deadline is zero:
// a 2012→today backfill of every network takes hours at the archive's pace
// (see the README), far longer than a nightly run may.
const DefaultBackfillDeadline = 48 * time.Hour

// DefaultCaptureWindow bounds how far a followed page's capture may lie
// from its start page's: the archive crawled a site's deeper pages on other
// days than its front page, and a list spread over captures months apart
// may mix two states of the site (the manifest records the spread).
const DefaultCaptureWindow = 90 * 24 * time.Hour

// Period is the gap between backfill steps, in calendar months.
type Period struct{ Months int }

// ParsePeriod reads "1y", "6m", "3m", "1m" (any positive count of years or
// months).
func ParsePeriod(s string) (Period, error) {
	if len(s) < 2 {
		return Period{}, fmt.Errorf("period %q: want a count and y or m, such as 1y or 3m", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return Period{}, fmt.Errorf("period %q: want a positive count, such as 1y or 3m", s)
	}
	switch s[len(s)-1] {
	case 'y':
		return Period{Months: 12 * n}, nil
	case 'm':
		return Period{Months: n}, nil
	}
	return Period{}, fmt.Errorf("period %q: want y (years) or m (months)", s)
}

func (p Period) String() string {
	if p.Months%12 == 0 {
		return strconv.Itoa(p.Months/12) + "y"
	}
	return strconv.Itoa(p.Months) + "m"
}

// Steps are the step dates from from to to, every p, oldest first; each
// is counted from from (not from the previous step), so the 31st of a
// month stays the end of the month rather than drifting.
func (p Period) Steps(from, to time.Time) []time.Time {
	var out []time.Time
	for k := 0; ; k++ {
		d := addMonths(from, k*p.Months)
		if d.After(to) || p.Months <= 0 && k > 0 {
			return out
		}
		out = append(out, d)
	}
}

// addMonths adds n calendar months to t, clamping to the month's last day.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// BackfillReport is what a backfill did, step by step, oldest first.
type BackfillReport struct {
	Steps []StepReport
	// Rederived is the snapshot committed to re-derive history, when the
	// backfill landed before existing snapshots; nil otherwise.
	Rederived *Report
}

// StepReport is one step of a backfill.
type StepReport struct {
	Date time.Time
	ID   string
	// State is what became of the step: committed now, existing (found
	// committed by an earlier run and kept), incomplete (the archive could
	// not be read for some network for a reason that may pass; nothing
	// committed, a re-run resumes it) or unread (the deadline or a cancel
	// came first).
	State    string
	Manifest *output.Manifest
	Changes  int
	// Reasons are, per network that failed, why.
	Reasons map[string]string
}

// Step states.
const (
	StepCommitted  = "committed"
	StepExisting   = "existing"
	StepIncomplete = "incomplete"
	StepUnread     = "unread"
)

// Failed counts the steps not committed now or before, and the networks
// failed in steps committed now.
func (r *BackfillReport) Failed() int {
	n := 0
	for _, s := range r.Steps {
		switch s.State {
		case StepIncomplete, StepUnread:
			n++
		case StepCommitted:
			n += len(s.Reasons)
		}
	}
	return n
}

// Backfill reads every selected network as it stood at each step date from
// the web archive's captures and commits one snapshot per step, dated at
// the step (see DESIGN, History from web archives). Reading walks back in
// time from the newest step, so that a step's guard and self-repair know
// the members of the nearest later snapshot that read the network; then
// the steps are committed oldest first, each diffed against the nearest
// earlier committed snapshot. Steps committed by an earlier run with the
// same networks are kept, not read again. When the new snapshots land
// before existing ones, one more snapshot, dated now, re-derives history
// over the whole series and becomes LATEST.
//
// The error is nil when the backfill ran to its end, even if some step or
// network failed (see BackfillReport.Failed).
func Backfill(ctx context.Context, o BackfillOptions) (*BackfillReport, error) {
	o.backfillDefaults()
	b, err := o.prepare(ctx)
	if err != nil {
		return nil, err
	}
	store, unlock, err := openForBackfill(ctx, &o.Options)
	if err != nil {
		return nil, err
	}
	defer unlock()
	b.store = store
	return b.run(ctx)
}

// prepare checks the input and loads what the backfill reads with, before
// the store is touched: bad input is reported without taking the lock.
func (o *BackfillOptions) prepare(ctx context.Context) (*backfill, error) {
	steps, err := o.steps()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	if err := o.Archive.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	nets, err := scrapers.Select(o.Networks)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	specs, stored, err := loadSpecs(nets, o.SpecsDir, o.SpecFiles)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	base, err := o.archiveTransport()
	if err != nil {
		return nil, err
	}
	matcher, gz, err := loadMatcher(ctx, o.GazetteerFile, o.OverridesFile, o.Logger)
	if err != nil {
		return nil, err
	}
	cfg := o.Archive
	if o.Replay != "" && o.Transport == nil {
		// The answers are in a file: nothing to be polite to, no pacing.
		cfg.CDXInterval, cfg.CaptureInterval = -1, -1
	}
	archive := fetch.NewArchive(cfg, base, o.Logger)
	// One CDX query per URL for the whole backfill: a start page's latest
	// capture before the oldest step may be older than any step (so the
	// span starts with the archive), and a followed page's capture may lie
	// a window after the newest step's start page.
	archive.Span(time.Time{}, steps[len(steps)-1].Add(o.Window))
	return &backfill{
		o: o, steps: steps,
		job:     &job{nets: nets, specs: specs, stored: stored, matcher: matcher, gazetteer: gz},
		archive: archive,
		cache:   map[string]*snapshot{},
	}, nil
}

// archiveTransport carries the requests to the archive: Options.Transport
// when set, the replay archive with --replay, else the network.
func (o *BackfillOptions) archiveTransport() (http.RoundTripper, error) {
	switch {
	case o.Transport != nil:
		return o.Transport, nil
	case o.Replay != "":
		return BaseTransport(o.Replay)
	}
	return http.DefaultTransport.(*http.Transport).Clone(), nil
}

// openForBackfill opens and locks the store, finishes an interrupted
// commit and repairs LATEST, as a run does before it writes.
func openForBackfill(ctx context.Context, o *Options) (*output.Store, func() error, error) {
	store, err := output.OpenStore(o.StoreDir)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	unlock, err := store.Lock(ctx, o.Wait, o.Command)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := store.CheckWritable(ctx); err != nil {
		unlock()
		return nil, nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	if id, err := store.RollForward(ctx); err != nil {
		unlock()
		return nil, nil, fmt.Errorf("%w: %w", ErrStore, err)
	} else if id != "" {
		o.Logger.Warn("finished an interrupted commit: LATEST now names it", "id", id)
	}
	if _, err := store.RepairLatest(ctx, o.Logger); err != nil {
		unlock()
		return nil, nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	return store, unlock, nil
}

func (o *BackfillOptions) backfillDefaults() {
	if o.Command == "" {
		o.Command = "citynets backfill"
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultBackfillDeadline
	}
	o.defaults()
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Window <= 0 {
		o.Window = DefaultCaptureWindow
	}
	if o.Every.Months <= 0 {
		o.Every = Period{Months: 12}
	}
	// The archive paces and retries; the fetch layer above it must not
	// add the live sites' delays and retries on top.
	o.Fetch.Retries, o.Fetch.Delay, o.Fetch.RandomDelay = -1, -1, 0
}

// steps are the step dates, oldest first, validated.
func (o *BackfillOptions) steps() ([]time.Time, error) {
	now := o.Now().UTC()
	if o.From.IsZero() {
		return nil, errors.New("backfill: --from is required")
	}
	to := o.To
	if to.IsZero() || to.After(now) {
		to = now
	}
	if o.From.After(to) {
		return nil, fmt.Errorf("backfill: --from %s is after --to %s", o.From.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	steps := o.Every.Steps(o.From.UTC(), to)
	if len(steps) > maxSteps {
		return nil, fmt.Errorf("backfill: %d steps, more than %d: choose a longer --every or a shorter range", len(steps), maxSteps)
	}
	return steps, nil
}

// maxSteps bounds one backfill: monthly steps over fifty years.
const maxSteps = 600

// netIDs are the ids of the selected networks, sorted.
func (b *backfill) netIDs() []string {
	ids := make([]string, len(b.job.nets))
	for i, n := range b.job.nets {
		ids[i] = n.ID
	}
	slices.Sort(ids)
	return ids
}

// describe names the networks and step range for log lines.
func describeSteps(steps []time.Time) string {
	if len(steps) == 0 {
		return "no steps"
	}
	return fmt.Sprintf("%d steps, %s to %s", len(steps), steps[0].Format(time.DateOnly), steps[len(steps)-1].Format(time.DateOnly))
}
