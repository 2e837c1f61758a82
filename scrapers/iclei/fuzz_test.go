package iclei

import (
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// FuzzParse runs the scraper over the sample and wordpress cases' pages
// together (the sample's members search answering) with one page, chosen by
// which, replaced by a fuzzed body. Whatever the HTML, the scrape must not
// panic; it may fail only because the body links to a page the cases do not
// hold; and every member it yields must be usable.
func FuzzParse(f *testing.F) {
	scrapertest.FuzzCase(f, scrapertest.Network(f, id), scrapertest.FuzzOptions{
		Cases: []string{"testdata/wordpress", "testdata/sample"},
		Check: checkMembers,
	})
}

// checkMembers asserts what every parsed ICLEI member must satisfy beyond
// scrapertest.CheckInvariants: ICLEI Africa's icon words are stripped from
// the names.
func checkMembers(t *testing.T, res *scrapers.Result) {
	t.Helper()
	for _, m := range res.Members {
		if strings.Contains(m.Name, "arrow_outward") && m.NetworkRegion == "ICLEI Africa" {
			t.Errorf("%q: icon word left in the name", m.Name)
		}
	}
}
