package mapview

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/citynets/citynets"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestBuildDataGolden(t *testing.T) {
	got, err := json.MarshalIndent(buildData(fixtureInput()), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "fixture.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("page data differs from %s; run go test -update and review the diff", golden)
	}
}

func netByID(t *testing.T, d pageData, id string) networkData {
	t.Helper()
	for _, n := range d.Networks {
		if n.ID == id {
			return n
		}
	}
	t.Fatalf("no network %q", id)
	return networkData{}
}

func TestBuildDataReach(t *testing.T) {
	in := fixtureInput()
	d := buildData(in)
	wantPlaces := placesPerNetwork(in)
	tests := []struct {
		id                string
		members, unplaced int
		countries         int
		continents        []string
		farA, farB        string
	}{
		{"c40", 31, 1, 25, []string{"Africa", "Asia", "Europe", "North America", "South America", "Oceania"}, "Jakarta", "Bogotá"},
		{"wmccc", 8, 0, 8, []string{"Africa", "Europe", "North America", "South America", "Oceania"}, "Zürich", "Wellington"},
		{"uclg", 21, 1, 19, []string{"Africa", "Asia", "Europe", "North America", "South America", "Oceania"}, "Madrid", "Wellington"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			n := netByID(t, d, tt.id)
			if n.Members != tt.members || n.Unplaced != tt.unplaced || n.Places != wantPlaces[tt.id] {
				t.Errorf("members/unplaced/places = %d/%d/%d, want %d/%d/%d",
					n.Members, n.Unplaced, n.Places, tt.members, tt.unplaced, wantPlaces[tt.id])
			}
			if n.Countries != tt.countries || !slices.Equal(n.Continents, tt.continents) {
				t.Errorf("countries %d %v, want %d %v", n.Countries, n.Continents, tt.countries, tt.continents)
			}
			if n.Far == nil {
				t.Fatal("no farthest pair")
			}
			pair := []string{d.Places[n.Far.A].Name, d.Places[n.Far.B].Name}
			slices.Sort(pair)
			want := []string{tt.farA, tt.farB}
			slices.Sort(want)
			if !slices.Equal(pair, want) {
				t.Errorf("farthest pair %v, want %v", pair, want)
			}
			if n.Far.Path == "" || !isPathData(n.Far.Path) {
				t.Errorf("far path %q", n.Far.Path)
			}
		})
	}
}

func TestBuildDataPlaces(t *testing.T) {
	d := buildData(fixtureInput())
	var montreal *placeData
	for i := range d.Places {
		if d.Places[i].Name == "Montréal" {
			montreal = &d.Places[i]
		}
	}
	if montreal == nil {
		t.Fatal("no Montréal")
	}
	byNet := map[string][]string{}
	for _, p := range montreal.Published {
		id := d.Networks[p.Network].ID
		byNet[id] = append(byNet[id], p.Name)
	}
	want := map[string][]string{"c40": {"Montréal"}, "metropolis": {"Montreal"}, "uclg": {"Montréal"}, "iclei": {"Ville de Montréal"}}
	for id, names := range want {
		if !slices.Equal(byNet[id], names) {
			t.Errorf("%s publishes Montréal as %v, want %v", id, byNet[id], names)
		}
	}
	if montreal.ASCII != "Montreal" || montreal.Country != "CA" || montreal.CountryName != "Canada" || len(montreal.Networks) != 4 {
		t.Errorf("Montréal = %+v", montreal)
	}
	// Bigger dots (more networks) come first, so small ones draw on top.
	for i := 1; i < len(d.Places); i++ {
		if len(d.Places[i].Networks) > len(d.Places[i-1].Networks) {
			t.Fatalf("places not sorted by network count at %d", i)
		}
	}
}

func TestBuildDataEdgeCases(t *testing.T) {
	in := Input{
		Networks: []Network{{ID: "b", Name: "Bee"}},
		Members: []citynets.Member{
			{Network: "a", MemberKey: "1", Name: "One", Match: citynets.Match{PlaceID: "geonames:1"}},
			{Network: "b", MemberKey: "2", Name: "Two", Match: citynets.Match{PlaceID: "geonames:2"}},
			{Network: "", MemberKey: "3", Name: "No network"},
		},
		Places: []citynets.Place{
			{PlaceID: "geonames:1", Name: "One", Latitude: 10, Longitude: 20, Networks: []string{"a", "b", "a"}, MemberKeys: []string{"a/1"}},
			{PlaceID: "geonames:1", Name: "One again", Latitude: 10, Longitude: 20, Networks: []string{"a"}},
			{PlaceID: "geonames:2", Name: "NaN", Latitude: math.NaN(), Longitude: 0, Networks: []string{"b"}},
			{PlaceID: "geonames:3", Name: "Off the globe", Latitude: 95, Longitude: 0, Networks: []string{"b"}},
		},
		Changes: []citynets.Change{{Network: "c", MemberKey: "x", Change: citynets.Left}},
	}
	d := buildData(in)
	var ids []string
	for _, n := range d.Networks {
		ids = append(ids, n.ID+"="+n.Name)
	}
	if want := []string{"b=Bee", "a=a", "c=c"}; !slices.Equal(ids, want) {
		t.Errorf("networks %v, want %v (caller's first, then the rest by id, named by id)", ids, want)
	}
	if len(d.Places) != 1 || d.Places[0].Name != "One" || !slices.Equal(d.Places[0].Networks, []int{0, 1}) {
		t.Errorf("places %+v: want only the first geonames:1, in both networks", d.Places)
	}
	b := netByID(t, d, "b")
	if b.Members != 1 || b.Unplaced != 1 || b.Places != 1 || b.Far != nil {
		t.Errorf("b = %+v", b)
	}
	if len(d.Changes) != 1 || d.Networks[d.Changes[0].Network].ID != "c" || !slices.Equal(d.Changes[0].Left, []string{"x"}) {
		t.Errorf("changes %+v: a leaver with no name shows its key", d.Changes)
	}
	if _, err := marshalData(d); err != nil {
		t.Errorf("marshal: %v", err)
	}
}

func TestGroupChanges(t *testing.T) {
	idx := map[string]int{"n1": 0, "n2": 1}
	got := groupChanges([]citynets.Change{
		{Network: "n2", Change: citynets.Joined, NewName: "Zeta"},
		{Network: "n2", Change: citynets.Joined, NewName: "Alpha"},
		{Network: "n1", Change: citynets.Left, OldName: "Gone"},
		{Network: "n1", Change: citynets.Renamed, OldName: "Old", NewName: "New"},
		{Network: "n1", Change: citynets.Modified},
		{Network: "n1", Change: citynets.Modified},
		{Network: "unknown", Change: citynets.Joined, NewName: "x"},
	}, idx, 2)
	if len(got) != 2 {
		t.Fatalf("got %d groups, want 2", len(got))
	}
	if g := got[0]; g.Network != 0 || !slices.Equal(g.Left, []string{"Gone"}) || len(g.Renamed) != 1 || g.Renamed[0] != [2]string{"Old", "New"} || g.Modified != 2 {
		t.Errorf("n1 = %+v", g)
	}
	if g := got[1]; g.Network != 1 || !slices.Equal(g.Joined, []string{"Alpha", "Zeta"}) {
		t.Errorf("n2 = %+v", g)
	}
	if groupChanges(nil, idx, 2) != nil {
		t.Error("no changes must give nil (no panel)")
	}
}
