package induce

import "testing"

func TestLooksLikeName(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Berlin", true},
		{"City of Newark, CA", true},
		{"St. Gallen", true},
		{"Freiburg im Breisgau", true},
		{"Ho Chi Minh City", true},
		{"Tel Aviv-Yafo", true},
		{"São Paulo", true},
		{"Home", false},
		{"Read more", false},
		{"Next »", false},
		{"Privacy Policy", false},
		{"X", false},
		{"2019", false},
		{"Title: Mayor", false},
		{"Last week the city joined. It pledged to act", false},
		{"Book your flight now and save 20 % today on every trip", false},
		{"Why join?", false},
	} {
		if got := looksLikeName(tt.s); got != tt.want {
			t.Errorf("looksLikeName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	ix := newIndex([]Known{{Name: "City of Newark, CA"}, {Name: "Zürich", Country: "Switzerland"}, {Name: "Bogotá"}, {Name: "Cape Town"}})
	for _, tt := range []struct {
		text  string
		ok    bool
		split sep
	}{
		{"City of Newark, CA", true, sepNone},
		{"Newark, CA", true, sepNone},
		{"City of Newark, CA, United States", true, sepComma},
		{"ZURICH", true, sepNone},
		{"Zurich (Switzerland)", true, sepParen},
		{"Bogota – Colombia", true, sepDash},
		{"City of Cape Town", true, sepNone},
		{"Cape Town | South Africa", true, sepPipe},
		{"Capetown", false, sepNone},
		{"Cape Town Heights", false, sepNone},
	} {
		m, ok := ix.lookup(tt.text)
		if ok != tt.ok || ok && m.split != tt.split {
			t.Errorf("lookup(%q) = %+v %v, want ok %v split %v", tt.text, m, ok, tt.ok, tt.split)
		}
	}
}
