package enrich

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/enrich/gazetteer"
)

// TestResolve runs published names through the default gazetteer. want is
// the GeoNames id (0 = must stay unmatched); method, when set, the match
// method.
func TestResolve(t *testing.T) {
	tests := []struct {
		name, country string
		want          int64
		method        string
	}{
		// ICLEI's members search (shared/sites/README.md).
		{"City of Newark, CA", "United States", 5376803, "exact"}, // California, not New Jersey
		{"City of Edmonton, AB", "Canada", 5946768, "exact"},
		{"Kalyan Dombivali Municipal Corporation", "India", 1268295, "exact"},
		{"Village of Mount Kisco, NY", "United States", 5127744, "exact"},
		{"Municipality of Teresina", "Brazil", 3386496, "exact"},
		{"City of Surabaya", "Indonesia", 1625822, "exact"},
		{"City of Madison, WI", "United States", 5261457, "exact"},
		{"City of Pittsburgh, PA", "United States", 5206379, "exact"},
		{"Tenali Municipal Corporation", "India", 0, ""}, // not in cities1000: no guess
		// Metropolitan and regional bodies geocode to their core city.
		{"Métropole du Grand Paris", "France", 2988507, "exact"},
		{"Greater Manchester Combined Authority", "United Kingdom", 2643123, "exact"},
		{"Città metropolitana di Torino", "Italy", 3165524, ""},
		{"Área Metropolitana de Barcelona", "Spain", 3128760, "exact"},
		{"Antalya Metropolitan Municipality", "Türkiye", 323777, "exact"},
		{"Gauteng", "South Africa", 993800, "override"},
		// Government forms in other languages.
		{"Prefeitura Municipal de Curitiba", "Brazil", 3464975, "exact"},
		{"Ajuntament de València", "Spain", 2509954, "exact"},
		{"Commune de DOUR", "Belgium", 2799226, "exact"},
		{"Stadt Wien", "Austria", 2761369, "alias"},
		{"Linköpings kommun", "Sweden", 2694762, "exact"},
		{"Roma Capitale", "Italy", 3169070, "alias"},
		{"Bangkok Metropolitan Administration", "Thailand", 1609350, "exact"},
		// Real members' names (shared/sites/real/lists: C40's CDP list of
		// 2016, Metropolis's membership events).
		{"Bogotá Distrito Capital", "Colombia", 3688689, "exact"},
		{"Government of Hong Kong Special Administrative Region", "Hong Kong", 1819729, "exact"},
		{"Mayoralty of Baghdad", "Iraq", 98182, "exact"},
		{"Región Metropolitana de Santiago", "Chile", 3871336, "exact"},
		{"Prefeitura Campinas", "Brazil", 3467865, "exact"},
		{"Municipality of the Tourist Resort of Olímpia", "Brazil", 3455923, "exact"},
		{"Prefeitura da Estância Turística de Embu das Artes", "Brazil", 3464305, "alias"},
		{"Alcaldía Metropolitana de Lima", "Peru", 3936456, "exact"},
		{"District Council of Yankalilla", "Australia", 2057532, "exact"},
		{"People's Government of Shenzhen", "China", 1795565, "exact"},
		// Greek municipalities: the name in the genitive.
		{"Δήμος Καλαμάτας", "Greece", 261604, "alias"},
		{"Dimos Kalamatas", "Greece", 261604, "alias"},
		// What a list left of a government form it cut off.
		{"and of Boston", "United States", 4930956, "exact"},
		{"People's of Shenzhen", "China", 1795565, "exact"},
		{"do Porto", "Portugal", 2735943, "exact"},
		// Names cut short after an article: completed only when one
		// name of the country begins so.
		{"Sant Cugat del", "Spain", 3110718, "fuzzy"},
		{"ALCALA LA", "Spain", 2522160, "fuzzy"}, // LA, an article, is not La Rioja's abbreviation
		{"San Martín de", "Spain", 0, ""},
		// Hints: "Name, ST", parentheses, a trailing country or year.
		{"Kanazawa City (Ishikawa Prefecture)", "Japan", 1860243, ""},
		{"Portland City, OR", "United States", 5746545, "exact"},
		{"Brownsville TX", "United States", 4676740, "exact"},
		{"San Pietro Viminario (PD) Italy", "IT", 3167810, "exact"},
		{"Sant'Agata sul Santerno 2030", "Italy", 3167643, "exact"},
		{"Leon, Spain", "", 3118532, "exact"},
		{"Reno, NY", "United States", 0, ""}, // no Reno in New York: not Reno, Nevada
		// A prefecture's or county's abbreviation that no table knows,
		// read by its letters: TOK is Tokyo or Tokushima, AG is Argeș.
		{"Hachioji, TOK", "Japan", 1863440, "exact"},
		{"Takasaki, TOK", "Japan", 0, ""},      // Takasaki lies in Gunma
		{"Takasaki, NA", "Japan", 1851002, ""}, // R's missing value, not a hint
		{"Pitesti AG", "Romania", 670609, "exact"},
		// A state named after the name without a comma, read only when
		// the whole name names nothing.
		{"Victoria Entre Ríos", "Argentina", 3832934, "exact"},
		{"Springfield Illinois", "United States", 4250542, "exact"},
		{"Santiago del Estero", "Argentina", 3835869, "exact"}, // the city, named like its province
		{"Krakow, PL", "Poland", 3094802, "exact"},             // the country's own code
		{"Krakow, POL", "Poland", 3094802, "exact"},            // in ISO3 too
		{"Krung Thep (Bangkok)", "Thailand", 1609350, "alias"},
		{"Bruxelles/Brussel", "Belgium", 2800866, "alias"},
		{"Bamenda II", "Cameroon", 2234974, "exact"},
		// Broken encodings.
		{"Ã–stersund", "Sweden", 2685750, "exact"},
		// Nordic genitives: with the government word or without it.
		{"Ystads", "SE", 2662149, "exact"},
		{"Borås", "SE", 2720501, "exact"}, // a name ending in s stays whole
		{"Espoon kaupunki", "FI", 660158, "exact"},
		{"Rīgas pilsēta", "LV", 456172, "exact"},          // Latvian genitive, as Nordic
		{"Debreceni Önkormányzat", "HU", 721472, "exact"}, // Hungarian adjective
		{"Bucha AC", "UA", 711350, "exact"},               // amalgamated community
		{"Irpin ATC", "UA", 707565, "exact"},
		// Government forms: a district municipality of British Columbia,
		// a city in Spanish word order, a metropolitan area.
		{"The Corporation of Delta", "CA", 5937615, "exact"},
		{"Mendoza Ciudad", "AR", 3844421, "exact"},
		{"Chennai Area", "IN", 1264527, "exact"},
		{"GradiÅ¡ka", "Bosnia and Herzegovina", 3203656, "exact"}, // its own name in GeoNames 2023, an alternate one in 2013
		{"S<c3><a3>o Paulo", "Brazil", 3448439, "exact"},
		{`\u00c1vila`, "ES", 3129136, "exact"},
		{"Bogot&aacute;", "Colombia", 3688689, "exact"},
		{`A Coru\303\261a`, "ES", 3119841, "exact"},              // octal byte escapes
		{"Åšwinoujście", "PL", 3083955, "exact"},                 // mojibake of "Ś" only
		{"Å ibenik", "HR", 3190941, "exact"},                     // the no-break space of "Š" became a space
		{"Bia?ystok", "PL", 776069, "fuzzy"},                     // "ł" lost to "?"
		{"Cornell<U+0300> de Llobregat", "ES", 3124569, "fuzzy"}, // "à" lost to an escape
		{"Which?", "US", 0, ""},                                  // a question mark, not a lost letter
		// Country aliases and codes.
		{"Seoul", "Korea, Republic of", 1835848, "exact"},
		{"Istanbul", "Türkiye", 745044, "exact"},
		{"Abidjan", "Côte d'Ivoire", 2293538, "exact"},
		{"Newark", "USA", 5101798, "exact"},
		{"Washington", "US", 4140963, "exact"}, // the capital (its own name in GeoNames 2023), not a small town named Washington
		// Fuzzy, conservatively.
		{"Chengdou", "China", 1815286, "fuzzy"},
		{"Sante Fe, NM", "United States", 5490263, "fuzzy"},
		// Never a guess.
		{"Council, Twin Cities", "United States", 0, ""},
		{"Iowa", "United States", 0, ""}, // the state, not Iowa, Louisiana
		{"Xyzzyville", "", 0, ""},
		{"", "France", 0, ""},
		{"City of", "United States", 0, ""},
	}
	m := testMatcher(t)
	for _, tt := range tests {
		r := m.Resolve(tt.name, tt.country)
		got := r.Match
		if tt.want == 0 {
			if got.Resolved() || got.Method != citynets.MatchNone {
				t.Errorf("Resolve(%q, %q) = %s %s (%s), want no match", tt.name, tt.country, got.PlaceID, got.PlaceName, got.Method)
			}
			continue
		}
		if want := "geonames:" + strconv.FormatInt(tt.want, 10); got.PlaceID != want {
			why := ""
			if len(r.Candidates) > 0 {
				why = r.Candidates[0].Why
			}
			t.Errorf("Resolve(%q, %q) = %q %s (%s; %s), want %s", tt.name, tt.country, got.PlaceID, got.PlaceName, got.Method, why, want)
			continue
		}
		if tt.method != "" && got.Method != tt.method {
			t.Errorf("Resolve(%q, %q) method = %s, want %s", tt.name, tt.country, got.Method, tt.method)
		}
		if got.Score <= minScore-0.001 || got.Score > 1 {
			t.Errorf("Resolve(%q, %q) score = %v", tt.name, tt.country, got.Score)
		}
		if len(r.Candidates) == 0 || r.Candidates[0].PlaceID != got.PlaceID {
			t.Errorf("Resolve(%q, %q): Candidates[0] is not the match", tt.name, tt.country)
		}
		if got.PlaceName == "" || got.CountryCode == "" || (got.Latitude == 0 && got.Longitude == 0) {
			t.Errorf("Resolve(%q, %q): incomplete match %+v", tt.name, tt.country, got)
		}
	}
}

func TestResolveCountry(t *testing.T) {
	m := testMatcher(t)
	tests := []struct{ name, country, want string }{
		{"Paris", "France", "FR"},
		{"Paris", "FRA", "FR"},
		{"Leon, Spain", "", "ES"},
		{"Springfield", "Atlantis", ""},
	}
	for _, tt := range tests {
		if got := m.Resolve(tt.name, tt.country).Country; got != tt.want {
			t.Errorf("Resolve(%q, %q).Country = %q, want %q", tt.name, tt.country, got, tt.want)
		}
	}
}

// TestResolveExplains checks that an ambiguous name keeps its runner-ups
// and says why it stayed unmatched.
func TestResolveExplains(t *testing.T) {
	m := testMatcher(t)
	r := m.Resolve("Reno, NY", "United States")
	if r.Match.Resolved() || len(r.Candidates) == 0 {
		t.Fatalf("Reno, NY: %+v", r)
	}
	if !strings.Contains(r.Candidates[0].Why, "hint disagrees") {
		t.Errorf("Reno, NY: why = %q", r.Candidates[0].Why)
	}
	r = m.Resolve("Newark", "United States")
	if len(r.Candidates) < 3 {
		t.Fatalf("Newark: %d candidates", len(r.Candidates))
	}
	for i := 1; i < len(r.Candidates); i++ {
		if r.Candidates[i].Score > r.Candidates[0].Score {
			t.Errorf("Newark: runner-up %d scores above the match: %+v", i, r.Candidates)
		}
	}
}

// TestResolveHistoricNeverMatches builds a gazetteer that still holds a
// historic place (New keeps what it is given) and checks the matcher
// never returns it, however prominent.
func TestResolveHistoricNeverMatches(t *testing.T) {
	places := []gazetteer.Place{
		{ID: 1, Name: "Teresina", ASCIIName: "Teresina", Latitude: -5.09, Longitude: -42.8, FeatureCode: "PPLA", CountryCode: "BR", Admin1Code: "20", Population: 744512},
		{ID: 2, Name: "Teresina Velha", ASCIIName: "Teresina Velha", Latitude: -6, Longitude: -42, FeatureCode: "PPLQ", CountryCode: "BR", Admin1Code: "20", Population: 9000000},
		{ID: 3, Name: "Atlantis", ASCIIName: "Atlantis", Latitude: 1, Longitude: 1, FeatureCode: "PPLH", CountryCode: "BR", Population: 9000000},
		{ID: 4, Name: "Old Capital", ASCIIName: "Old Capital", Latitude: 2, Longitude: 2, FeatureCode: "PPLCH", CountryCode: "BR", Population: 9000000},
		{ID: 5, Name: "Drowned", ASCIIName: "Drowned", Latitude: 3, Longitude: 3, FeatureCode: "PPLW", CountryCode: "BR", Population: 9000000},
	}
	alts := [][]string{nil, {"Teresina"}, nil, {"Teresina"}, {"Atlantis"}}
	g := gazetteer.New("test", places, alts, nil)
	m := NewMatcher(g, nil)
	for _, tt := range []struct {
		name string
		want string
	}{
		{"Teresina", "geonames:1"},
		{"Municipality of Teresina", "geonames:1"},
		{"Atlantis", ""},
		{"Old Capital", ""},
		{"Drowned", ""},
		{"Teresina Velha", ""},
	} {
		for _, cc := range []string{"Brazil", ""} {
			if got := m.Resolve(tt.name, cc).Match.PlaceID; got != tt.want {
				t.Errorf("Resolve(%q, %q) = %q, want %q", tt.name, cc, got, tt.want)
			}
		}
	}
}

// TestResolveConcurrent resolves from several goroutines at once (run
// with -race): a Matcher is shared by a whole run.
func TestResolveConcurrent(t *testing.T) {
	m := testMatcher(t)
	names := [][2]string{{"Chengdou", "China"}, {"City of Newark, CA", "US"}, {"Kalyan Dombivali", "India"}, {"Paris", "France"},
		{"Kent County Council", "GB"}, {"Sant Cugat del", "ES"}, {"Bia?ystok", "PL"}, {"Hachioji, TOK", "JP"}}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = m.Resolve(n[0], n[1]).Match.PlaceID
	}
	done := make(chan error)
	for g := 0; g < 4; g++ {
		go func() {
			var err error
			for i := 0; i < 50; i++ {
				n := names[(g+i)%len(names)]
				if got := m.Resolve(n[0], n[1]).Match.PlaceID; got != want[(g+i)%len(names)] {
					err = fmt.Errorf("%s: %s, want %s", n[0], got, want[(g+i)%len(names)])
				}
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
