package enrich

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets"
)

func TestDefaultOverrides(t *testing.T) {
	o, err := DefaultOverrides()
	if err != nil {
		t.Fatal(err)
	}
	if len(o) < 10 {
		t.Fatalf("%d committed overrides", len(o))
	}
	m := testMatcher(t)
	for _, ov := range o {
		r := m.Resolve(ov.Name, ov.Country)
		if r.Match.PlaceID != ov.PlaceID || r.Match.Method != citynets.MatchOverride || r.Match.Score != 1 {
			t.Errorf("override %q/%q → %+v, want %s", ov.Name, ov.Country, r.Match, ov.PlaceID)
		}
	}
}

func TestLoadOverrides(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "# mine\nname,country,place_id,note\nSpringfield,US,4250542,the capital of Illinois\n\"Paris, TX\",,4717560,\n")
	o, err := LoadOverrides(good)
	if err != nil {
		t.Fatal(err)
	}
	want := []Override{
		{Name: "Springfield", Country: "US", PlaceID: "geonames:4250542", Note: "the capital of Illinois"},
		{Name: "Paris, TX", PlaceID: "geonames:4717560"},
	}
	if len(o) != 2 || o[0] != want[0] || o[1] != want[1] {
		t.Errorf("LoadOverrides = %+v", o)
	}
	for name, body := range map[string]string{
		"header.csv":  "city,place\nParis,1\n",
		"missing.csv": "name,country,place_id,note\nParis,FR,,\n",
		"quote.csv":   "name,country,place_id,note\n\"Paris,FR,1,x\n",
	} {
		if _, err := LoadOverrides(write(name, body)); !errors.Is(err, ErrOverrides) {
			t.Errorf("%s: err = %v, want ErrOverrides", name, err)
		}
	}
	if _, err := LoadOverrides(filepath.Join(dir, "none.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestUserOverridesWin checks that a user's override, passed after the
// committed ones, replaces a committed one and adds new names; and that an
// override for a place outside the gazetteer is ignored.
func TestUserOverridesWin(t *testing.T) {
	g := testMatcher(t).g
	committed, err := DefaultOverrides()
	if err != nil {
		t.Fatal(err)
	}
	user := []Override{
		{Name: "Delhi NCT", Country: "India", PlaceID: "geonames:1273294"}, // Delhi instead of New Delhi
		{Name: "Springfield", Country: "US", PlaceID: "4250542"},
		{Name: "Nowhere", PlaceID: "geonames:999999999"},
	}
	m := NewMatcher(g, append(committed, user...))
	tests := []struct{ name, country, want string }{
		{"Delhi NCT", "IN", "geonames:1273294"},
		{"delhi  nct", "", "geonames:1273294"},
		{"Springfield", "United States", "geonames:4250542"},
		{"Springfield", "Canada", ""},
		{"Nowhere", "", ""},
	}
	for _, tt := range tests {
		r := m.Resolve(tt.name, tt.country)
		if r.Match.PlaceID != tt.want {
			t.Errorf("Resolve(%q, %q) = %q, want %q", tt.name, tt.country, r.Match.PlaceID, tt.want)
		}
	}
}
