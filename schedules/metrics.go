package schedules

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
)

// Outcomes of a scheduled run, the values of the outcome label.
const (
	OutcomeOK        = "ok"        // a snapshot was committed and every network passed
	OutcomePartial   = "partial"   // a snapshot was committed but some network failed (carried forward)
	OutcomeLocked    = "locked"    // another process held the store lock
	OutcomeError     = "error"     // nothing was committed: bad input or an unwritable store
	OutcomeCancelled = "cancelled" // the daemon stopped the run; nothing was committed
	OutcomeSkipped   = "skipped"   // the job fired while its previous run was still going
	OutcomePanic     = "panic"     // the run panicked (recovered; nothing was committed)
)

// outcomes lists every outcome, so each counter exists from the start at 0
// and an alert on `increase(...)` does not need the series to appear first.
var outcomes = []string{OutcomeOK, OutcomePartial, OutcomeLocked, OutcomeError, OutcomeCancelled, OutcomeSkipped, OutcomePanic}

// metrics are the daemon's Prometheus series, on a registry of its own (no
// package-level state: two daemons in one test do not share counters).
type metrics struct {
	reg         *prometheus.Registry
	runs        *prometheus.CounterVec
	duration    prometheus.Histogram
	running     prometheus.Gauge
	lastSuccess *prometheus.GaugeVec
	members     *prometheus.GaugeVec
	up          *prometheus.GaugeVec
	status      *prometheus.GaugeVec
	lastRun     *prometheus.GaugeVec
}

// statuses are the values of citynets_network_status's status label.
var statuses = []string{output.StatusOK, output.StatusRepaired, output.StatusDegraded, output.StatusFailed}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		runs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "citynets_runs_total", Help: "Scheduled runs, by outcome (ok, partial, locked, error, cancelled, skipped, panic).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "citynets_run_duration_seconds", Help: "Wall time of scheduled runs that started, whatever their outcome.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 16), // 1 s … 9 h
		}),
		running: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "citynets_run_in_progress", Help: "1 while a run is going.",
		}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "citynets_network_last_success_timestamp_seconds", Help: "Unix time the last run ended whose snapshot has the network passing its scrape and guard.",
		}, []string{"network"}),
		members: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "citynets_network_members", Help: "Member rows of the network in the last committed snapshot (carried-forward rows included).",
		}, []string{"network"}),
		up: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "citynets_network_up", Help: "1 when the network passed in the last committed snapshot, 0 when it failed.",
		}, []string{"network"}),
		status: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "citynets_network_status",
			Help: "1 for the network's status in the last committed snapshot (ok, repaired, degraded, failed), 0 for the others: alert on citynets_network_status{status=\"repaired\"} == 1, since a repaired network's spec no longer matches its site.",
		}, []string{"network", "status"}),
		lastRun: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "citynets_last_run_timestamp_seconds", Help: "Unix time the last run of each outcome ended.",
		}, []string{"outcome"}),
	}
	m.reg.MustRegister(m.runs, m.duration, m.running, m.lastSuccess, m.members, m.up, m.status, m.lastRun,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, o := range outcomes {
		m.runs.WithLabelValues(o)
	}
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// record counts one finished run; rep is nil when nothing was committed.
func (m *metrics) record(outcome string, took time.Duration, rep *pipeline.Report, end time.Time) {
	m.runs.WithLabelValues(outcome).Inc()
	m.lastRun.WithLabelValues(outcome).Set(float64(end.Unix()))
	if outcome != OutcomeSkipped {
		m.duration.Observe(took.Seconds())
	}
	if rep == nil || rep.Manifest == nil {
		return
	}
	for id, st := range rep.Manifest.Networks {
		if st.Status == output.StatusSkipped {
			continue // not part of this run: leave its series as they were
		}
		m.members.WithLabelValues(id).Set(float64(st.Members))
		for _, s := range statuses {
			v := 0.0
			if s == st.Status {
				v = 1
			}
			m.status.WithLabelValues(id, s).Set(v)
		}
		if st.Passed() {
			m.up.WithLabelValues(id).Set(1)
			m.lastSuccess.WithLabelValues(id).Set(float64(end.Unix()))
		} else {
			m.up.WithLabelValues(id).Set(0)
		}
	}
}
