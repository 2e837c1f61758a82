// Package wmccc reads the members of the World Mayors Council on Climate
// Change from worldmayorscouncil.org, or from the Internet Archive's
// capture of it now that the site is dormant.
package wmccc

import (
	_ "embed"

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
		ID:    "wmccc",
		Name:  "World Mayors Council on Climate Change",
		Site:  "http://www.worldmayorscouncil.org/",
		Spec:  spec,
		Known: known,
		Item:  personKey,
	})
}

// personKey gives a member without a profile link a key that tells two
// people of one city apart. Members are people, recorded as the city they
// represent, so the name-and-country key alone would merge, say, Bonn's
// mayor and its former mayor; the person's name is appended to it. A key
// read from a profile link is left alone.
func personKey(m *citynets.Member, _ *goquery.Selection) bool {
	fallback := scrapers.MemberKey(m.Name, m.CountryPublished)
	if p := m.Attributes["mayor"]; p != "" && m.MemberKey == fallback {
		m.MemberKey = fallback + "|" + scrapers.MemberKey(p, "")
	}
	return true
}
