package iclei

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// FuzzParse runs the scraper over the sample and wordpress cases' pages
// together (the sample's members search answering) with one page, chosen by
// which, replaced by a fuzzed body. Whatever the HTML, the scrape must not
// panic; it may fail only because the body links to a page the cases do not
// hold; and every member it yields must be usable.
func FuzzParse(f *testing.F) {
	n := network(f)
	spec, err := scrapers.LoadSpec(n, "")
	if err != nil {
		f.Fatal(err)
	}
	base, err := scrapertest.LoadCase("testdata/wordpress")
	if err != nil {
		f.Fatal(err)
	}
	sample, err := scrapertest.LoadCase("testdata/sample")
	if err != nil {
		f.Fatal(err)
	}
	maps.Copy(base.Pages, sample.Pages)
	urls := slices.Sorted(maps.Keys(base.Pages))
	for i, u := range urls {
		f.Add(uint8(i), base.Pages[u].Body)
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		pages := maps.Clone(base.Pages)
		u := urls[int(which)%len(urls)]
		p := *pages[u]
		p.Body = body
		pages[u] = &p
		s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: &scrapertest.MapFetcher{Pages: pages}, AsOf: scrapertest.FetchedAt}
		res, err := s.Run(t.Context())
		if err != nil {
			if !errors.Is(err, scrapers.ErrNotInArchive) {
				t.Fatalf("scrape: %v", err)
			}
			return
		}
		checkMembers(t, res.Members)
	})
}

// checkMembers asserts what every parsed member must satisfy.
func checkMembers(t *testing.T, ms []citynets.Member) {
	t.Helper()
	types := []string{citynets.TypeCity, citynets.TypeRegion, citynets.TypeAssociation, citynets.TypeOther}
	keys := map[string]bool{}
	for _, m := range ms {
		switch {
		case m.Name == "" || m.Name != strings.TrimSpace(m.Name):
			t.Errorf("bad name %q", m.Name)
		case m.MemberKey == "":
			t.Errorf("%q: empty key", m.Name)
		case keys[m.MemberKey]:
			t.Errorf("%q: key %q twice", m.Name, m.MemberKey)
		case m.Network != "iclei" || !slices.Contains(types, m.MemberType):
			t.Errorf("%q: network %q type %q", m.Name, m.Network, m.MemberType)
		case strings.Contains(m.Name, "arrow_outward") && m.NetworkRegion == "ICLEI Africa":
			t.Errorf("%q: icon word left in the name", m.Name)
		case m.SourceURL == "" || m.SourceSHA256 == "":
			t.Errorf("%q: no source", m.Name)
		}
		keys[m.MemberKey] = true
	}
}
