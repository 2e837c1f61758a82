package enrich

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int // in tenths of an edit
	}{
		{"vinnytsia", "vinnytsya", costCheap},    // i/y
		{"pruzany", "pruzhany", costCheap},       // an h
		{"halandri", "chalandri", costCheap},     // c before h
		{"caprileone", "capri leone", costCheap}, // a space
		{"cerretto", "cerreto", costCheap},       // a doubled letter
		{"boumerdes", "boumerdas", costVowel},    // a vowel
		{"dubenec", "lubenec", costFull},         // another consonant
		{"tortella", "torrella", costFull},       // ditto
		{"novohrad volynskyi", "novohrad volyns kyy", 2 * costCheap},
		{"abc", "abc", 0},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, 100); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a, 100); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
	if got := editDistance("amsterdam", "rotterdam", 10); got != 11 {
		t.Errorf("over the budget: got %d, want budget+1", got)
	}
}

func TestSameShortWords(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"east hampton", "west hampton", false},
		{"nord lake", "sud lake", false},
		{"villanueva de la cruces", "villanueva de las cruces", true},
		{"magdelena del mar", "magdalena del mar", true},
		{"chiangrai", "chiang rai", true},
		{"san jose", "santa jose", true},
	}
	for _, tt := range tests {
		if got := sameShortWords(tt.a, tt.b); got != tt.want {
			t.Errorf("sameShortWords(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestFuzzyConservative checks names one consonant away from a different
// real place stay unmatched.
func TestFuzzyConservative(t *testing.T) {
	m := testMatcher(t)
	for _, tt := range []struct{ name, country string }{
		// Dubenec and Aldover, the probes of old, are places of their own
		// in GeoNames 2023; these are still no place's name.
		{"Kubenec", "CZ"}, // Lubenec is another village
		{"Cabaces", "ES"}, // Cabanes is elsewhere
		{"Algover", "ES"}, // not Alcover
		{"King County", "US"},
		{"Mnster", "DE"}, // too short to guess
	} {
		if r := m.Resolve(tt.name, tt.country); r.Match.Resolved() {
			t.Errorf("Resolve(%q, %q) = %s %s (%s), want no match", tt.name, tt.country, r.Match.PlaceID, r.Match.PlaceName, r.Match.Method)
		}
	}
}
