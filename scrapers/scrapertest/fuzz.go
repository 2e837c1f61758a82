package scrapertest

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// FuzzOptions says what FuzzCase serves and what it checks beyond
// CheckInvariants, for one network's fuzz target.
type FuzzOptions struct {
	// Cases are the case folders whose pages are served together; a later
	// folder's page replaces an earlier one's at the same URL. The spec is
	// the one RunCases runs the first with: its specs/<id>.yaml, else the
	// embedded spec. Default: testdata/sample alone.
	Cases []string
	// Seeds, when set, gives more seed bodies for the page at a URL, beside
	// the served page's own.
	Seeds func(url string) [][]byte
	// AnyError lets the scrape fail with any error. By default it may fail
	// only with fetch.ErrNotInArchive: a fuzzed page that links to a page
	// the cases do not hold.
	AnyError bool
	// LastGood is the last good member count the guard is run with. The
	// guard runs for its panics only: its verdict is not checked.
	LastGood int
	// Check, when set, holds the network's own assertions on a result; it
	// runs after CheckInvariants.
	Check func(t *testing.T, res *scrapers.Result)
}

// FuzzCase is the body of a network's FuzzParse: it serves the pages of
// o.Cases with one of them, chosen by the fuzzed index, replaced by a fuzzed
// body, and runs the scraper. Whatever the HTML, the scrape must not panic,
// may fail only as o.AnyError allows, and every result must keep
// CheckInvariants and o.Check. The seeds are every served page (and
// o.Seeds), so the fuzzer starts from pages that parse.
func FuzzCase(f *testing.F, n scrapers.Network, o FuzzOptions) {
	f.Helper()
	if len(o.Cases) == 0 {
		o.Cases = []string{filepath.Join("testdata", "sample")}
	}
	spec, err := scrapers.LoadSpec(n, filepath.Join(o.Cases[0], "specs"))
	if err != nil {
		f.Fatal(err)
	}
	base := map[string]*fetch.Page{}
	for _, dir := range o.Cases {
		c, err := LoadCase(dir)
		if err != nil {
			f.Fatal(err)
		}
		maps.Copy(base, c.Pages)
	}
	urls := slices.Sorted(maps.Keys(base))
	for i, u := range urls {
		f.Add(uint8(i), base[u].Body)
		if o.Seeds != nil {
			for _, b := range o.Seeds(u) {
				f.Add(uint8(i), b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		pages := maps.Clone(base)
		u := urls[int(which)%len(urls)]
		p := *pages[u]
		p.Body = body
		pages[u] = &p
		s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: &MapFetcher{Pages: pages}, AsOf: FetchedAt}
		res, err := s.Run(t.Context())
		if err != nil {
			if !o.AnyError && !errors.Is(err, fetch.ErrNotInArchive) {
				t.Fatalf("scrape: %v", err)
			}
			return
		}
		CheckInvariants(t, n, res, pages)
		if o.Check != nil {
			o.Check(t, res)
		}
		_ = spec.Guard.Check(res, o.LastGood)
	})
}
