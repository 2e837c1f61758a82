package enrich

import (
	"context"
	"reflect"
	"testing"

	"github.com/citynets/citynets"
)

// TestC40RenamesSamePlace checks that C40's 2019 spellings resolve to the
// same places as its 2026 ones, so a renamed member is seen as renamed.
func TestC40RenamesSamePlace(t *testing.T) {
	m := testMatcher(t)
	pairs := [][2]string{
		{"Delhi NCT", "New Delhi"},
		{"Dhaka (North & South)", "Dhaka"},
		{"Durban (eThekwini)", "Durban"},
		{"Tel Aviv – Yafo", "Tel Aviv"},
		{"Washington, DC", "Washington D.C."},
		{"Bengaluru", "Bangalore"},
	}
	for _, p := range pairs {
		a, b := m.Resolve(p[0], "").Match, m.Resolve(p[1], "").Match
		if !a.Resolved() || a.PlaceID != b.PlaceID {
			t.Errorf("%q → %s, %q → %s: want the same place", p[0], a.PlaceID, p[1], b.PlaceID)
		}
	}
}

func TestEnrich(t *testing.T) {
	m := testMatcher(t)
	members := []citynets.Member{
		{Network: "c40", MemberKey: "london", Name: "London"},
		{Network: "metropolis", MemberKey: "greater-london", Name: "Greater London Authority", CountryPublished: "United Kingdom"},
		{Network: "iclei", MemberKey: "london|united kingdom", Name: "London", CountryPublished: "UK"},
		{Network: "c40", MemberKey: "london-dup", Name: "London"}, // same network twice
		{Network: "iclei", MemberKey: "newark", Name: "City of Newark, CA", CountryPublished: "United States"},
		{Network: "uclg", MemberKey: "xyz", Name: "Association of Nowhere", CountryPublished: "Atlantis", MemberType: citynets.TypeAssociation},
		{Network: "wmccc", MemberKey: "", Name: ""},
	}
	orig := append([]citynets.Member(nil), members...)
	out, places := m.Enrich(context.Background(), members)
	if !reflect.DeepEqual(members, orig) {
		t.Error("Enrich modified its input")
	}
	if len(out) != len(members) {
		t.Fatalf("Enrich returned %d members, want %d: it must never drop one", len(out), len(members))
	}
	for i := range out {
		if out[i].Name != members[i].Name || out[i].MemberKey != members[i].MemberKey || out[i].Network != members[i].Network {
			t.Errorf("member %d changed identity: %+v", i, out[i])
		}
	}
	london := out[0].Match.PlaceID
	if london != "geonames:2643743" {
		t.Fatalf("London → %q", london)
	}
	for _, i := range []int{1, 2, 3} {
		if out[i].Match.PlaceID != london {
			t.Errorf("member %d (%s) → %q, want London", i, out[i].Name, out[i].Match.PlaceID)
		}
	}
	for _, i := range []int{5, 6} {
		if out[i].Match.Resolved() || out[i].Match.Method != citynets.MatchNone {
			t.Errorf("member %d (%q) should stay unmatched: %+v", i, out[i].Name, out[i].Match)
		}
	}
	if len(places) != 2 {
		t.Fatalf("%d places, want 2 (London, Newark CA): %+v", len(places), places)
	}
	if places[0].PlaceID > places[1].PlaceID {
		t.Error("places not sorted by place_id")
	}
	var lp citynets.Place
	for _, p := range places {
		if p.PlaceID == london {
			lp = p
		}
	}
	want := citynets.Place{
		PlaceID: london, Name: "London", ASCIIName: "London", CountryCode: "GB", CountryName: "United Kingdom", Continent: "Europe",
		Admin1Code: "ENG", Admin1Name: "England", Latitude: lp.Latitude, Longitude: lp.Longitude,
		Population: lp.Population, FeatureCode: "PPLC",
		Networks:     []string{"c40", "iclei", "metropolis"},
		NetworkCount: 3,
		MemberKeys:   []string{"c40/london", "c40/london-dup", "iclei/london|united kingdom", "metropolis/greater-london"},
	}
	if !reflect.DeepEqual(lp, want) {
		t.Errorf("London place =\n %+v\nwant\n %+v", lp, want)
	}
	if lp.Population < 7000000 || lp.Latitude < 51 || lp.Latitude > 52 {
		t.Errorf("London place data %+v", lp)
	}
}

// TestEnrichCountryColumns checks country_code_published, country_name
// and continent: the published country is resolved even when no place
// matched, and the name and continent follow the place's country when
// there is one.
func TestEnrichCountryColumns(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		name, country           string
		wantPublished, wantName string
		wantContinent           string
	}{
		{"London", "UK", "GB", "United Kingdom", "Europe"},
		{"London", "", "", "United Kingdom", "Europe"},               // from the place
		{"Association of Nowhere", "Kenya", "KE", "Kenya", "Africa"}, // unmatched, published country
		{"Association of Nowhere", "République démocratique du Congo", "CD", "Democratic Republic of the Congo", "Africa"},
		{"Association of Nowhere", "Atlantis", "", "", ""},
		{"Association of Nowhere", "", "", "", ""},
	}
	for _, tt := range tests {
		out, _ := m.Enrich(context.Background(), []citynets.Member{{Network: "uclg", MemberKey: "k", Name: tt.name, CountryPublished: tt.country}})
		got := out[0]
		if got.CountryCodePublished != tt.wantPublished || got.CountryName != tt.wantName || got.Continent != tt.wantContinent {
			t.Errorf("%q, %q → published %q, name %q, continent %q; want %q, %q, %q", tt.name, tt.country,
				got.CountryCodePublished, got.CountryName, got.Continent, tt.wantPublished, tt.wantName, tt.wantContinent)
		}
	}
}

func TestEnrichCancelled(t *testing.T) {
	m := testMatcher(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	members := []citynets.Member{{Network: "c40", MemberKey: "paris", Name: "Paris", Match: citynets.Match{PlaceID: "geonames:1", Method: "exact"}}}
	out, places := m.Enrich(ctx, members)
	if len(out) != 1 || out[0].Match.Resolved() || out[0].Match.Method != citynets.MatchNone || len(places) != 0 {
		t.Errorf("cancelled Enrich = %+v, %+v; want the member kept, unmatched", out, places)
	}
}
