package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// sleeps records the archive client's waits instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

// TestBackfillArchiveFaults reads C40 at two steps through an archive that
// misbehaves. Faults the client outlasts (429 with Retry-After, a 5xx
// that passes) give ok snapshots; faults that say the page cannot be read
// as of the step (no capture, a redirect past the step, the archive's error
// page, a capture truncated on every try) give the step a failed c40 with
// that reason and the earlier snapshot's members carried, stale; a 5xx that
// persists leaves the steps incomplete and uncommitted, and a re-run
// against a healthy archive resumes them. The snapshot committed before is
// never touched.
func TestBackfillArchiveFaults(t *testing.T) {
	fixtures := captures(t, c40Sets(t))
	home := "https://www.c40.org/"
	cases := []struct {
		name     string
		captures []waybacktest.Capture
		opts     []waybacktest.Option
		state    string // of both steps
		status   string // of c40 in both steps, when committed
		reason   string
		wait     time.Duration // a wait the client must have made
	}{
		{name: "429 with Retry-After", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CDX, 2, 429, "7")},
			state: StepCommitted, status: output.StatusOK, wait: 7 * time.Second},
		{name: "5xx that passes", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CaptureKind, 2, 503, "")},
			state: StepCommitted, status: output.StatusOK},
		{name: "5xx that persists", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.Any, 1<<20, 503, "")},
			state: StepIncomplete, reason: "503"},
		{name: "empty CDX", captures: without(fixtures, home),
			state: StepCommitted, status: output.StatusFailed, reason: "no capture"},
		{name: "redirect past the step", opts: []waybacktest.Option{
			waybacktest.Redirect(home, day("2024-11-07"), day("2026-10-01")),
			waybacktest.Redirect(home, day("2026-03-01"), day("2026-10-01"))},
			state: StepCommitted, status: output.StatusFailed, reason: "no capture"},
		{name: "archive error page", opts: []waybacktest.Option{waybacktest.ErrorPage(home, time.Time{})},
			state: StepCommitted, status: output.StatusFailed, reason: "error page"},
		{name: "truncated capture", opts: []waybacktest.Option{waybacktest.Truncate(home, -1)},
			state: StepCommitted, status: output.StatusFailed, reason: "truncated"},
		{name: "truncated once", opts: []waybacktest.Option{waybacktest.Truncate(home, 1)},
			state: StepCommitted, status: output.StatusOK},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			store := t.TempDir()
			healthy := waybacktest.New(t, fixtures)
			before := backfillOpts(t, healthy.URL(), store, "c40", nil)
			before.From, before.To = day("2023-09-01"), day("2023-09-01")
			if _, err := Backfill(t.Context(), before); err != nil {
				t.Fatal(err)
			}
			earlier := latestFile(t, store)
			kept, _ := os.ReadFile(filepath.Join(store, "snapshots", earlier, "manifest.json"))

			caps := fixtures
			if tt.captures != nil {
				caps = tt.captures
			}
			srv := waybacktest.New(t, caps, tt.opts...)
			o := backfillOpts(t, srv.URL(), store, "c40", nil)
			o.From = day("2025-09-01")
			var waits sleeps
			o.Archive.Sleep = waits.sleep
			rep, err := Backfill(t.Context(), o)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range rep.Steps {
				checkFaultStep(t, st, tt.state, tt.status, tt.reason, earlier)
			}
			if tt.wait > 0 && !slices.ContainsFunc(waits.d, func(d time.Duration) bool { return d > tt.wait-time.Second/10 && d <= tt.wait }) {
				t.Errorf("waits %v: want the Retry-After of %s", waits.d, tt.wait)
			}
			if after, _ := os.ReadFile(filepath.Join(store, "snapshots", earlier, "manifest.json")); string(after) != string(kept) {
				t.Error("the snapshot committed before was rewritten")
			}
			verifyStore(t, store)
			if tt.state != StepIncomplete {
				return
			}
			o.Archive.BaseURL = healthy.URL()
			rep, err = Backfill(t.Context(), o)
			if err != nil || rep.Failed() != 0 {
				t.Fatalf("resumed: err %v, %d failed", err, rep.Failed())
			}
			for _, st := range rep.Steps {
				checkFaultStep(t, st, StepCommitted, output.StatusOK, "", earlier)
			}
		})
	}
}

func checkFaultStep(t *testing.T, st StepReport, state, status, reason, earlier string) {
	t.Helper()
	step := st.Date.Format(time.DateOnly)
	t.Logf("step %s: %s %v", step, st.State, st.Reasons)
	if st.State != state {
		t.Fatalf("step %s: %s (%v), want %s", step, st.State, st.Reasons, state)
	}
	if reason != "" && !strings.Contains(st.Reasons["c40"], reason) {
		t.Errorf("step %s: reason %q, want it to say %q", step, st.Reasons["c40"], reason)
	}
	if state != StepCommitted {
		return
	}
	ns := st.Manifest.Networks["c40"]
	if ns.Status != status {
		t.Errorf("step %s: c40 %s (%s), want %s", step, ns.Status, ns.Error, status)
	}
	if status == output.StatusFailed && (ns.Error == "" || ns.CarriedFrom != earlier && ns.CarriedFrom == "") {
		t.Errorf("step %s: failed c40 without its reason or where its rows came from: %+v", step, ns)
	}
}

// without drops every capture of url.
func without(caps []waybacktest.Capture, url string) []waybacktest.Capture {
	return slices.DeleteFunc(slices.Clone(caps), func(c waybacktest.Capture) bool { return c.URL == url })
}
