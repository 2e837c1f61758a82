// Package c40 reads the members of the C40 Cities Climate Leadership Group
// from c40.org.
package c40

import (
	_ "embed"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
)

//go:embed spec.yaml
var spec []byte

//go:embed known.txt
var known []byte

func init() {
	scrapers.Register(scrapers.Network{
		ID:    "c40",
		Name:  "C40 Cities Climate Leadership Group",
		Site:  "https://www.c40.org/",
		Spec:  spec,
		Known: known,
		Item:  statusGroup,
	})
}

// statusGroup handles the one /cities/ heading that is not a region: older
// versions of the page list members "Temporarily Inactive" under a heading
// of their own. Such a member has no region, and the heading becomes its
// status attribute, so that analysts can filter on it instead of finding an
// eighth "region". It never drops an item.
func statusGroup(m *citynets.Member, _ *goquery.Selection) bool {
	if status, ok := statusOf(m.NetworkRegion); ok {
		m.NetworkRegion = ""
		m.Attributes["status"] = status
	}
	return true
}

// statusOf returns the status a /cities/ heading stands for, or false when
// the heading is one of C40's regions.
func statusOf(heading string) (string, bool) {
	switch h := strings.ToLower(strings.Join(strings.Fields(heading), " ")); h {
	case "temporarily inactive", "inactive":
		return h, true
	}
	return "", false
}
