package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// waybackPrefix is how the wmccc sample names its 2014 capture's pages.
const waybackPrefix = "https://web.archive.org/web/2014id_/"

// sampleCaptures are the sample pages of every network (scrapers/<id>/
// testdata/sample) captured at each of times; before 2021, C40's list is
// rendered in the reconstructed old design instead. The wmccc sample's
// pages, which name their Wayback capture, are captures of the original
// URL; its live 404 page is left out (the CDX lists only 200s).
func sampleCaptures(tb testing.TB, times ...time.Time) []waybacktest.Capture {
	var out []waybacktest.Capture
	for _, id := range []string{"c40", "iclei", "metropolis", "uclg", "wmccc"} {
		pages, err := scrapertest.FixturePages(filepath.Join("../../scrapers", id, "testdata/sample"))
		if err != nil {
			tb.Fatal(err)
		}
		for _, at := range times {
			if id == "c40" && at.Year() < 2021 {
				out = append(out, waybacktest.Capture{URL: "https://www.c40.org/cities", Time: at, Body: []byte(c40Old(c40SampleNames(tb)))})
				continue
			}
			for _, p := range pages {
				if p.Status != 0 && p.Status != 200 {
					continue
				}
				out = append(out, waybacktest.Capture{URL: strings.TrimPrefix(p.URL, waybackPrefix), Time: at, Body: p.Body})
			}
		}
	}
	return out
}

func c40SampleNames(tb testing.TB) []string {
	b, err := os.ReadFile("../../scrapers/c40/testdata/sample/names.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	return names
}

// TestBackfillAllNetworks reads all five networks, WMCCC from the captures
// of its members pages, every year from 2012 to 2026 (15 steps).
func TestBackfillAllNetworks(t *testing.T) {
	srv := waybacktest.New(t, sampleCaptures(t, day("2012-03-01"), day("2018-06-01"), day("2022-06-01")))
	rep := benchBackfill(t, srv.URL())
	if len(rep.Steps) != 15 {
		t.Fatalf("%d steps, want 15", len(rep.Steps))
	}
	for _, st := range rep.Steps {
		for id, ns := range st.Manifest.Networks {
			if !ns.Passed() || ns.Members == 0 {
				t.Errorf("%s %s: %s, %d members: %s", st.Date.Format(time.DateOnly), id, ns.Status, ns.Members, ns.Error)
			}
		}
		if v := st.Manifest.Specs["wmccc"].Variant; v != "typo3-live" {
			t.Errorf("%s wmccc read with variant %q, want typo3-live through the captures", st.Date.Format(time.DateOnly), v)
		}
		if w := st.Manifest.Networks["wmccc"]; w.Members < 5 || len(st.Manifest.Backfill.Captures["wmccc"].Pages) < 2 {
			t.Errorf("%s wmccc: %d members from %d captures", st.Date.Format(time.DateOnly), w.Members, len(st.Manifest.Backfill.Captures["wmccc"].Pages))
		}
	}
}

// benchBackfill backfills every network yearly from 2012-07-01 to
// 2026-07-01 into a new store, at full speed.
func benchBackfill(tb testing.TB, archive string) *BackfillReport {
	o := backfillOpts(nil, archive, tb.TempDir(), "", nil)
	o.From, o.To = day("2012-07-01"), day("2026-07-01")
	rep, err := Backfill(tb.Context(), o)
	if err != nil {
		tb.Fatal(err)
	}
	for _, st := range rep.Steps {
		if st.State != StepCommitted {
			tb.Fatalf("step %s: %s %v", st.Date.Format(time.DateOnly), st.State, st.Reasons)
		}
	}
	return rep
}

// BenchmarkBackfill is the fake-archive backfill of 5 networks × 15 steps
// with no pacing: it must stay well under 10 s (make bench).
func BenchmarkBackfill(b *testing.B) {
	srv := waybacktest.New(b, sampleCaptures(b, day("2012-03-01"), day("2018-06-01"), day("2022-06-01")))
	for b.Loop() {
		rep := benchBackfill(b, srv.URL())
		if rep.Steps[len(rep.Steps)-1].Manifest.Networks["c40"].Status != output.StatusOK {
			b.Fatal("c40 not read")
		}
	}
}
