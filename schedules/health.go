package schedules

import (
	"encoding/json"
	"net/http"
	"time"
)

// Health is what /healthz answers: whether the daemon is taking runs, the
// run going on now, the last one that ended, and when each schedule fires
// next. It is served with 200 while the daemon runs and 503 once it is
// stopping, so a load balancer or a supervisor stops counting on it.
type Health struct {
	Status  string         `json:"status"` // "ok" or "stopping"
	Running *RunInfo       `json:"running,omitempty"`
	LastRun *RunInfo       `json:"last_run,omitempty"`
	Next    []NextRun      `json:"next,omitempty"`
	Since   time.Time      `json:"since"` // when the daemon started
	Counts  map[string]int `json:"runs"`  // runs so far by outcome
}

// RunInfo describes one scheduled run.
type RunInfo struct {
	Job      string     `json:"job"`
	Networks string     `json:"networks,omitempty"`
	Started  time.Time  `json:"started"`
	Ended    *time.Time `json:"ended,omitempty"`
	Outcome  string     `json:"outcome,omitempty"`
	Snapshot string     `json:"snapshot,omitempty"`
	Failed   []string   `json:"failed_networks,omitempty"`
	Error    string     `json:"error,omitempty"`
}

// NextRun is when a schedule fires next.
type NextRun struct {
	Job string    `json:"job"`
	At  time.Time `json:"at"`
}

// Health reports the daemon's state now.
func (d *Daemon) Health() Health {
	d.mu.Lock()
	h := Health{Status: "ok", Since: d.started, Counts: map[string]int{}}
	if d.stopping {
		h.Status = "stopping"
	}
	if d.current != nil {
		c := *d.current
		h.Running = &c
	}
	if d.last != nil {
		l := *d.last
		h.LastRun = &l
	}
	for k, v := range d.counts {
		h.Counts[k] = v
	}
	names := d.entryJobs
	stopping := d.stopping
	d.mu.Unlock()
	if !stopping {
		for _, e := range d.cron.Entries() {
			if name, ok := names[e.ID]; ok && !e.Next.IsZero() {
				h.Next = append(h.Next, NextRun{Job: name, At: e.Next.UTC()})
			}
		}
	}
	return h
}

func (d *Daemon) serveHealth(w http.ResponseWriter, _ *http.Request) {
	h := d.Health()
	w.Header().Set("Content-Type", "application/json")
	if h.Status != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(h)
}
