package enrich

import (
	"slices"
	"testing"
)

func TestMarkLost(t *testing.T) {
	tests := []struct {
		in, want string
		marked   bool
	}{
		{"Gradi?ka", "Gradiʬka", true},
		{"Algatoc??n", "Algatocʬʬn", true},
		{"?vila", "ʬvila", true},
		{"Pallej<U+0320>", "Palleja"[:6] + "ʬ", true},
		{"Lli<U+0324><U+0320> d'Amunt", "Lliʬʬ d'Amunt", true},
		{"M\uFFFDnster", "Mʬnster", true},
		{"Which?", "Which?", false},             // a question mark after a word
		{"Is it ? here", "Is it ? here", false}, // on its own
		{"<U+00E9>vora", "<U+00E9>vora", false}, // an escape of a letter, not a mark
		{"Évora", "Évora", false},
	}
	for _, tt := range tests {
		got, marked := markLost(tt.in)
		if got != tt.want || marked != tt.marked {
			t.Errorf("markLost(%q) = %q, %v; want %q, %v", tt.in, got, marked, tt.want, tt.marked)
		}
	}
}

func TestLostPattern(t *testing.T) {
	tests := []struct {
		key, prefix string
		match, miss []string
	}{
		{"algatocʬʬn", "algatoc", []string{"algatocin", "algatocxyn"}, []string{"algatocn", "algatocxyzn", "algatoc n"}},
		{"ʬvila", "", []string{"avila"}, []string{"vila", "a vila"}},
		{"a.bʬ", "a.b", []string{"a.bc"}, []string{"axbc"}}, // the literal text is quoted
	}
	for _, tt := range tests {
		re, prefix, ok := lostPattern(tt.key)
		if !ok || prefix != tt.prefix {
			t.Errorf("lostPattern(%q) prefix %q, ok %v; want %q", tt.key, prefix, ok, tt.prefix)
			continue
		}
		for _, k := range tt.match {
			if !re.MatchString(k) {
				t.Errorf("lostPattern(%q) does not match %q", tt.key, k)
			}
		}
		for _, k := range tt.miss {
			if re.MatchString(k) {
				t.Errorf("lostPattern(%q) matches %q", tt.key, k)
			}
		}
	}
	if _, _, ok := lostPattern("no marks"); ok {
		t.Error("lostPattern of a key without marks is ok")
	}
}

func TestRestoreNoBreakSpace(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Å odolovci", "Šodolovci", true},
		{"San Ä iljan", "San Ġiljan", true},
		{"Å i Lofoten", "Ši Lofoten", true}, // only ever tried when the name as written names nothing
		{"Saint Ã©", "Saint Ã©", false},
		{"Plain name", "Plain name", false},
	}
	for _, tt := range tests {
		got, ok := restoreNoBreakSpace(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("restoreNoBreakSpace(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestLostOnlyAsLastResort checks that a name that resolves as written is
// never read as having lost letters, and that a pattern that fits too
// many keys resolves nothing.
func TestLostOnlyAsLastResort(t *testing.T) {
	m := testMatcher(t)
	if r := m.Resolve("Paris?", "FR"); r.Match.PlaceID != "geonames:2988507" || r.Match.Method != "exact" {
		t.Errorf("Paris? = %s (%s), want Paris by its name", r.Match.PlaceID, r.Match.Method)
	}
	if got := m.lostKeys("saʬ", "ES"); got != nil {
		t.Errorf("lostKeys(saʬ) = %d keys, want none (too little is left)", len(got))
	}
	var fits []string
	for _, ki := range m.lostKeys("bialʬstok", "PL") {
		fits = append(fits, m.g.KeyAt(int(ki)))
	}
	if !slices.Contains(fits, "bialystok") || slices.Contains(fits, "bialstok") {
		t.Errorf("lostKeys(bialʬstok) = %q, want bialystok among them", fits)
	}
}
