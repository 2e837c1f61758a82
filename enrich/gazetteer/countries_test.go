package gazetteer

import "testing"

func TestLookupCountry(t *testing.T) {
	tests := []struct{ in, want string }{
		{"United States", "US"},
		{"USA", "US"},
		{"United States of America", "US"},
		{"us", "US"},
		{"UK", "GB"},
		{"United Kingdom", "GB"},
		{"England", "GB"},
		{"Korea, Republic of", "KR"},
		{"Republic of Korea", "KR"},
		{"South Korea", "KR"},
		{"Türkiye", "TR"},
		{"Turkey", "TR"},
		{"Côte d'Ivoire", "CI"},
		{"Cote d’Ivoire", "CI"},
		{"Ivory Coast", "CI"},
		{"Brasil", "BR"},
		{"BRA", "BR"},
		{"Viet Nam", "VN"},
		{"Congo, Democratic Republic of the", "CD"},
		{"Iran, Islamic Republic of", "IR"},
		{"Netherlands, The", "NL"},
		{"Kosovo", "XK"},
		{" Germany ", "DE"},
	}
	for _, tt := range tests {
		got, ok := LookupCountry(tt.in)
		if !ok || got != tt.want {
			t.Errorf("LookupCountry(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "Atlantis", "ZZ", "XYZ"} {
		if got, ok := LookupCountry(bad); ok {
			t.Errorf("LookupCountry(%q) = %q, want no match", bad, got)
		}
	}
}

func TestCountryTable(t *testing.T) {
	seen2, seen3 := map[string]bool{}, map[string]bool{}
	for _, c := range Countries() {
		if len(c.ISO2) != 2 || len(c.ISO3) != 3 || c.Name == "" {
			t.Errorf("bad entry %+v", c)
		}
		if seen2[c.ISO2] || seen3[c.ISO3] {
			t.Errorf("duplicate code in %+v", c)
		}
		seen2[c.ISO2], seen3[c.ISO3] = true, true
		if got, ok := LookupCountry(c.Name); !ok || got != c.ISO2 {
			t.Errorf("LookupCountry(%q) = %q, want %q", c.Name, got, c.ISO2)
		}
	}
	if len(seen2) < 249 {
		t.Errorf("%d countries, want every ISO 3166-1 code", len(seen2))
	}
	if CountryName("ci") != "Côte d'Ivoire" || CountryName("ZZ") != "" {
		t.Error("CountryName")
	}
}

func TestAdmin1Abbrev(t *testing.T) {
	tests := []struct{ cc, abbr, want string }{
		{"CA", "AB", "01"}, {"CA", "QC", "10"}, {"AU", "NSW", "02"}, {"BR", "SP", "27"},
		{"MX", "JAL", "14"}, {"US", "CA", ""}, {"CA", "ZZ", ""},
	}
	for _, tt := range tests {
		if got := Admin1Abbrev(tt.cc, tt.abbr); got != tt.want {
			t.Errorf("Admin1Abbrev(%s, %s) = %q, want %q", tt.cc, tt.abbr, got, tt.want)
		}
	}
}
