package scrapers

import (
	"testing"

	"github.com/citynets/citynets"
)

// TestSplitCountry checks where a name published with its country is cut:
// at the last separator, keeping a state code in the name, and never into
// a country that is not one.
func TestSplitCountry(t *testing.T) {
	tests := []struct {
		name, country         string // as read
		wantName, wantCountry string
	}{
		{"City of Newark, CA, United States", "", "City of Newark, CA", "United States"},
		{"City of Newark, CA", "United States", "City of Newark, CA", "United States"},
		{"City of Newark, CA, United States", "United States", "City of Newark, CA", "United States"},
		{"City of Newark, CA, United  States", "united states", "City of Newark, CA", "united states"},
		{"City of Surabaya, Indonesia", "", "City of Surabaya", "Indonesia"},
		{"Ansan City, Republic of Korea", "", "Ansan City", "Republic of Korea"},
		{"Village of Mount Kisco, NY, United States", "", "Village of Mount Kisco, NY", "United States"},
		{"City of Newark, CA", "", "City of Newark, CA", ""},               // a state code is no country
		{"Washington, DC", "", "Washington, DC", ""},                       // nor is DC
		{"Sydney, NSW", "", "Sydney, NSW", ""},                             // nor a three-letter code
		{"Tshwane, City of", "", "Tshwane, City of", ""},                   // a name turned round
		{"Dhaka (North & South)", "", "Dhaka (North & South)", ""},         // no separator
		{"Hong Kong, China", "Hong Kong", "Hong Kong, China", "Hong Kong"}, // another country was read: keep the name
		{", United States", "", ", United States", ""},                     // nothing before it: left alone
		{"City of Madison, WI, 2019", "", "City of Madison, WI, 2019", ""}, // digits are no country
		{"Kalyan Dombivali Municipal Corporation, India", "", "Kalyan Dombivali Municipal Corporation", "India"},
	}
	for _, tt := range tests {
		m := citynets.Member{Name: tt.name, CountryPublished: tt.country}
		splitCountry(&m, ",")
		if m.Name != tt.wantName || m.CountryPublished != tt.wantCountry {
			t.Errorf("splitCountry(%q, %q) = %q, %q; want %q, %q", tt.name, tt.country, m.Name, m.CountryPublished, tt.wantName, tt.wantCountry)
		}
	}
	m := citynets.Member{Name: "City of Newark, CA, United States"}
	if splitCountry(&m, ""); m.Name != "City of Newark, CA, United States" {
		t.Errorf("without a separator the name changed: %q", m.Name)
	}
}

func TestTrimSeparators(t *testing.T) {
	tests := []struct{ in, want string }{
		{"City of Newark, CA,", "City of Newark, CA"},
		{", United States", "United States"},
		{" ; Canada ; ", "Canada"},
		{"Washington, DC", "Washington, DC"},
		{"Tel Aviv – Yafo", "Tel Aviv – Yafo"},
		{",", ""},
	}
	for _, tt := range tests {
		if got := trimSeparators(tt.in); got != tt.want {
			t.Errorf("trimSeparators(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
