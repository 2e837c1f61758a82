package enrich

import "testing"

func TestAbbreviates(t *testing.T) {
	tests := []struct {
		abbr, key string
		want      bool
	}{
		{"hrs", "hiroshima", true},
		{"tok", "tokyo", true},
		{"tok", "tokushima", true},
		{"fkk", "fukuoka", true},
		{"fkk", "fukushima", false}, // one k
		{"ag", "arges", true},
		{"rs", "hiroshima", false}, // the first letters must agree
		{"", "tokyo", false},
		{"t", "", false},
	}
	for _, tt := range tests {
		if got := abbreviates(tt.abbr, tt.key); got != tt.want {
			t.Errorf("abbreviates(%q, %q) = %v, want %v", tt.abbr, tt.key, got, tt.want)
		}
	}
}
