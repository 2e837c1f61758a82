package enrich

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/internal/geo"
)

// Enrich resolves every member and builds the places table. It returns a
// copy of members, in the same order, with Match filled (Method "none" for
// the unresolved: no member is ever dropped), and one Place per distinct
// place_id — members resolving to the same place are the same city —
// with its networks (sorted, distinct), network count and member keys
// ("<network>/<member_key>", sorted), ordered by place_id.
//
// Names are resolved once per distinct (name, country). If ctx is
// cancelled, the members not yet resolved are returned unmatched.
func (m *Matcher) Enrich(ctx context.Context, members []citynets.Member) ([]citynets.Member, []citynets.Place) {
	out := make([]citynets.Member, len(members))
	copy(out, members)
	type key struct{ name, country string }
	type resolved struct {
		match citynets.Match
		cc    string
	}
	cache := make(map[key]resolved, len(members))
	for i := range out {
		mem := &out[i]
		if ctx.Err() != nil {
			mem.Match = noMatch()
			setCountry(mem, resolveCountry(mem.CountryPublished))
			continue
		}
		k := key{mem.Name, mem.CountryPublished}
		r, ok := cache[k]
		if !ok {
			res := m.Resolve(mem.Name, mem.CountryPublished)
			r = resolved{res.Match, publishedCountry(res, mem.CountryPublished)}
			cache[k] = r
		}
		mem.Match = r.match
		setCountry(mem, r.cc)
	}
	return out, m.places(out)
}

// publishedCountry is the country the published text states: the country
// field, else a country the name itself gives ("Leon, Spain"), but never
// one taken from the matched place (an override's), which is country_code.
func publishedCountry(res Result, countryPublished string) string {
	if res.Match.Method == citynets.MatchOverride && resolveCountry(countryPublished) == "" {
		return ""
	}
	return res.Country
}

// setCountry fills a member's country columns: the published country's
// code (set even when no place matched, so that an unmatched member can
// still be counted by country), and the name and continent of the
// member's country — the matched place's, else the published one.
func setCountry(mem *citynets.Member, published string) {
	mem.CountryCodePublished = published
	cc := published
	if mem.Match.Resolved() && mem.Match.CountryCode != "" {
		cc = mem.Match.CountryCode
	}
	mem.CountryName = gazetteer.CountryName(cc)
	mem.Continent = geo.Continent(cc)
}

// places groups resolved members by place.
func (m *Matcher) places(members []citynets.Member) []citynets.Place {
	type acc struct {
		networks map[string]bool
		keys     map[string]bool
	}
	byID := make(map[string]*acc)
	for i := range members {
		mem := &members[i]
		if !mem.Match.Resolved() {
			continue
		}
		a := byID[mem.Match.PlaceID]
		if a == nil {
			a = &acc{networks: map[string]bool{}, keys: map[string]bool{}}
			byID[mem.Match.PlaceID] = a
		}
		a.networks[mem.Network] = true
		a.keys[mem.Network+"/"+mem.MemberKey] = true
	}
	out := make([]citynets.Place, 0, len(byID))
	for id, a := range byID {
		pl := citynets.Place{PlaceID: id}
		if p := m.placeByID(id); p != nil {
			pl.Name = p.Name
			pl.ASCIIName = p.ASCIIName
			pl.CountryCode = p.CountryCode
			pl.CountryName = gazetteer.CountryName(p.CountryCode)
			pl.Continent = geo.Continent(p.CountryCode)
			pl.Admin1Code = p.Admin1Code
			pl.Admin1Name = m.g.Admin1Name(p.CountryCode, p.Admin1Code)
			pl.Latitude = p.Latitude
			pl.Longitude = p.Longitude
			pl.Population = p.Population
			pl.FeatureCode = p.FeatureCode
		}
		pl.Networks = sortedKeys(a.networks)
		pl.NetworkCount = int32(len(pl.Networks))
		pl.MemberKeys = sortedKeys(a.keys)
		out = append(out, pl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PlaceID < out[j].PlaceID })
	return out
}

func (m *Matcher) placeByID(placeID string) *gazetteer.Place {
	id, err := strconv.ParseInt(strings.TrimPrefix(placeID, "geonames:"), 10, 64)
	if err != nil {
		return nil
	}
	p, _ := m.g.ByID(id)
	return p
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
