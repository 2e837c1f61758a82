package enrich

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/citynets/citynets"
)

// FuzzResolve feeds the matcher arbitrary published names and countries,
// as a hostile or broken page would: it must never panic, and what it
// returns must hold together — a score in 0..1, a resolved match that is
// its first candidate with a place id, an unresolved one with method
// "none" and a reason.
func FuzzResolve(f *testing.F) {
	for _, seed := range [][2]string{
		{"City of Newark, CA", "United States"},
		{"Kent County Council", "GB"},
		{"Sanlúcar la", "ES"},
		{"Δήμος Καλαμάτας", "GR"},
		{"Ota, TOK", "JP"},
		{"Victoria Entre Ríos", "AR"},
		{"Bia?ystok", "PL"},
		{"Ã–stersund (Sweden) 2030", ""},
		{"S<c3><a3>o Paulo / Sampa - SP", "BR"},
		{"((((,,,, de la", "XX"},
		{"Washington County", "US"},
	} {
		f.Add(seed[0], seed[1])
	}
	m := testMatcher(f)
	f.Fuzz(func(t *testing.T, name, country string) {
		if utf8.RuneCountInString(name) > 1000 || len(country) > 100 {
			return // past the scrapers' field cap of 1,000 characters
		}
		r := m.Resolve(name, country)
		got := r.Match
		if got.Score < 0 || got.Score > 1 {
			t.Fatalf("Resolve(%q, %q): score %v", name, country, got.Score)
		}
		if !got.Resolved() {
			if got.Method != citynets.MatchNone || r.Reason == "" {
				t.Fatalf("Resolve(%q, %q): unresolved with method %q, reason %q", name, country, got.Method, r.Reason)
			}
			return
		}
		if !strings.HasPrefix(got.PlaceID, "geonames:") || len(r.Candidates) == 0 || r.Candidates[0].PlaceID != got.PlaceID {
			t.Fatalf("Resolve(%q, %q): match %q is not its first candidate", name, country, got.PlaceID)
		}
		if !utf8.ValidString(got.PlaceName) || got.CountryCode == "" {
			t.Fatalf("Resolve(%q, %q): incomplete match %+v", name, country, got)
		}
	})
}
