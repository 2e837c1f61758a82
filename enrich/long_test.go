package enrich

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// nameCap is the longest member name the scrapers pass on; the matcher
// must stay fast at it without truncating anything itself.
const nameCap = 1000

// hugeLen is the size of the hostile name that once took a run 133 s.
const hugeLen = 400 << 10

// longName repeats pattern until the name is exactly n characters long.
func longName(pattern string, n int) string {
	reps := n/utf8.RuneCountInString(pattern) + 1
	r := []rune(strings.Repeat(pattern, reps))
	return string(r[:n])
}

// longNames are the shapes of overlong names that each stress one part of
// the matcher: many words of real neighbouring places (twin splits), many
// government words (stripping), many alternatives, hints and articles
// (parsing), unclosed escapes (repair) and non-Latin text (folding).
var longNames = []struct {
	name, pattern, country string
}{
	{"twin-words", "Heusden Zolder Genk Hasselt Lommel Beringen ", "Belgium"},
	{"gov-words", "City of Municipality of Ville de ", "United States"},
	{"gov-suffixes", "Kalyan Dombivali Municipal Corporation City Council ", "India"},
	{"alternatives", "Bolzano/Bozen/Brixen/Meran/", "Italy"},
	{"hints", "Lafayette, LA, IN, CA, ", ""},
	{"articles", "Piles, Les, L', El, ", "Spain"},
	{"parens", "Krung Thep (Bangkok) [Thonburi] ", "Thailand"},
	{"angle-escapes", "<<U+00<c3", "France"},
	{"backslash-escapes", `S\u00e3o \u `, "Brazil"},
	{"entities", "S&atilde;o &amp; &#233", "Brazil"},
	{"mojibake", "Ã–stersund GradiÅ¡ka ", "Sweden"},
	{"devanagari", "कल्याण डोंबिवली महानगरपालिका ", "India"},
	{"one-word", "a", "Germany"},
}

// TestResolveLongNames checks that overlong names resolve to something
// sane: no panic, a known method, and a score in range. Speed is measured
// by BenchmarkMatchLongName and BenchmarkMatchHugeName, not here.
func TestResolveLongNames(t *testing.T) {
	m := testMatcher(t)
	for _, tt := range longNames {
		for _, n := range []int{nameCap, 20 << 10} {
			name := longName(tt.pattern, n)
			r := m.Resolve(name, tt.country)
			switch r.Match.Method {
			case "none", "exact", "alias", "fuzzy", "override":
			default:
				t.Errorf("%s/%d: method %q", tt.name, n, r.Match.Method)
			}
			if r.Match.Score < 0 || r.Match.Score > 1 {
				t.Errorf("%s/%d: score %v", tt.name, n, r.Match.Score)
			}
			if len(r.Candidates) > maxCandidates {
				t.Errorf("%s/%d: %d candidates", tt.name, n, len(r.Candidates))
			}
		}
	}
}

// TestFormsBounded checks that a name made of government words does not
// yield one form per word.
func TestFormsBounded(t *testing.T) {
	m := testMatcher(t)
	fs := m.forms(parse(longName("City of ", nameCap)+"Newark"), "US")
	if len(fs) > maxForms {
		t.Errorf("%d forms, want at most %d", len(fs), maxForms)
	}
}

// BenchmarkMatchLongName resolves names of exactly nameCap characters
// (target: under 5 ms each).
func BenchmarkMatchLongName(b *testing.B) {
	benchLong(b, nameCap)
}

// BenchmarkMatchHugeName resolves 400 KB names, far past the cap: the
// matcher is linear, so this costs about 400 times the capped name.
func BenchmarkMatchHugeName(b *testing.B) {
	benchLong(b, hugeLen)
}

func benchLong(b *testing.B, n int) {
	m := testMatcher(b)
	for _, tt := range longNames {
		name := longName(tt.pattern, n)
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Resolve(name, tt.country)
			}
		})
	}
}
