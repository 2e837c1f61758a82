package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/schedules"
	"github.com/citynets/citynets/scrapers"
)

// scheduleFlags are the daemon's own flags, beside every `run` flag.
type scheduleFlags struct {
	run    runFlags
	cron   string
	config string
	jitter time.Duration
	grace  time.Duration
	listen string
}

func newScheduleCmd(app *App) *cobra.Command {
	var f scheduleFlags
	cmd := &cobra.Command{
		Use:   "schedule",
		Short: "The daemon: run the nightly job on a cron schedule",
		Long: `schedule stays running and calls the same pipeline as ` + "`citynets run`" + ` on a cron
schedule; it takes every run flag (--networks, --replay, --specs, --delay …).

--cron is a standard five-field spec ("17 2 * * *") or a descriptor (@daily,
@hourly, @every 6h), read in UTC unless prefixed with CRON_TZ=Zone; the
default runs nightly at 02:17 UTC. --jitter delays each run by a random
duration up to it. --config FILE gives per-network schedules instead (YAML:
schedules: [{name, cron, networks}], jitter, grace, repair). --repair (or
repair: true) lets a network whose spec broke be repaired, as with run.

Runs never overlap: a schedule that fires while its previous run goes on is
skipped, one that fires while another schedule runs waits for it, and the
store lock keeps out any other process (--wait waits for it instead of
skipping the run).

On SIGTERM or SIGINT the daemon takes no new runs and lets the current one
finish within --grace; after that, or on a second signal, it cancels the
run, which then commits nothing. --listen ADDR serves /healthz and
Prometheus /metrics.

Exit codes: 0 after a clean stop; 2 bad usage (a bad spec, config or
address); 3 the store cannot be written, or a cancelled run did not stop.`,
		Example: `  # nightly at 02:17 UTC, with /healthz and /metrics
  citynets schedule --store /var/lib/citynets --cron "17 2 * * *" --listen 127.0.0.1:9817

  # per-network schedules from a file
  citynets schedule --config schedules.yaml

  # try it on the bundled sample, every minute
  citynets schedule --cron "@every 1m" --replay examples/sample.warc.gz --specs examples/specs`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSchedule(cmd, app, &f) },
	}
	fl := cmd.Flags()
	f.run.register(fl)
	fl.StringVar(&f.cron, "cron", schedules.DefaultCron, "when to run: a five-field cron `SPEC` or @daily/@hourly/@every D, in UTC unless CRON_TZ=Zone is given")
	fl.StringVar(&f.config, "config", "", "YAML `FILE` of per-network schedules (instead of --cron and --networks)")
	fl.DurationVar(&f.jitter, "jitter", 0, "delay each run by a random duration up to this")
	fl.DurationVar(&f.grace, "grace", schedules.DefaultGrace, "on SIGTERM, how long the current run may take to finish before it is cancelled")
	fl.StringVar(&f.listen, "listen", "", "serve /healthz and /metrics on `ADDR` (e.g. :9464 or 127.0.0.1:9464)")
	return cmd
}

func runSchedule(cmd *cobra.Command, app *App, f *scheduleFlags) error {
	jobs, err := scheduleJobs(cmd, f)
	if err != nil {
		return usageError(err)
	}
	for _, j := range jobs {
		if _, err := scrapers.Select(j.Networks); err != nil {
			return usageError(fmt.Errorf("schedule %q: %w", j.Name, err))
		}
	}
	if _, err := pipeline.BaseTransport(f.run.replay); err != nil {
		return err
	}
	if _, err := output.OpenStore(app.StoreDir); err != nil {
		return &codeError{code: exitNoWrite, err: err}
	}
	base := f.run.options(app, "citynets schedule")
	base.Progress = logProgress{log: app.Logger} // no bars in a daemon

	hurry, stopSignals := secondSignal(cmd.Context())
	defer stopSignals()
	d, err := schedules.New(schedules.Options{Jobs: jobs, Base: base, Jitter: f.jitter, Grace: f.grace,
		Listen: f.listen, Hurry: hurry, Logger: app.Logger})
	if err != nil {
		return usageError(err)
	}
	switch err := d.Run(cmd.Context()); {
	case errors.Is(err, schedules.ErrListen):
		return usageError(err)
	case err != nil:
		return &codeError{code: exitNoWrite, err: err}
	}
	return nil
}

// scheduleJobs builds the jobs from --config, or else from --cron and
// --networks.
func scheduleJobs(cmd *cobra.Command, f *scheduleFlags) ([]schedules.Job, error) {
	fl := cmd.Flags()
	if f.config == "" {
		j, err := schedules.NewJob("", f.cron, f.run.networks)
		return []schedules.Job{j}, err
	}
	if fl.Changed("cron") || fl.Changed("networks") {
		return nil, errors.New("--config names each schedule's cron and networks; drop --cron and --networks")
	}
	c, err := schedules.ReadConfig(f.config)
	if err != nil {
		return nil, err
	}
	if c.Jitter > 0 && !fl.Changed("jitter") {
		f.jitter = c.Jitter
	}
	if c.Grace > 0 && !fl.Changed("grace") {
		f.grace = c.Grace
	}
	if c.Repair && !fl.Changed("repair") {
		f.run.repair = true
	}
	return c.Jobs()
}

// secondSignal returns a channel closed on the second SIGINT or SIGTERM:
// main's context ends at the first (a graceful stop), the second means
// "now". The returned stop releases the signals.
func secondSignal(ctx context.Context) (<-chan struct{}, func()) {
	hurry := make(chan struct{})
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		seen := 0
		for {
			select {
			case <-sigs:
				if seen++; seen == 2 {
					close(hurry)
					return
				}
			case <-done:
				return
			}
		}
	}()
	return hurry, func() {
		signal.Stop(sigs)
		close(done)
	}
}
