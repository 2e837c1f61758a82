package enrich

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// Some published names lost letters for good on their way through
// spreadsheets: a character the file's encoding could not hold became "?"
// or U+FFFD ("Gradi?ka", "Algatoc??n"), R wrote a code point it could not
// decode as an escape of a combining mark ("Pallej<U+0320>" for
// "Pallejà"), or the no-break space of a mojibake pair turned into a
// plain space ("Å odolovci" for "Šodolovci"). No repair can restore them
// with certainty, so these readings are tried only when the name as
// repaired names no place at all.

// lostMark stands for one lost letter in a reading. It is a lower-case
// Latin letter (so Key keeps it, unchanged) that no place name uses.
const lostMark = 'ʬ'

// maxLostKeys is how many different keys a name with lost letters may
// fit: more, and the letters that are left say too little.
const maxLostKeys = 8

// lostReading is another reading of a damaged name: text to resolve, and
// whether lostMark in it stands for lost letters.
type lostReading struct {
	text string
	wild bool
}

// lostReadings returns the readings of a published name with lost
// letters, none when the name shows no sign of loss.
func lostReadings(name string) []lostReading {
	if isASCII(name) && !strings.ContainsAny(name, "?<") {
		return nil // most misses: no sign of loss, no repair to redo
	}
	var out []lostReading
	if s, ok := markLost(name); ok {
		out = append(out, lostReading{text: Repair(s), wild: true})
	}
	if s, ok := restoreNoBreakSpace(Repair(name)); ok {
		out = append(out, lostReading{text: s})
	}
	return out
}

// markLost replaces the signs of lost letters with lostMark: "?" and
// U+FFFD next to a letter, and R escapes of combining marks
// ("<U+0300>"–"<U+036F>"), which in such files stand for letters R could
// not decode rather than for accents.
func markLost(s string) (string, bool) {
	var b strings.Builder
	marked := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if n := combiningEscape(rs[i:]); n > 0 {
			b.WriteRune(lostMark)
			i += n - 1
			marked = true
			continue
		}
		if (rs[i] == '?' || rs[i] == utf8.RuneError) && nextToLetter(rs, i) {
			b.WriteRune(lostMark)
			marked = true
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String(), marked
}

// combiningEscape returns the length in runes of an R escape of a
// combining mark at the start of rs ("<U+0320>"), or 0.
func combiningEscape(rs []rune) int {
	if len(rs) < 8 || rs[0] != '<' || rs[1] != 'U' || rs[2] != '+' || rs[7] != '>' {
		return 0
	}
	v, err := strconv.ParseUint(string(rs[3:7]), 16, 32)
	if err != nil || v < 0x300 || v > 0x36F {
		return 0
	}
	return 8
}

// nextToLetter reports whether the run of "?" (or U+FFFD) around rs[i]
// touches a letter, as a lost letter inside or at the edge of a word does
// and a question mark after a word does not ("Gradi?ka", not "Which?").
func nextToLetter(rs []rune, i int) bool {
	lost := func(r rune) bool { return r == '?' || r == utf8.RuneError }
	j := i
	for j > 0 && lost(rs[j-1]) {
		j--
	}
	k := i
	for k+1 < len(rs) && lost(rs[k+1]) {
		k++
	}
	before := j > 0 && unicode.IsLetter(rs[j-1])
	after := k+1 < len(rs) && unicode.IsLetter(rs[k+1])
	return before && after || after && j == 0
}

// restoreNoBreakSpace reads a space after a character that stands for a
// two-byte UTF-8 lead byte as the no-break space (0xA0) it was before it
// was turned into a space, when lead and 0xA0 encode a letter ("Å odolovci"
// → "Šodolovci", "San Ä iljan" → "San Ġiljan").
func restoreNoBreakSpace(s string) (string, bool) {
	rs := []rune(s)
	var b strings.Builder
	changed := false
	for i := 0; i < len(rs); i++ {
		if i+2 < len(rs) && rs[i+1] == ' ' && unicode.IsLetter(rs[i+2]) {
			if lead, ok := latinByte(rs[i]); ok && lead >= 0xC2 && lead <= 0xDF {
				if r, n := utf8.DecodeRune([]byte{lead, 0xA0}); n == 2 && unicode.IsLetter(r) {
					b.WriteRune(r)
					i++
					changed = true
					continue
				}
			}
		}
		b.WriteRune(rs[i])
	}
	return b.String(), changed
}

// lostPattern compiles a key with lost letters into a pattern over whole
// keys: each run of k marks stands for one to k letters (a letter outside
// Latin-1 took two "?", one per byte). It also returns the literal text
// before the first mark, which bounds the keys to try.
func lostPattern(key string) (*regexp.Regexp, string, bool) {
	mark := string(lostMark)
	i := strings.Index(key, mark)
	if i < 0 {
		return nil, "", false
	}
	var b strings.Builder
	b.WriteString("^")
	rest := key
	for rest != "" {
		j := strings.Index(rest, mark)
		if j < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:j]))
		k := 0
		for strings.HasPrefix(rest[j:], mark) {
			rest = rest[:j] + rest[j+len(mark):]
			k++
		}
		b.WriteString(`\pL{1,` + strconv.Itoa(k) + `}`)
		rest = rest[j:]
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	return re, key[:i], err == nil
}

// lostKeys returns the country's keys that a key with lost letters fits,
// or nil when it fits none or too many.
func (m *Matcher) lostKeys(key, cc string) []int32 {
	re, prefix, ok := lostPattern(key)
	if !ok || len(strings.ReplaceAll(key, string(lostMark), "")) < 3 {
		return nil
	}
	var out []int32
	for _, ki := range m.keysWithPrefix(cc, prefix) {
		if re.MatchString(m.g.KeyAt(int(ki))) {
			if out = append(out, ki); len(out) > maxLostKeys {
				return nil
			}
		}
	}
	return out
}

// lost resolves forms whose keys have lost letters against the places
// whose keys fit them, as a fuzzy match of one cheap edit: the letters
// that are left must agree exactly, but which letters were lost is a
// guess.
func (m *Matcher) lost(forms []form, cc string, areas []area) ranked {
	for _, f := range forms {
		if ws := m.weighGuessed(m.lostKeys(f.key, cc), f, "lost letters", cc, areas); len(ws) > 0 {
			return m.choose(ws, cc, fuzzyMargin)
		}
	}
	return ranked{}
}

// agreeing returns why the first hinted area that contains p does, or "".
func agreeing(areas []area, p *gazetteer.Place) string {
	for _, a := range areas {
		if a.contains(p) {
			return a.why
		}
	}
	return ""
}
