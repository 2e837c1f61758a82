package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// citiesArchive is c40's sample with edit applied to its cities page, the
// list whose items link to the city pages.
func citiesArchive(t *testing.T, edit func(string) string) string {
	t.Helper()
	ps, err := scrapertest.FixturePages("../../scrapers/c40/testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		if ps[i].URL == "https://www.c40.org/cities/" && edit != nil {
			ps[i].Body = []byte(edit(string(ps[i].Body)))
		}
	}
	path := filepath.Join(t.TempDir(), "c40.warc.gz")
	if err := fetch.WriteFixtureWARC(path, ps); err != nil {
		t.Fatal(err)
	}
	return path
}

// reuseSpecs is a spec folder whose c40 spec reuses city pages for up to
// seven nights and ignores data-nonce attributes.
func reuseSpecs(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../scrapers/c40/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec := strings.Replace(string(b), "        detail:\n", "        detail:\n          reuse_nights: 7\n          volatile_attributes: [data-nonce]\n", 1)
	if spec == string(b) {
		t.Fatal("c40's spec has no detail section any more")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c40.yaml"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestReuseUnchangedDetailPages runs nights with detail.reuse_nights set
// against a site (an archive served as if live):
// the second night reads most city pages from the first night's archive
// (those not due by their URL's hash), with the same rows; a changed
// volatile attribute changes nothing; a changed list item has its page
// fetched; the snapshots rebuild and verify.
func TestReuseUnchangedDetailPages(t *testing.T) {
	specs, store := reuseSpecs(t), t.TempDir()
	asOf := time.Date(2026, 1, 2, 2, 0, 0, 0, time.UTC) // a night after the fixtures' date
	night := func(warc string) *Report {
		t.Helper()
		// The archive stands in for the live site: a replay (Offline)
		// never reuses pages, it reads what it replays.
		site, err := fetch.OpenReplay(warc)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Run(t.Context(), Options{StoreDir: store, Transport: site, Networks: "c40", SpecsDir: specs, AsOf: asOf,
			Fetch: fetch.Config{Delay: -1, Retries: -1}})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	same := citiesArchive(t, nil)
	first, second := night(same), night(same)
	reused := second.Manifest.Networks["c40"].ReusedPages
	pages := second.Manifest.Networks["c40"].Pages
	t.Logf("second night: %d of %d pages reused, %d requests", reused, pages, second.Manifest.Networks["c40"].Requests)
	if first.Manifest.Networks["c40"].ReusedPages != 0 {
		t.Error("the first night has no last night to reuse")
	}
	if reused == 0 || reused >= pages-2 {
		t.Errorf("second night reused %d of %d pages: want most city pages, and some due for their refetch", reused, pages)
	}
	compareJSON(t, "members", tablesOf(t, store, first.SnapshotID).Members, tablesOf(t, store, second.SnapshotID).Members)

	nonce := night(citiesArchive(t, func(s string) string {
		return strings.ReplaceAll(s, `<a href="https://www.c40.org/cities/`, `<a data-nonce="n42" href="https://www.c40.org/cities/`)
	}))
	if got := nonce.Manifest.Networks["c40"].ReusedPages; got != reused {
		t.Errorf("with a new nonce in every item: %d pages reused, want %d", got, reused)
	}
	changed := night(citiesArchive(t, func(s string) string {
		return strings.ReplaceAll(s, `<a href="https://www.c40.org/cities/`, `<a class="renamed" href="https://www.c40.org/cities/`)
	}))
	if got := changed.Manifest.Networks["c40"].ReusedPages; got != 0 {
		t.Errorf("with every item changed: %d pages reused, want 0", got)
	}
	verifyStore(t, store)
	checkRebuild(t, store, second.SnapshotID)

	replayed, err := Run(t.Context(), Options{StoreDir: store, Replay: same, Networks: "c40", SpecsDir: specs, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if got := replayed.Manifest.Networks["c40"].ReusedPages; got != 0 {
		t.Errorf("a replayed run reused %d pages, want none: it reads the archive it replays", got)
	}
}
