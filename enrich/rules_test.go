package enrich

import (
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/enrich/gazetteer"
)

// ruleGazetteer is a small constructed gazetteer with the cases issue 13
// describes in GeoNames 2023: a government form that is another place's
// alternate name, a district (PPLX) with a large population, seats whose
// population is unknown, and ambiguous names with a near namesake.
func ruleGazetteer() *gazetteer.Gazetteer {
	places := []gazetteer.Place{
		{ID: 1, Name: "Houston", ASCIIName: "Houston", Latitude: 29.76, Longitude: -95.36, FeatureCode: "PPLA2", CountryCode: "US", Admin1Code: "TX", Population: 2300000},
		{ID: 2, Name: "Houston", ASCIIName: "Houston", Latitude: 43.76, Longitude: -91.57, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "MN", Population: 980},
		{ID: 3, Name: "Arpino", ASCIIName: "Arpino", Latitude: 41.65, Longitude: 13.61, FeatureCode: "PPLA3", CountryCode: "IT", Admin1Code: "07", Population: 7000},
		{ID: 4, Name: "Arpino", ASCIIName: "Arpino", Latitude: 40.90, Longitude: 14.29, FeatureCode: "PPLX", CountryCode: "IT", Admin1Code: "04", Population: 100000},
		{ID: 5, Name: "Rojas", ASCIIName: "Rojas", Latitude: -34.19, Longitude: -60.73, FeatureCode: "PPLA2", CountryCode: "AR", Admin1Code: "01", Population: 0},
		{ID: 6, Name: "Rojas", ASCIIName: "Rojas", Latitude: -27.0, Longitude: -65.0, FeatureCode: "PPL", CountryCode: "AR", Admin1Code: "24", Population: 600},
		{ID: 7, Name: "Junín", ASCIIName: "Junin", Latitude: -34.58, Longitude: -60.94, FeatureCode: "PPLA2", CountryCode: "AR", Admin1Code: "01", Population: 85000},
		{ID: 8, Name: "Lobos", ASCIIName: "Lobos", Latitude: -35.18, Longitude: -59.09, FeatureCode: "PPLA2", CountryCode: "AR", Admin1Code: "01", Population: 30000},
		{ID: 9, Name: "Lobería", ASCIIName: "Loberia", Latitude: -38.16, Longitude: -58.78, FeatureCode: "PPLA2", CountryCode: "AR", Admin1Code: "01", Population: 13000},
		{ID: 10, Name: "South Haven", ASCIIName: "South Haven", Latitude: 42.40, Longitude: -86.27, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "MI", Population: 4400},
		{ID: 11, Name: "South Haven", ASCIIName: "South Haven", Latitude: 41.54, Longitude: -87.14, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "IN", Population: 5300},
		{ID: 12, Name: "Southaven", ASCIIName: "Southaven", Latitude: 34.99, Longitude: -90.01, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "MS", Population: 54000},
		{ID: 13, Name: "Breckenridge", ASCIIName: "Breckenridge", Latitude: 39.48, Longitude: -106.04, FeatureCode: "PPLA2", CountryCode: "US", Admin1Code: "CO", Population: 4900},
		{ID: 14, Name: "Breckenridge", ASCIIName: "Breckenridge", Latitude: 32.76, Longitude: -98.90, FeatureCode: "PPLA2", CountryCode: "US", Admin1Code: "TX", Population: 5500},
		{ID: 15, Name: "Brackenridge", ASCIIName: "Brackenridge", Latitude: 40.61, Longitude: -79.74, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "PA", Population: 3200},
		{ID: 16, Name: "Setagaya", ASCIIName: "Setagaya", Latitude: 35.64, Longitude: 139.65, FeatureCode: "PPLX", CountryCode: "JP", Admin1Code: "40", Population: 900000},
		{ID: 17, Name: "Setagaya", ASCIIName: "Setagaya", Latitude: 36.5, Longitude: 138.0, FeatureCode: "PPL", CountryCode: "JP", Admin1Code: "20", Population: 3000},
		// A world city and its smaller namesakes, given without a country.
		{ID: 18, Name: "Vancouver", ASCIIName: "Vancouver", Latitude: 45.64, Longitude: -122.66, FeatureCode: "PPLA2", CountryCode: "US", Admin1Code: "WA", Population: 172860},
		{ID: 19, Name: "Vancouver", ASCIIName: "Vancouver", Latitude: 49.25, Longitude: -123.12, FeatureCode: "PPL", CountryCode: "CA", Admin1Code: "02", Population: 600000},
		{ID: 20, Name: "Philadelphia", ASCIIName: "Philadelphia", Latitude: 39.95, Longitude: -75.16, FeatureCode: "PPLA2", CountryCode: "US", Admin1Code: "PA", Population: 1576251},
		{ID: 21, Name: "Amman", ASCIIName: "Amman", Latitude: 31.96, Longitude: 35.95, FeatureCode: "PPLC", CountryCode: "JO", Admin1Code: "16", Population: 1275857},
		// Two big namesakes of similar size: neither dominates.
		{ID: 22, Name: "Bigtown", ASCIIName: "Bigtown", Latitude: 40.0, Longitude: -100.0, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "NE", Population: 400000},
		{ID: 23, Name: "Bigtown", ASCIIName: "Bigtown", Latitude: 35.0, Longitude: -90.0, FeatureCode: "PPL", CountryCode: "US", Admin1Code: "TN", Population: 300000},
		// A country where most places are seats (Italy's comuni): the
		// municipality beats a bigger locality (frazione) of its name.
		{ID: 24, Name: "Villalba", ASCIIName: "Villalba", Latitude: 37.65, Longitude: 13.84, FeatureCode: "PPLA3", CountryCode: "IT", Admin1Code: "15", Population: 1689},
		{ID: 25, Name: "Villalba", ASCIIName: "Villalba", Latitude: 41.98, Longitude: 12.73, FeatureCode: "PPL", CountryCode: "IT", Admin1Code: "07", Population: 8831},
		{ID: 26, Name: "Roccasecca", ASCIIName: "Roccasecca", Latitude: 41.55, Longitude: 13.67, FeatureCode: "PPLA3", CountryCode: "IT", Admin1Code: "07", Population: 7000},
		{ID: 27, Name: "Sora", ASCIIName: "Sora", Latitude: 41.72, Longitude: 13.61, FeatureCode: "PPLA3", CountryCode: "IT", Admin1Code: "07", Population: 26000},
		{ID: 28, Name: "Atina", ASCIIName: "Atina", Latitude: 41.62, Longitude: 13.80, FeatureCode: "PPLA3", CountryCode: "IT", Admin1Code: "07", Population: 4400},
	}
	alts := make([][]string, len(places))
	alts[1] = []string{"City of Houston"}
	alts[20] = []string{"Philadelphia"} // Amman's historic name
	return gazetteer.New("rules", places, alts, nil)
}

// TestRankingRules checks the ranking and alias rules of issue 13 on a
// constructed gazetteer: want is the place id, 0 for no match, and reason
// the Result.Reason of an unmatched name.
func TestRankingRules(t *testing.T) {
	m := NewMatcher(ruleGazetteer(), nil)
	tests := []struct {
		name, country string
		want          int64
		reason        string
	}{
		// A government form that is only another place's alternate name
		// does not outrank a place's own name.
		{"City of Houston", "US", 1, ""},
		{"Houston", "US", 1, ""},
		// A section (PPLX) never beats a populated place of the name ...
		{"Arpino", "IT", 3, ""},
		{"Comune di Arpino", "IT", 3, ""},
		// ... unless the published name says district.
		{"Setagaya", "JP", 17, ""},
		{"Setagaya District", "JP", 16, ""},
		// Population 0 is unknown, not smallest: the partido seat wins.
		{"Rojas", "AR", 5, ""},
		// An exact but ambiguous name stays ambiguous, with no fuzzy
		// fallback to another name.
		{"South Haven", "US", 0, ReasonAmbiguous},
		{"Breckenridge", "US", 0, ReasonAmbiguous},
		// A city of 50,000+ with three times the population of every
		// far-away namesake dominates: it wins over a county seat ...
		{"Vancouver", "", 19, ""},
		// ... and over a capital that bears the name only as an
		// alternate (historic) one.
		{"Philadelphia", "", 20, ""},
		// Similar sizes stay ambiguous.
		{"Bigtown", "", 0, ReasonAmbiguous},
		// Where municipalities are seats, a seat beats a plain PPL.
		{"Villalba", "IT", 24, ""},
		// A name that names nothing may still be a typo.
		{"Brackenridgee", "US", 15, ""},
	}
	for _, tt := range tests {
		r := m.Resolve(tt.name, tt.country)
		if tt.want == 0 {
			if r.Match.Resolved() || r.Match.Method != citynets.MatchNone {
				t.Errorf("Resolve(%q) = %s %s (%s), want no match", tt.name, r.Match.PlaceID, r.Match.PlaceName, r.Match.Method)
			}
			if r.Reason != tt.reason || len(r.Candidates) < 2 {
				t.Errorf("Resolve(%q): reason %q with %d candidates, want %q with the namesakes", tt.name, r.Reason, len(r.Candidates), tt.reason)
			}
			for _, c := range r.Candidates {
				if c.Method == citynets.MatchFuzzy {
					t.Errorf("Resolve(%q): fuzzy candidate %s %s", tt.name, c.Name, c.Admin1Code)
				}
			}
			continue
		}
		if want := (&gazetteer.Place{ID: tt.want}).PlaceID(); r.Match.PlaceID != want {
			why := ""
			if len(r.Candidates) > 0 {
				why = r.Candidates[0].Why
			}
			t.Errorf("Resolve(%q) = %s %s/%s (%s), want %s", tt.name, r.Match.PlaceID, r.Match.PlaceName, r.Match.Admin1Code, why, want)
		}
		if r.Reason != "" {
			t.Errorf("Resolve(%q): reason %q on a match", tt.name, r.Reason)
		}
	}
}

// TestTypicalPopulation checks that an unknown population stands for a
// low but ordinary one of its kind, never for none.
func TestTypicalPopulation(t *testing.T) {
	m := NewMatcher(ruleGazetteer(), nil)
	seat := m.g.At(4) // Rojas, PPLA2, population 0
	if seat.Population != 0 {
		t.Fatalf("fixture: %+v", seat)
	}
	if got := m.pops.population(seat); got != 13000 {
		t.Errorf("population of an AR PPLA2 seat without one = %d, want 13000 (the 10th percentile of 13000, 30000, 85000)", got)
	}
	if got := m.pops.population(&gazetteer.Place{CountryCode: "ZZ", FeatureCode: "PPL"}); got != fallbackPopulation {
		t.Errorf("no known population of the kind: %d, want %d", got, fallbackPopulation)
	}
}
