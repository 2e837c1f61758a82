package enrich

import (
	"slices"
	"testing"
)

func TestNominatives(t *testing.T) {
	tests := []struct {
		key, why string
		want     []string
	}{
		{"linkopings", "suffix kommun", []string{"linkoping"}},
		{"vantaan", "suffix kaupunki", []string{"vantaa"}},
		{"παργασ", "prefix δημοσ", []string{"παργα"}},
		{"ηρακλειου", "prefix δημοσ", []string{"ηρακλειοσ", "ηρακλειο"}},
		{"kalamatas", "prefix dimos", []string{"kalamata"}},
		{"paris", "prefix ville de", nil},  // no genitive after this word
		{"oslo", "suffix kommune", nil},    // no genitive ending to strip
		{"stockholms", "suffix city", nil}, // a word that takes no genitive
	}
	for _, tt := range tests {
		if got := nominatives(tt.key, tt.why); !slices.Equal(got, tt.want) {
			t.Errorf("nominatives(%q, %q) = %q, want %q", tt.key, tt.why, got, tt.want)
		}
	}
}
