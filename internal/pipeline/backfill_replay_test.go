package pipeline

import (
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// TestBackfillReplay records a backfill's exchanges with the archive into a
// WARC and backfills a second store from that file alone (--replay): the
// same snapshots, with no archive running.
func TestBackfillReplay(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t)))
	warc := filepath.Join(t.TempDir(), "archive.warc.gz")
	w, err := fetch.CreateWARC(warc)
	if err != nil {
		t.Fatal(err)
	}
	first := t.TempDir()
	o := backfillOpts(t, srv.URL(), first, "c40", nil)
	o.From = day("2023-09-01")
	o.Transport = fetch.NewTransport(http.DefaultTransport, fetch.Config{Retries: -1, Delay: -1}, w, nil)
	if _, err := Backfill(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	served := srv.Count(waybacktest.Any)
	second := t.TempDir()
	o = backfillOpts(t, srv.URL(), second, "c40", nil)
	o.From, o.Replay = day("2023-09-01"), warc
	// The answers come from a file: however slow the archive's pace is
	// set, a replay does not wait for it.
	o.Archive.CDXInterval, o.Archive.CaptureInterval = time.Hour, time.Hour
	var waits sleeps
	o.Archive.Sleep = waits.sleep
	rep, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(waits.d, func(d time.Duration) bool { return d > 0 }) {
		t.Errorf("the replay paced its requests: waits %v", waits.d)
	}
	if n := srv.Count(waybacktest.Any); n != served {
		t.Errorf("the replayed backfill sent %d requests to the archive", n-served)
	}
	if rep.Failed() != 0 {
		t.Fatalf("replayed backfill: %d failed: %+v", rep.Failed(), rep.Steps)
	}
	want, got := readSeries(t, first), readSeries(t, second)
	if len(got) != len(want) {
		t.Fatalf("%d snapshots, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].id != want[i].id || !slices.Equal(fresh(got[i].t, "c40"), fresh(want[i].t, "c40")) {
			t.Errorf("snapshot %s differs from %s", got[i].id, want[i].id)
		}
	}
}

// TestRebuildBackfilled rebuilds a snapshot backfilled from a capture in
// C40's old design: its archive is read as of its step, with the variant
// of that day, and gives the same members.
func TestRebuildBackfilled(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t)))
	store := t.TempDir()
	o := backfillOpts(t, srv.URL(), store, "c40", nil)
	o.From, o.To = day("2019-09-01"), day("2019-09-01")
	rep, err := Backfill(t.Context(), o)
	if err != nil || rep.Failed() != 0 {
		t.Fatalf("backfill: %v, %d failed", err, rep.Failed())
	}
	src := rep.Steps[0].ID
	rb, err := Rebuild(t.Context(), src, Options{StoreDir: store})
	if err != nil {
		t.Fatal(err)
	}
	if rb.Failed() != 0 || rb.Changes != 0 {
		t.Errorf("rebuild of %s: %d failed, %d changes: %+v", src, rb.Failed(), rb.Changes, rb.Manifest.Networks)
	}
	if !strings.HasPrefix(rb.SnapshotID, src) {
		t.Errorf("rebuild id %s does not keep the step's date", rb.SnapshotID)
	}
}
