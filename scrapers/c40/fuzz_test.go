package c40

import (
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// FuzzParse runs the scraper over the small inactive case (homepage,
// /cities/ with regions and the inactive group, six city pages) with one
// page, chosen by which, replaced by a fuzzed body; the seeds are the case's
// pages and the sample's. Whatever the HTML, the scrape must not panic; it
// may fail only because the body links to a page the case does not hold;
// and every member it yields must be usable.
func FuzzParse(f *testing.F) {
	sample, err := scrapertest.LoadCase("testdata/sample")
	if err != nil {
		f.Fatal(err)
	}
	addisAbaba := sample.Pages["https://www.c40.org/cities/addis-ababa/"].Body
	scrapertest.FuzzCase(f, scrapertest.Network(f, id), scrapertest.FuzzOptions{
		Cases: []string{"testdata/inactive"},
		Seeds: func(u string) [][]byte {
			var seeds [][]byte
			if p, ok := sample.Pages[u]; ok {
				seeds = append(seeds, p.Body)
			}
			if strings.HasSuffix(u, "/london/") {
				seeds = append(seeds, addisAbaba)
			}
			return seeds
		},
		Check: checkMembers,
	})
}

// checkMembers asserts what every parsed C40 member must satisfy beyond
// scrapertest.CheckInvariants: C40's members are cities, and a status
// heading ("Temporarily Inactive") is never kept as the region.
func checkMembers(t *testing.T, res *scrapers.Result) {
	t.Helper()
	for _, m := range res.Members {
		switch {
		case m.MemberType != citynets.TypeCity:
			t.Errorf("%q: type %q, want city", m.Name, m.MemberType)
		case isStatus(m.NetworkRegion):
			t.Errorf("%q: status heading %q kept as the region", m.Name, m.NetworkRegion)
		}
	}
}

func isStatus(heading string) bool {
	_, ok := statusOf(heading)
	return ok
}
