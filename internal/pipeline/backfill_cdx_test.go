package pipeline

import (
	"net/url"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// TestBackfillCDXOncePerURL backfills all five networks yearly over 15
// steps from a fake archive holding five captures of every page, and
// counts what was asked of it: one CDX query per distinct URL, whatever
// the number of steps (before the capture lists were remembered, every
// page cost one per step: 881 queries for these 125 URLs), and no capture
// fetched twice, though several steps read the same one (790 fetches
// before, one per page per step).
func TestBackfillCDXOncePerURL(t *testing.T) {
	times := []time.Time{day("2012-03-01"), day("2015-02-01"), day("2018-06-01"), day("2022-06-01"), day("2025-01-15")}
	srv := waybacktest.New(t, sampleCaptures(t, times...))
	rep := benchBackfill(t, srv.URL())
	queries := map[string]int{}  // CDX queries per url=
	captures := map[string]int{} // fetches per capture URL
	for _, r := range srv.Requests() {
		switch r.Kind {
		case waybacktest.CDX:
			q, err := url.ParseQuery(r.Query)
			if err != nil {
				t.Fatal(err)
			}
			queries[q.Get("url")]++
		case waybacktest.CaptureKind:
			captures[r.Path+"?"+r.Query]++
		}
	}
	for u, n := range queries {
		if n != 1 {
			t.Errorf("%d CDX queries for %s, want 1", n, u)
		}
	}
	for c, n := range captures {
		if n != 1 {
			t.Errorf("capture %s fetched %d times, want once", c, n)
		}
	}
	used := 0
	for _, st := range rep.Steps {
		for _, nc := range st.Manifest.Backfill.Captures {
			used += len(nc.Pages)
		}
	}
	if used <= len(captures) {
		t.Errorf("%d captures used in %d steps, %d fetched: want captures read by several steps", used, len(rep.Steps), len(captures))
	}
	t.Logf("%d steps: %d CDX queries for %d URLs; %d capture fetches, %d captures used by the steps",
		len(rep.Steps), srv.Count(waybacktest.CDX), len(queries), srv.Count(waybacktest.CaptureKind), used)
}
