// Package wmccc reads the members of the World Mayors Council on Climate
// Change from worldmayorscouncil.org, or from the Internet Archive's
// capture of it now that the site is dormant.
package wmccc

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
		ID:      "wmccc",
		Name:    "World Mayors Council on Climate Change",
		Site:    "http://www.worldmayorscouncil.org/",
		Spec:    spec,
		Known:   known,
		Item:    cityKey,
		Combine: combinePeople,
	})
}

// people are the per-person attributes of a list row, each collected into
// the plural attribute of the city's member (see combinePeople).
var people = []struct{ one, many string }{
	{"mayor", "mayors"}, {"title", "titles"}, {"role", "roles"}, {"profile", "profiles"},
}

// peopleSep joins the values of the people of one city, in list order.
const peopleSep = "; "

// cityKey keys a row by the city it represents: the list's rows are
// people, and keying by a person (a profile slug, or the city with the
// person appended, as before) made one city two members, and a new mayor
// a leave and a join. The profile slug, when the person's name links to
// one, is kept as attributes.profile.
func cityKey(m *citynets.Member, _ *goquery.Selection) bool {
	city := scrapers.MemberKey(m.Name, m.CountryPublished)
	if m.MemberKey != city {
		m.Attributes["profile"] = m.MemberKey
		m.MemberKey = city
	}
	return true
}

// combinePeople folds the rows of one city into one member, at the place of
// its first row: each person's mayor, title, role and profile become the
// attributes mayors, titles, roles and profiles, joined by "; " in list
// order (an empty value keeps its place, so the n-th entries belong to one
// person). Every other attribute is the first row's.
func combinePeople(ms []citynets.Member) []citynets.Member {
	var out []citynets.Member
	rows := map[string][]citynets.Member{}
	for _, m := range ms {
		if rows[m.MemberKey] == nil {
			out = append(out, m)
		}
		rows[m.MemberKey] = append(rows[m.MemberKey], m)
	}
	for i := range out {
		out[i] = combineCity(rows[out[i].MemberKey])
	}
	return out
}

// combineCity is combinePeople for the rows of one city.
func combineCity(rows []citynets.Member) citynets.Member {
	m := rows[0]
	attrs := make(map[string]string, len(m.Attributes))
	for k, v := range m.Attributes {
		attrs[k] = v
	}
	for _, p := range people {
		vals := make([]string, len(rows))
		some := false
		for i, r := range rows {
			vals[i] = r.Attributes[p.one]
			some = some || vals[i] != ""
		}
		delete(attrs, p.one)
		if some {
			attrs[p.many] = strings.Join(vals, peopleSep)
		}
	}
	m.Attributes = attrs
	return m
}
