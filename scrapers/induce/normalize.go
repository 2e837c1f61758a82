package induce

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// clean collapses white space (including no-break spaces) and trims, as the
// spec engine does with every value it reads.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// isClean is true when clean would return s unchanged: the common case,
// checked without allocating.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prev := byte('x')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c < ' ' || c == ' ' && prev == ' ' {
			return false
		}
		prev = c
	}
	return true
}

// fold is the key two spellings of one name share: NFKD with the
// diacritics dropped, case-folded, every run of punctuation and space one
// space. "Saint-Étienne" and "saint etienne" fold alike.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = cases.Fold().String(norm.NFKD.String(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// govPrefixes are leading government-form words, folded, that a site may
// add to or drop from a member's name ("City of Newark" for "Newark").
var govPrefixes = []string{
	"the city of ", "city and county of ", "city of ", "town of ", "village of ",
	"borough of ", "county of ", "district of ", "municipality of ",
	"metropolitan municipality of ", "province of ", "region of ", "state of ",
	"city council of ", "municipal council of ", "government of ",
	"ville de ", "ville d ", "commune de ", "comune di ", "citta di ",
	"municipio de ", "municipalidad de ", "prefeitura de ", "ayuntamiento de ",
	"prefeitura municipal de ", "stadt ", "landeshauptstadt ", "gemeente ",
	"gemeinde ", "mairie de ", "cidade de ", "ciudad de ",
}

// govSuffixes are trailing government-form words, folded.
var govSuffixes = []string{
	" city council", " municipal council", " metropolitan municipality",
	" municipality", " city government", " municipal corporation",
}

// stripGov removes one leading or trailing government-form word from a
// folded name; it returns "" when there is none.
func stripGov(f string) string {
	for _, p := range govPrefixes {
		if strings.HasPrefix(f, p) && len(f) > len(p) {
			return f[len(p):]
		}
	}
	for _, s := range govSuffixes {
		if strings.HasSuffix(f, s) && len(f) > len(s) {
			return f[:len(f)-len(s)]
		}
	}
	return ""
}

// sep is how a page joins a name and its country in one text.
type sep int

const (
	sepNone  sep = iota
	sepComma     // "Newark, United States"; the last comma splits
	sepParen     // "Berlin (Germany)"
	sepDash      // "Berlin – Germany"; the last spaced dash splits
	sepPipe      // "Berlin | Germany"
	sepSlash     // "Berlin / Germany"
	sepDot       // "Berlin · Germany"
)

// seps are tried in this order when a text does not match as a whole.
var seps = []sep{sepComma, sepParen, sepDash, sepPipe, sepSlash, sepDot}

// split cuts a cleaned text into name and country at s; ok is false when
// the text has no such separator or either side would be empty.
func split(t string, s sep) (name, country string, ok bool) {
	switch s {
	case sepComma:
		i := strings.LastIndexByte(t, ',')
		if i < 0 {
			return "", "", false
		}
		name, country = t[:i], t[i+1:]
	case sepParen:
		if !strings.HasSuffix(t, ")") {
			return "", "", false
		}
		i := strings.LastIndexByte(t, '(')
		if i < 0 {
			return "", "", false
		}
		name, country = t[:i], t[i+1:len(t)-1]
	case sepDash:
		i, w := -1, 0
		for _, d := range []string{" – ", " — ", " - "} {
			if j := strings.LastIndex(t, d); j > i {
				i, w = j, len(d)
			}
		}
		if i < 0 {
			return "", "", false
		}
		name, country = t[:i], t[i+w:]
	case sepPipe, sepSlash, sepDot:
		d := map[sep]string{sepPipe: "|", sepSlash: " / ", sepDot: "·"}[s]
		i := strings.LastIndex(t, d)
		if i < 0 {
			return "", "", false
		}
		name, country = t[:i], t[i+len(d):]
	default:
		return "", "", false
	}
	name, country = clean(name), clean(country)
	return name, country, name != "" && country != "" && hasLetter(country)
}

// namePattern is the pattern on a name field that keeps the name part of a
// merged "name<sep>country" text; a text without the separator is kept
// whole, so a member published without a country is not lost. The text is
// cut at the last separator, as split cuts it: a name may hold the
// separator itself ("Tel Aviv – Yafo – Israel", "Newark, CA, United
// States"), a country does not.
func namePattern(s sep) string {
	switch s {
	case sepComma:
		return `^(.+?)(?:\s*,\s*[^,]*)?$`
	case sepParen:
		return `^(.+?)(?:\s*\([^()]*\))?$`
	case sepDash:
		return `^(.+?)(?:\s+[–—-]\s+` + dashTail + `)?$`
	case sepPipe:
		return `^(.+?)(?:\s*\|[^|]*)?$`
	case sepSlash:
		return `^(.+?)(?:\s+/\s+[^/]*)?$`
	case sepDot:
		return `^(.+?)(?:\s*·[^·]*)?$`
	}
	return ""
}

// dashTail is the text after the last spaced dash: words none of which is
// a dash, so "Guinea-Bissau" is one country and "Yafo – Israel" is not.
const dashTail = `[^\s–—-]\S*(?:\s+[^\s–—-]\S*)*`

// countryPattern is the pattern on a country field that keeps the country
// part of a merged text, after the last separator; no country starts with
// the separator.
func countryPattern(s sep) string {
	switch s {
	case sepComma:
		return `,\s*([^,]+)$`
	case sepParen:
		return `\(\s*([^()]+?)\s*\)$`
	case sepDash:
		return `\s[–—-]\s+(` + dashTail + `)$`
	case sepPipe:
		return `\|\s*([^|]+)$`
	case sepSlash:
		return `\s/\s+([^/]+)$`
	case sepDot:
		return `·\s*([^·]+)$`
	}
	return ""
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// stateSuffix removes a trailing ", ST" (a two- or three-letter state or
// province code) from a name: "Newark, CA" also matches "Newark".
func stateSuffix(t string) string {
	i := strings.LastIndexByte(t, ',')
	if i < 0 {
		return ""
	}
	code := strings.TrimSpace(t[i+1:])
	if len(code) < 2 || len(code) > 3 {
		return ""
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return ""
		}
	}
	return strings.TrimSpace(t[:i])
}
