package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/citynets/citynets/enrich"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// Report is what a run did, for the summary the CLI prints.
type Report struct {
	SnapshotID string
	ParentID   string
	Manifest   *output.Manifest
	Changes    int
}

// Failed counts the networks whose scrape or guard failed.
func (r *Report) Failed() int {
	n := 0
	for _, s := range r.Manifest.Networks {
		if s.Status == output.StatusFailed {
			n++
		}
	}
	return n
}

// Run executes the pipeline once and commits a snapshot. The error is nil
// when a snapshot was committed, even if some networks failed (see
// Report.Failed); a cancelled run commits nothing.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.defaults()
	nets, err := scrapers.Select(o.Networks)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	specs, stored, err := loadSpecs(nets, o.SpecsDir, o.SpecFiles)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	base := o.Transport
	if base == nil {
		if base, err = baseTransport(o.Replay, o.StoreDir); err != nil {
			return nil, err
		}
		// A replayed run has no site to be polite to, and an archived 503
		// stays a 503: the fetch layer is told so, not left to guess.
		o.Fetch.Offline = o.Replay != ""
	}
	matcher, gz, err := loadMatcher(ctx, o.GazetteerFile, o.OverridesFile, o.Logger)
	if err != nil {
		return nil, err
	}
	store, err := output.OpenStore(o.StoreDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	unlock, err := store.Lock(ctx, o.Wait, o.Command)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer unlock()
	if err := store.CheckWritable(ctx); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	return o.run(ctx, store, &job{nets: nets, specs: specs, stored: stored, base: base, matcher: matcher, gazetteer: gz})
}

// job is what Run prepared before touching the store.
type job struct {
	nets  []scrapers.Network
	specs map[string]*scrapers.Spec
	// stored are the networks whose spec came from Options.SpecFiles.
	stored    map[string]bool
	base      http.RoundTripper
	matcher   *enrich.Matcher
	gazetteer output.GazetteerInfo
}

func (o *Options) run(ctx context.Context, store *output.Store, j *job) (*Report, error) {
	start := time.Now().UTC()
	if id, err := store.RollForward(ctx); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	} else if id != "" {
		o.Logger.Warn("finished an interrupted commit: LATEST now names it", "id", id)
	}
	parent, err := loadParent(ctx, store, o.RebuildFrom, o.Logger)
	if err != nil {
		return nil, err
	}
	id, err := nextID(store, start, o.RebuildFrom, o.Logger)
	if err != nil {
		return nil, err
	}
	txn, err := store.Begin(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = txn.Abort()
		}
	}()
	archive, err := fetch.CreateWARC(filepath.Join(txn.Dir(), "raw.warc.gz"))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	idx, err := store.RefreshPayloads(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	archive.Deduplicate(history(parent, store, idx, o.Logger))
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = start
	}
	deadline := start.Add(o.Deadline)
	scrapeCtx, stopScrapes := context.WithDeadlineCause(ctx, deadline, ErrDeadline)
	outcomes := o.scrapeAll(scrapeCtx, j, archive, parent, asOf)
	late := errors.Is(context.Cause(scrapeCtx), ErrDeadline)
	stopScrapes()
	if err := archive.Close(); err != nil {
		return nil, fmt.Errorf("%w: close archive: %w", ErrStore, err)
	}
	if err := o.writeSpecs(txn, store.Path(id), outcomes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run cancelled, nothing committed: %w", err)
	}
	commitCtx, stopCommit := commitContext(ctx, deadline, late)
	defer stopCommit()
	tables, m := o.assemble(commitCtx, id, start, parent, j, outcomes)
	err = context.Cause(commitCtx)
	if err == nil {
		err = txn.Commit(commitCtx, m, tables)
	}
	if err != nil {
		if errors.Is(context.Cause(commitCtx), ErrDeadline) {
			err = fmt.Errorf("%w (%s) while committing, nothing committed: %w", ErrDeadline, o.Deadline, err)
		}
		return nil, fmt.Errorf("%w: commit snapshot: %w", ErrStore, err)
	}
	committed = true
	if _, err := store.RefreshPayloads(ctx); err != nil {
		// The index is a cache: the next run rebuilds what is missing.
		o.Logger.Warn("payload index not updated", "error", err)
	}
	o.Logger.Info("snapshot committed", "id", id, "members", len(tables.Members), "places", len(tables.Places), "changes", len(tables.Changes))
	return &Report{SnapshotID: id, ParentID: m.ParentID, Manifest: m, Changes: len(tables.Changes)}, nil
}

// commitContext bounds assembling and committing the snapshot by the
// run's deadline, unless scraping already reached it: the networks cut off
// have been recorded as failed, and the deadline exists to get that
// snapshot out, not to throw away the night's work.
func commitContext(ctx context.Context, deadline time.Time, late bool) (context.Context, context.CancelFunc) {
	if late {
		return context.WithCancel(ctx)
	}
	return context.WithDeadlineCause(ctx, deadline, ErrDeadline)
}

// outcome is one network's scrape, guarded.
type outcome struct {
	net        scrapers.Network
	spec       *scrapers.Spec
	collection *scrapers.Collection
	result     *scrapers.Result
	err        error
	duration   time.Duration
	// knownFrom is where the known members came from (for a repair).
	knownFrom string
	// storeSpec is the spec file to store in the snapshot (an induced
	// spec, or a stored one read back by a rebuild); specPath is where it
	// was stored, snapshot-relative.
	storeSpec []byte
	specPath  string
	// costs are what the network's requests cost.
	costs fetch.Costs
}

// scrapeAll runs every network at once: each has its own collector, and so
// its own per-domain delay, so different sites are fetched in parallel.
func (o *Options) scrapeAll(ctx context.Context, j *job, archive *fetch.WARCWriter, parent *snapshot, asOf time.Time) []outcome {
	out := make([]outcome, len(j.nets))
	var wg sync.WaitGroup
	for i, n := range j.nets {
		wg.Go(func() {
			out[i] = o.scrapeOne(ctx, n, j.specs[n.ID], j.base, archive, parent, asOf)
			if j.stored[n.ID] {
				out[i].storeSpec = j.specs[n.ID].Raw
			}
		})
	}
	wg.Wait()
	return out
}

func (o *Options) scrapeOne(ctx context.Context, n scrapers.Network, spec *scrapers.Spec, base http.RoundTripper, archive *fetch.WARCWriter, parent *snapshot, asOf time.Time) outcome {
	begin := time.Now()
	log := o.Logger.With("network", n.ID)
	o.Progress.Start(n.ID)
	oc := outcome{net: n, spec: spec}
	counters := &fetch.Counters{}
	var known []scrapers.KnownMember
	lastGood := parent.lastGood(n.ID)
	ref, byRef := o.guardRefs[n.ID]
	if byRef {
		lastGood = ref.count()
	}
	if o.Repair && byRef {
		known, oc.knownFrom = ref.known(n)
	} else if o.Repair {
		known, oc.knownFrom = parent.knownMembers(n)
	}
	c, err := scrapers.Collect(ctx, scrapers.Job{
		Network: n, Spec: spec, AsOf: asOf, LastGood: lastGood,
		Fetch: o.Fetch, Base: base, Archive: archive, Logger: log,
		OnPage: func(pages, members int) { o.Progress.Page(n.ID, pages, members) },
		Repair: o.Repair, Known: known, Counters: counters,
	})
	oc.collection, oc.result, oc.costs = c, c.Result, counters.Load()
	if c.Repaired {
		oc.storeSpec = c.Repair.Spec
	}
	if err != nil && errors.Is(context.Cause(ctx), ErrDeadline) {
		// Whatever the scraper saw last (a cancelled request, a guard
		// on a partial list), the reason is the deadline.
		err = fmt.Errorf("%w: stopped while scraping (%s): %w", ErrDeadline, o.Deadline, err)
	}
	oc.err, oc.duration = err, time.Since(begin)
	status, members := oc.status(log, "network failed")
	for _, note := range resultNotes(oc.result) {
		log.Info("scraper note", "note", note)
	}
	logRepairs(log, oc.result)
	o.Progress.Done(n.ID, status, members)
	return oc
}

// status is the network's status in the manifest and the members read,
// logged when the network failed (with failMsg) or is degraded.
func (oc *outcome) status(log *slog.Logger, failMsg string) (string, int) {
	status, members := output.StatusOK, 0
	if oc.result != nil {
		members = len(oc.result.Members)
	}
	switch {
	case oc.err != nil:
		status = output.StatusFailed
		log.Warn(failMsg, "reason", scrapers.Reason(oc.err))
	case oc.collection != nil && oc.collection.Repaired:
		status = output.StatusRepaired
	case oc.result != nil && len(oc.result.Degraded) > 0:
		status = output.StatusDegraded
		log.Warn("network degraded: an optional source failed; its fields are carried from the last good snapshot", "sources", len(oc.result.Degraded))
	}
	return status, members
}

// logRepairs says when the pages held text that had to be repaired: the
// counts are in the manifest, the rows hold only the repaired text.
func logRepairs(log *slog.Logger, r *scrapers.Result) {
	if r == nil {
		return
	}
	if r.InvalidUTF8 > 0 {
		log.Warn("invalid UTF-8 replaced with U+FFFD", "fields", r.InvalidUTF8)
	}
	if r.Truncated > 0 {
		log.Warn("overlong fields truncated", "fields", r.Truncated, "max_chars", scrapers.MaxFieldRunes)
	}
}

func resultNotes(r *scrapers.Result) []string {
	return DescribeNotes(r)
}

func (o *Options) defaults() {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Progress == nil {
		o.Progress = nopProgress{}
	}
	if o.Command == "" {
		o.Command = "citynets run"
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultDeadline
	}
}

type nopProgress struct{}

func (nopProgress) Start(string)             {}
func (nopProgress) Page(string, int, int)    {}
func (nopProgress) Done(string, string, int) {}

// BaseTransport is the network, or the replay archive when replay names
// one. A bad archive is bad input, reported before the store is touched.
//
// An archive's revisit records are resolved through the store it lives in.
func BaseTransport(replay string) (http.RoundTripper, error) {
	return baseTransport(replay, "")
}

// BaseTransportIn is BaseTransport resolving the revisits of an archive
// that lies outside any store through the store at storeDir (--store).
func BaseTransportIn(replay, storeDir string) (http.RoundTripper, error) {
	return baseTransport(replay, storeDir)
}

// baseTransport is BaseTransportIn.
func baseTransport(replay, storeDir string) (http.RoundTripper, error) {
	if replay == "" {
		return http.DefaultTransport, nil
	}
	var p fetch.PayloadIndex
	if dir := replayStore(replay, storeDir); dir != "" {
		p = &lazyPayloads{dir: dir}
	}
	r, err := fetch.OpenReplay(replay, fetch.WithPayloads(p))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return r, nil
}

// loadSpecs reads each network's spec: its file in files, else its
// override in dir, else the embedded one. stored names the networks read
// from files.
func loadSpecs(nets []scrapers.Network, dir string, files map[string]string) (specs map[string]*scrapers.Spec, stored map[string]bool, err error) {
	specs, stored = map[string]*scrapers.Spec{}, map[string]bool{}
	for _, n := range nets {
		var s *scrapers.Spec
		if f, ok := files[n.ID]; ok {
			s, err = loadSpecFile(n, f)
			stored[n.ID] = true
		} else {
			s, err = scrapers.LoadSpec(n, dir)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", n.ID, err)
		}
		specs[n.ID] = s
	}
	return specs, stored, nil
}

// nextID is the new snapshot's id. A run's id is the later of its clock
// and one second after the newest committed id, so ids only increase; a
// clock behind the newest snapshot is logged (created_at in the manifest
// keeps the true time). A rebuild's id keeps its source's date, so that a
// rebuild of an older snapshot never becomes the newest.
func nextID(store *output.Store, start time.Time, rebuildFrom string, log *slog.Logger) (string, error) {
	if rebuildFrom != "" {
		id, err := store.RebuildID(rebuildFrom)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrStore, err)
		}
		return id, nil
	}
	id, behind, err := store.NextID(start)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrStore, err)
	}
	if behind > 0 {
		log.Warn("the clock is behind the newest snapshot; the id follows it", "clock", start.UTC().Format(time.RFC3339), "behind", behind.Round(time.Second).String(), "id", id)
	}
	return id, nil
}
