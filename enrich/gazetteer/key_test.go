package gazetteer

import (
	"slices"
	"testing"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"São Paulo", "sao paulo"},
		{"SAO-PAULO", "sao paulo"},
		{"  Sao   Paulo ", "sao paulo"},
		{"Bogotá, D.C.", "bogota d c"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Søborg", "soborg"},
		{"İstanbul", "istanbul"},
		{"Tel Aviv – Yafo", "tel aviv yafo"},
		{"Hawaiʻi", "hawaii"},
		{"ﬁnca", "finca"},  // NFKC ligature
		{"Ｔｏｋｙｏ", "tokyo"}, // fullwidth
		{"Москва", "москва"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Vasyl’kiv", []string{"vasyl kiv", "vasylkiv"}},
		{"Sant'Agata", []string{"sant agata", "santagata"}},
		{"Paris", []string{"paris"}},
	}
	for _, tt := range tests {
		if got := Keys(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Keys(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeepAlternate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"EWR", false},
		{"KJFK", false},
		{"http://en.wikipedia.org/wiki/Newark", false},
		{"www.example.org", false},
		{"10549", false},
		{"NYC", false},
		{"Dacca", true},
		{"Ньюарк", true},
		{"Mujib City", true},
		{"LAX Town", true},
	}
	for _, tt := range tests {
		if got := KeepAlternate(tt.in); got != tt.want {
			t.Errorf("KeepAlternate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func BenchmarkKeyASCII(b *testing.B) {
	for b.Loop() {
		Key("City of Newark, CA")
	}
}

func BenchmarkKeyUnicode(b *testing.B) {
	for b.Loop() {
		Key("Município de São José dos Campos")
	}
}
