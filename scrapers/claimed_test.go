package scrapers

import (
	"strings"
	"testing"
)

// TestClaimAcrossElements checks that a claimed count is read with element
// boundaries as spaces, wherever the sentence is split, and that a claim
// the spec expects and the page does not state is noted.
func TestClaimAcrossElements(t *testing.T) {
	const spec = "id: t\nvariants:\n  - name: v\n    sources:\n      - name: s\n        start: ['https://t/']\n" +
		"        claimed: {pattern: 'C40 has (\\d+) member cities'}\n        items: li\n        fields: {name: {}}\n"
	tests := []struct {
		name, page string
		want       int // -1: no claim, and a note
	}{
		{"one element", `<p>C40 has 97 member cities</p><li>Accra</li>`, 97},
		{"adjacent elements", `<p><b>C40 has</b><span>97</span><i>member cities</i></p><li>Accra</li>`, 97},
		{"adjacent blocks", `<div>C40 has</div><div>97</div><div>member cities</div><li>Accra</li>`, 97},
		{"nested and line breaks", "<h2><span>C40 has</span><br><strong><em>97</em></strong>\n<span>member cities</span></h2><li>Accra</li>", 97},
		{"a script between is not text", `<p><b>C40 has</b><script>var x = "1";</script><span>97</span><i>member cities</i></p><li>Accra</li>`, 97},
		{"digits split by markup still read", `<p>C40 has 9<span>7</span> member cities</p><li>Accra</li>`, 97},
		{"redesigned away", `<p>Our member cities</p><li>Accra</li>`, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := scrape(t, spec, pages{"https://t/": tt.page})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Claimed(); got != tt.want {
				t.Errorf("claimed = %d, want %d (notes %q)", got, tt.want, r.Notes)
			}
			note := "source s: claimed count expected (pattern \"C40 has (\\\\d+) member cities\") but not found on https://t/"
			noted := false
			for _, n := range r.Notes {
				noted = noted || n == note
			}
			if noted != (tt.want < 0) {
				t.Errorf("notes %q: want the note %q only when the claim is missing", r.Notes, note)
			}
		})
	}
}

func TestMissingClaimWording(t *testing.T) {
	tests := []struct {
		c    Claimed
		want string
	}{
		{Claimed{Field: Field{Pattern: `has (\d+)`}}, `claimed count expected (pattern "has (\\d+)") but not found on https://t/`},
		{Claimed{Field: Field{Select: ".count", Pattern: `(\d+)`}}, `claimed count expected (selector ".count", pattern "(\\d+)") but not found on https://t/`},
		{Claimed{}, `claimed count expected (the page's text) but not found on https://t/`},
	}
	for _, tt := range tests {
		if got := missingClaim(&tt.c, "https://t/"); got != tt.want || !strings.HasPrefix(got, ClaimNotFound) {
			t.Errorf("missingClaim = %s, want %s", got, tt.want)
		}
	}
}
