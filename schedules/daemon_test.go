package schedules

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
)

// every is a schedule finer than cron's one second, so tests are quick.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

func fastJob(name, networks string, period time.Duration) Job {
	return Job{Name: name, Cron: "test", Networks: networks, Schedule: every(period)}
}

// fakeRuns is a RunFunc that records what ran, how many at once, and
// whether its context was cancelled.
type fakeRuns struct {
	took      time.Duration // how long a run takes unless cancelled
	ignoreCtx bool          // keep running after cancellation (a stuck run)
	panicAt   int           // the nth run (1-based) panics
	report    func(o pipeline.Options) *pipeline.Report

	mu        sync.Mutex
	runs      int
	now, peak int
	cancelled int
	networks  []string
}

func (f *fakeRuns) run(ctx context.Context, o pipeline.Options) (*pipeline.Report, error) {
	f.mu.Lock()
	f.runs++
	n := f.runs
	f.now++
	f.peak = max(f.peak, f.now)
	f.networks = append(f.networks, o.Networks)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.now--
		f.mu.Unlock()
	}()
	if n == f.panicAt {
		panic("scraper bug")
	}
	t := time.NewTimer(f.took)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		if !f.ignoreCtx {
			f.mu.Lock()
			f.cancelled++
			f.mu.Unlock()
			return nil, fmt.Errorf("run cancelled, nothing committed: %w", ctx.Err())
		}
		<-t.C
	}
	if f.report != nil {
		return f.report(o), nil
	}
	return &pipeline.Report{SnapshotID: fmt.Sprintf("snap-%d", n), Manifest: &output.Manifest{Networks: map[string]output.NetworkStatus{}}}, nil
}

func (f *fakeRuns) stats() (runs, peak, cancelled int, networks []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.runs, f.peak, f.cancelled, append([]string(nil), f.networks...)
}

// start runs a daemon until the returned stop is called; stop returns
// Run's error and how long the shutdown took.
func start(t *testing.T, o Options) (*Daemon, func() (error, time.Duration)) {
	t.Helper()
	d, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	var once sync.Once
	var res error
	var took time.Duration
	stop := func() (error, time.Duration) {
		once.Do(func() {
			begin := time.Now()
			cancel()
			select {
			case res = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the daemon did not stop within 10s")
			}
			took = time.Since(begin)
		})
		return res, took
	}
	t.Cleanup(func() { stop() })
	return d, stop
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestRunsOnScheduleAndSkipsOverlaps(t *testing.T) {
	f := &fakeRuns{took: 120 * time.Millisecond}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 25*time.Millisecond)}, Run: f.run})
	waitFor(t, "three runs", func() bool { r, _, _, _ := f.stats(); return r >= 3 })
	if err, _ := stop(); err != nil {
		t.Fatal(err)
	}
	runs, peak, _, _ := f.stats()
	h := d.Health()
	if peak != 1 {
		t.Errorf("%d runs at once, want 1", peak)
	}
	if h.Counts[OutcomeSkipped] == 0 {
		t.Errorf("no firing was skipped although each run outlasts the period: %v", h.Counts)
	}
	if h.Counts[OutcomeOK] != runs {
		t.Errorf("counted %d ok runs, ran %d", h.Counts[OutcomeOK], runs)
	}
	metrics := scrape(t, d.Handler())
	for _, want := range []string{
		fmt.Sprintf(`citynets_runs_total{outcome="ok"} %d`, runs),
		fmt.Sprintf(`citynets_runs_total{outcome="skipped"} %d`, h.Counts[OutcomeSkipped]),
		`citynets_runs_total{outcome="error"} 0`,
		fmt.Sprintf("citynets_run_duration_seconds_count %d", runs),
		"citynets_run_in_progress 0",
	} {
		if !strings.Contains(metrics, want+"\n") {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestOneRunAtATimePerStore(t *testing.T) {
	f := &fakeRuns{took: 40 * time.Millisecond}
	_, stop := start(t, Options{Run: f.run, Base: pipeline.Options{Networks: "c40,metropolis"}, Jobs: []Job{
		fastJob("a", "c40", 20*time.Millisecond), fastJob("b", "metropolis", 20*time.Millisecond), fastJob("all", "", 30*time.Millisecond),
	}})
	waitFor(t, "runs of every job", func() bool {
		_, _, _, nets := f.stats()
		seen := map[string]bool{}
		for _, n := range nets {
			seen[n] = true
		}
		return seen["c40"] && seen["metropolis"] && seen["c40,metropolis"]
	})
	stop()
	if _, peak, _, _ := f.stats(); peak != 1 {
		t.Errorf("%d runs at once on one store, want 1", peak)
	}
}

func TestStopLetsTheRunFinishWithinGrace(t *testing.T) {
	f := &fakeRuns{took: 300 * time.Millisecond}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 10*time.Millisecond)}, Run: f.run, Grace: 5 * time.Second})
	waitFor(t, "a run", func() bool { return d.Health().Running != nil })
	err, took := stop()
	if err != nil {
		t.Fatal(err)
	}
	runs, _, cancelled, _ := f.stats()
	if cancelled != 0 || d.Health().Counts[OutcomeOK] != runs {
		t.Errorf("runs %d, cancelled %d, counts %v: the run should have finished", runs, cancelled, d.Health().Counts)
	}
	if took >= 5*time.Second {
		t.Errorf("shutdown took %s, beyond the grace period", took)
	}
	if h := d.Health(); h.Status != "stopping" || h.Running != nil {
		t.Errorf("health after stop = %+v", h)
	}
}

func TestStopCancelsARunPastGrace(t *testing.T) {
	f := &fakeRuns{took: time.Hour}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 10*time.Millisecond)}, Run: f.run, Grace: 100 * time.Millisecond})
	waitFor(t, "a run", func() bool { return d.Health().Running != nil })
	err, took := stop()
	if err != nil {
		t.Fatal(err)
	}
	_, _, cancelled, _ := f.stats()
	h := d.Health()
	if cancelled != 1 || h.Counts[OutcomeCancelled] != 1 || h.LastRun == nil || h.LastRun.Outcome != OutcomeCancelled {
		t.Errorf("cancelled %d, health %+v; want the run cancelled", cancelled, h)
	}
	if took < 100*time.Millisecond {
		t.Errorf("shutdown took %s: the run was cancelled before its grace period", took)
	}
}

func TestHurryCancelsAtOnce(t *testing.T) {
	f := &fakeRuns{took: time.Hour}
	hurry := make(chan struct{})
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 10*time.Millisecond)}, Run: f.run, Grace: time.Hour, Hurry: hurry})
	waitFor(t, "a run", func() bool { return d.Health().Running != nil })
	close(hurry)
	if err, _ := stop(); err != nil {
		t.Fatal(err)
	}
	if _, _, cancelled, _ := f.stats(); cancelled != 1 {
		t.Errorf("cancelled %d runs, want 1", cancelled)
	}
}

func TestStuckRunIsReported(t *testing.T) {
	f := &fakeRuns{took: 2 * time.Second, ignoreCtx: true}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 10*time.Millisecond)}, Run: f.run,
		Grace: 50 * time.Millisecond, CancelWait: 50 * time.Millisecond})
	waitFor(t, "a run", func() bool { return d.Health().Running != nil })
	if err, _ := stop(); !errors.Is(err, ErrStuck) {
		t.Errorf("Run = %v, want ErrStuck", err)
	}
}

func TestNoRunStartsAfterStop(t *testing.T) {
	f := &fakeRuns{took: time.Millisecond}
	_, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 5*time.Millisecond)}, Run: f.run, Jitter: 2 * time.Millisecond})
	waitFor(t, "a run", func() bool { r, _, _, _ := f.stats(); return r >= 1 })
	stop()
	before, _, _, _ := f.stats()
	time.Sleep(50 * time.Millisecond)
	if after, _, _, _ := f.stats(); after != before {
		t.Errorf("%d runs started after the daemon stopped", after-before)
	}
}

func TestRecoveredPanicDoesNotStopTheSchedule(t *testing.T) {
	f := &fakeRuns{took: time.Millisecond, panicAt: 1}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", 10*time.Millisecond)}, Run: f.run})
	waitFor(t, "a run after the panic", func() bool { return d.Health().Counts[OutcomeOK] >= 1 })
	stop()
	if h := d.Health(); h.Counts[OutcomePanic] != 1 {
		t.Errorf("counts %v, want one panic", h.Counts)
	}
}

func TestHealthzAndNetworkMetrics(t *testing.T) {
	var calls atomic.Int32
	f := &fakeRuns{took: time.Millisecond, report: func(pipeline.Options) *pipeline.Report {
		calls.Add(1)
		return &pipeline.Report{SnapshotID: "20261127T021700Z-abc", Manifest: &output.Manifest{CreatedAt: time.Now(), Networks: map[string]output.NetworkStatus{
			"c40":        {Status: output.StatusOK, Members: 97},
			"metropolis": {Status: output.StatusFailed, Members: 10, Error: "blocked", CarriedFrom: "x"},
			"uclg":       {Status: output.StatusSkipped, Members: 5},
		}}}
	}}
	d, stop := start(t, Options{Jobs: []Job{fastJob("nightly", "", time.Hour)}, Run: f.run, Listen: "127.0.0.1:0"})
	waitFor(t, "the listener", func() bool { return d.Addr() != "" })
	base := "http://" + d.Addr()
	body, code := get(t, base+"/healthz")
	if code != http.StatusOK || !strings.Contains(body, `"status": "ok"`) || !strings.Contains(body, `"job": "nightly"`) {
		t.Errorf("/healthz = %d %s", code, body)
	}
	d.runJob(d.o.Jobs[0]) // fire once without waiting an hour
	metrics, _ := get(t, base+"/metrics")
	for _, want := range []string{
		`citynets_runs_total{outcome="partial"} 1`,
		`citynets_network_members{network="c40"} 97`,
		`citynets_network_members{network="metropolis"} 10`,
		`citynets_network_up{network="c40"} 1`,
		`citynets_network_up{network="metropolis"} 0`,
		`citynets_network_last_success_timestamp_seconds{network="c40"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	for _, unwanted := range []string{`network="uclg"`, `citynets_network_last_success_timestamp_seconds{network="metropolis"}`} {
		if strings.Contains(metrics, unwanted) {
			t.Errorf("/metrics has %q", unwanted)
		}
	}
	body, _ = get(t, base+"/healthz")
	if !strings.Contains(body, `"outcome": "partial"`) || !strings.Contains(body, "metropolis: blocked") {
		t.Errorf("/healthz after a run = %s", body)
	}
	stop()
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("the metrics server still answers after the daemon stopped")
	}
}

func TestClassify(t *testing.T) {
	failed := &pipeline.Report{Manifest: &output.Manifest{Networks: map[string]output.NetworkStatus{"c40": {Status: output.StatusFailed}}}}
	ok := &pipeline.Report{Manifest: &output.Manifest{Networks: map[string]output.NetworkStatus{"c40": {Status: output.StatusOK}}}}
	cases := []struct {
		rep  *pipeline.Report
		err  error
		want string
	}{
		{ok, nil, OutcomeOK},
		{failed, nil, OutcomePartial},
		{nil, fmt.Errorf("%w: %w", pipeline.ErrStore, &output.LockedError{Holder: "pid 1"}), OutcomeLocked},
		{nil, &output.LockedError{Holder: "pid 1", Err: context.Canceled}, OutcomeCancelled},
		{nil, fmt.Errorf("run cancelled, nothing committed: %w", context.Canceled), OutcomeCancelled},
		{nil, fmt.Errorf("%w: disk full", pipeline.ErrStore), OutcomeError},
	}
	for _, c := range cases {
		if got := classify(c.rep, c.err); got != c.want {
			t.Errorf("classify(%v) = %s, want %s", c.err, got, c.want)
		}
	}
}

func TestJitterStaysInBounds(t *testing.T) {
	if jitter(0) != 0 || jitter(-time.Second) != 0 {
		t.Error("no jitter configured, but a wait")
	}
	for range 200 {
		if j := jitter(time.Second); j < 0 || j > time.Second {
			t.Fatalf("jitter %s outside [0, 1s]", j)
		}
	}
}

func TestNewRejects(t *testing.T) {
	if _, err := New(Options{}); !errors.Is(err, ErrNoJobs) {
		t.Errorf("no jobs: %v", err)
	}
	if _, err := New(Options{Jobs: []Job{{Name: "x"}}}); !errors.Is(err, ErrSchedule) {
		t.Errorf("no schedule: %v", err)
	}
	d, _ := New(Options{Jobs: []Job{fastJob("x", "", time.Hour)}, Listen: "256.0.0.1:http"})
	if err := d.Run(context.Background()); !errors.Is(err, ErrListen) {
		t.Errorf("bad listen address: %v", err)
	}
}

func scrape(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := &recorder{header: http.Header{}}
	req, _ := http.NewRequest(http.MethodGet, "/metrics", nil)
	h.ServeHTTP(rec, req)
	return rec.body.String()
}

type recorder struct {
	header http.Header
	body   strings.Builder
	code   int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.code = code }

func get(t *testing.T, url string) (string, int) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b), resp.StatusCode
}
