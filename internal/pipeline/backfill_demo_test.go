package pipeline

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// The offline backfill demo (make demo-backfill) replays
// examples/wayback-sample.warc.gz with these arguments; the archive holds
// the exact CDX queries they ask, so other steps would miss it.
const (
	demoSample = "../../examples/wayback-sample.warc.gz"
	demoFrom   = "2019-01-01"
	demoTo     = "2026-01-01"
	waybackURL = "https://web.archive.org"
)

// demoC40Sets are C40's MADE-UP dated member sets of the demo: the names
// of the c40 sample fixture (scrapers/c40/testdata/sample/names.txt, 97
// cities) with a few invented changes, not C40's real history. Captures
// before 2021 are rendered in the reconstructed old design (the spec's
// cities-2012 variant), the later ones in the homepage design.
//
//	2018-06-01 old  sample − Fortaleza, Lisbon, Rome + Caracas, Kolkata  (96)
//	2020-06-01 old  Lisbon joins, Caracas leaves                         (96)
//	2021-06-01 new  the same members in the new design                   (96)
//	2023-08-15 new  Rome joins                                           (97)
//	2025-06-01 new  Fortaleza joins, Kolkata leaves: the sample as is    (97)
func demoC40Sets(t testing.TB) []datedSet {
	b, err := os.ReadFile("../../scrapers/c40/testdata/sample/names.txt")
	if err != nil {
		t.Fatal(err)
	}
	var sample []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			sample = append(sample, line)
		}
	}
	set := func(at, design string, drop, add []string) datedSet {
		s := datedSet{at: day(at), design: design}
		for _, n := range append(slices.Clone(sample), add...) {
			if !slices.Contains(drop, n) {
				s.members = append(s.members, member{name: n})
			}
		}
		return s
	}
	return []datedSet{
		set("2018-06-01", "c40-old", []string{"Fortaleza", "Lisbon", "Rome"}, []string{"Caracas", "Kolkata"}),
		set("2020-06-01", "c40-old", []string{"Fortaleza", "Rome"}, []string{"Kolkata"}),
		set("2021-06-01", "c40-new", []string{"Fortaleza", "Rome"}, []string{"Kolkata"}),
		set("2023-08-15", "c40-new", []string{"Fortaleza"}, []string{"Kolkata"}),
		set("2025-06-01", "c40-new", nil, nil),
	}
}

// writeWaybackSample backfills the demo's steps from a fake archive holding
// demoC40Sets (rendered by render: C40's /cities/ is a page without cities,
// so no regions and no city pages) and the made-up ICLEI sets of
// testdata/backfill/iclei_sets.txt (all in the members search's design,
// unlike TestBackfillSeries), then writes every CDX answer and capture the
// backfill asked for, refetched from the fake, under the Wayback Machine's
// address as fixture pages: what `backfill --replay` needs, byte-identical
// from one generation to the next (sorted by URL, no Date header, fixed
// WARC dates and record ids).
func writeWaybackSample(t *testing.T, path string) {
	iclei := icleiSets(t)
	for i := range iclei {
		iclei[i].design = "iclei-new" // the members search throughout: plain joins and leaves
	}
	srv := waybacktest.New(t, captures(t, demoC40Sets(t), iclei))
	o := backfillOpts(t, srv.URL(), t.TempDir(), "c40,iclei", nil)
	o.From, o.To = day(demoFrom), day(demoTo)
	rep, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed() != 0 {
		t.Fatalf("backfill of the demo sets: %d failed: %+v", rep.Failed(), rep.Steps)
	}
	seen := map[string]bool{}
	var pages []fetch.FixturePage
	for _, r := range srv.Requests() {
		target := r.Path
		if r.Query != "" {
			target += "?" + r.Query
		}
		if (r.Kind != waybacktest.CDX && r.Kind != waybacktest.CaptureKind) || seen[target] {
			continue
		}
		seen[target] = true
		res, err := http.Get(srv.URL() + target)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		h := http.Header{}
		for k, vs := range res.Header {
			if k == "Date" || k == "Content-Length" {
				continue
			}
			for _, v := range vs {
				h.Add(k, strings.ReplaceAll(v, srv.URL(), waybackURL))
			}
		}
		pages = append(pages, fetch.FixturePage{URL: waybackURL + target, Status: res.StatusCode, Header: h, Body: body})
	}
	slices.SortFunc(pages, func(a, b fetch.FixturePage) int { return strings.Compare(a.URL, b.URL) })
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
}

// TestWaybackSampleIsCurrent regenerates the demo archive and compares it
// with the committed one; go test ./internal/pipeline -run
// TestWaybackSampleIsCurrent -update rewrites it (make wayback-sample).
func TestWaybackSampleIsCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wayback-sample.warc.gz")
	writeWaybackSample(t, path)
	again := filepath.Join(t.TempDir(), "wayback-sample.warc.gz") // the name is in the warcinfo record
	writeWaybackSample(t, again)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(again); !bytes.Equal(got, b) {
		t.Fatal("two generations of the demo archive differ")
	}
	if updating() {
		if err := os.WriteFile(demoSample, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(demoSample)
	if err != nil {
		t.Fatalf("%v (make wayback-sample writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the generator makes: run make wayback-sample", demoSample)
	}
}
