// Package schedules is the daemon behind `citynets schedule`: it runs the
// same pipeline function as `citynets run` on cron schedules
// (robfig/cron/v3), one run at a time per store, serves /healthz and
// Prometheus /metrics, and stops gracefully: on a stop request it takes no
// new runs, lets the current one finish within a grace period and otherwise
// cancels it, and a cancelled run commits nothing.
package schedules

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/citynets/citynets/internal/pipeline"
)

// Defaults of Options.
const (
	DefaultGrace      = 2 * time.Minute
	DefaultCancelWait = 30 * time.Second
)

// RunFunc runs the pipeline once; pipeline.Run is the real one.
type RunFunc func(ctx context.Context, o pipeline.Options) (*pipeline.Report, error)

// Options configure a Daemon.
type Options struct {
	// Jobs are the schedules. Their runs never overlap: a job that fires
	// while its own previous run goes on is skipped (cron.SkipIfStillRunning);
	// one that fires while another job runs waits for it (one store, one
	// writer).
	Jobs []Job
	// Base is every run's options (the `run` flags); a job's Networks
	// replaces Base.Networks.
	Base pipeline.Options
	// Run is the pipeline; nil means pipeline.Run.
	Run RunFunc
	// Jitter delays each run by a random duration in [0, Jitter], so that
	// many installs with the default schedule do not hit a site together.
	Jitter time.Duration
	// Grace is how long a stopping daemon lets the current run finish
	// before cancelling it; default DefaultGrace.
	Grace time.Duration
	// CancelWait is how long to wait for a cancelled run to return;
	// default DefaultCancelWait.
	CancelWait time.Duration
	// Listen, when set, is the address of the /healthz and /metrics server
	// (":9464", "127.0.0.1:0").
	Listen string
	// Hurry, when closed during shutdown, cancels the current run at once
	// (the CLI closes it on a second SIGINT or SIGTERM).
	Hurry  <-chan struct{}
	Logger *slog.Logger
}

// Daemon is a running schedule. Make one with New and call Run.
type Daemon struct {
	o      Options
	log    *slog.Logger
	m      *metrics
	cron   *cron.Cron
	store  chan struct{} // holds a token while a run has the store
	stop   chan struct{} // closed when shutdown begins
	runCtx context.Context
	cancel context.CancelCauseFunc

	mu        sync.Mutex
	started   time.Time
	stopping  bool
	current   *RunInfo
	last      *RunInfo
	counts    map[string]int
	entryJobs map[cron.EntryID]string
	addr      string
}

// New checks o and prepares a daemon; nothing runs until Run.
func New(o Options) (*Daemon, error) {
	if len(o.Jobs) == 0 {
		return nil, ErrNoJobs
	}
	for _, j := range o.Jobs {
		if j.Schedule == nil {
			return nil, fmt.Errorf("%w: job %q has no schedule", ErrSchedule, j.Name)
		}
	}
	if o.Jitter < 0 || o.Grace < 0 || o.CancelWait < 0 {
		return nil, fmt.Errorf("%w: negative jitter, grace or cancel wait", ErrConfig)
	}
	if o.Run == nil {
		o.Run = pipeline.Run
	}
	if o.Grace == 0 {
		o.Grace = DefaultGrace
	}
	if o.CancelWait == 0 {
		o.CancelWait = DefaultCancelWait
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Base.Command == "" {
		o.Base.Command = "citynets schedule"
	}
	if o.Base.Logger == nil {
		o.Base.Logger = o.Logger
	}
	d := &Daemon{
		o: o, log: o.Logger, m: newMetrics(),
		store: make(chan struct{}, 1), stop: make(chan struct{}),
		counts: map[string]int{}, entryJobs: map[cron.EntryID]string{},
	}
	d.runCtx, d.cancel = context.WithCancelCause(context.Background())
	d.cron = cron.New(cron.WithLocation(time.UTC), cron.WithLogger(cronLogger{log: d.log}))
	return d, nil
}

// Handler serves /healthz and /metrics.
func (d *Daemon) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", d.serveHealth)
	mux.Handle("GET /metrics", d.m.handler())
	return mux
}

// Addr is the address the metrics server listens on, once Run has bound
// it ("" without Options.Listen).
func (d *Daemon) Addr() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.addr
}

// Run schedules the jobs and blocks until ctx is done, then shuts down:
// no new runs start, the current run has Options.Grace to finish and is
// cancelled after that (or when Options.Hurry closes). It returns nil after
// a clean stop, ErrListen when the metrics address cannot be bound, and
// ErrStuck when a cancelled run did not return.
func (d *Daemon) Run(ctx context.Context) error {
	defer d.cancel(nil)
	var srv *http.Server
	if d.o.Listen != "" {
		ln, err := net.Listen("tcp", d.o.Listen)
		if err != nil {
			return fmt.Errorf("%w on %s: %w", ErrListen, d.o.Listen, err)
		}
		srv = &http.Server{Handler: d.Handler(), ReadHeaderTimeout: 10 * time.Second}
		d.mu.Lock()
		d.addr = ln.Addr().String()
		d.mu.Unlock()
		go srv.Serve(ln)
		d.log.Info("serving /healthz and /metrics", "addr", ln.Addr().String())
	}
	d.mu.Lock()
	d.started = time.Now().UTC()
	for _, j := range d.o.Jobs {
		d.entryJobs[d.cron.Schedule(j.Schedule, d.wrap(j))] = j.Name
	}
	d.mu.Unlock()
	d.cron.Start()
	now := time.Now().UTC()
	for _, j := range d.o.Jobs {
		d.log.Info("scheduled", "job", j.Name, "cron", j.Cron, "networks", orAll(d.networks(j)), "next", j.Schedule.Next(now).UTC())
	}

	<-ctx.Done()
	err := d.shutdown()
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = srv.Shutdown(sctx)
		cancel()
	}
	if err == nil {
		d.log.Info("stopped")
	}
	return err
}

// shutdown stops taking runs and waits for the current one, cancelling it
// when the grace period ends or Hurry closes.
func (d *Daemon) shutdown() error {
	d.mu.Lock()
	d.stopping = true
	running := d.current != nil
	d.mu.Unlock()
	close(d.stop)
	done := d.cron.Stop()
	if running {
		d.log.Info("stopping: no new runs; letting the current run finish", "grace", d.o.Grace)
	} else {
		d.log.Info("stopping: no new runs")
	}
	grace := time.NewTimer(d.o.Grace)
	defer grace.Stop()
	select {
	case <-done.Done():
		return nil
	case <-grace.C:
		d.log.Warn("grace period over: cancelling the current run, which commits nothing", "grace", d.o.Grace)
	case <-d.o.Hurry:
		d.log.Warn("asked again to stop: cancelling the current run, which commits nothing")
	}
	d.cancel(errStopping)
	wait := time.NewTimer(d.o.CancelWait)
	defer wait.Stop()
	select {
	case <-done.Done():
		return nil
	case <-wait.C:
		return fmt.Errorf("%w within %s", ErrStuck, d.o.CancelWait)
	}
}

// wrap is the job cron runs. SkipIfStillRunning is outside Recover, so a
// panicking run still hands back the skip token and later runs go on.
func (d *Daemon) wrap(j Job) cron.Job {
	l := cronLogger{log: d.log.With("job", j.Name), skipped: func() { d.skipped(j) }}
	return cron.NewChain(cron.SkipIfStillRunning(l), cron.Recover(l)).Then(cron.FuncJob(func() { d.runJob(j) }))
}

func (d *Daemon) networks(j Job) string {
	if j.Networks != "" {
		return j.Networks
	}
	return d.o.Base.Networks
}

func orAll(networks string) string {
	if networks == "" {
		return "all"
	}
	return networks
}
