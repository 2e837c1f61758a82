package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// KeyVersion identifies the behaviour of Key. Compact files store keys that
// Key computed when they were written, so any change to Key that can change
// its output must bump KeyVersion; LoadFile then refuses old files with
// ErrKeyVersion instead of silently matching nothing.
const KeyVersion = 1

// Key folds a name into the lookup key used by the index: NFKC, then
// diacritics stripped (NFD, combining marks dropped), letters lower-cased
// (with ß → ss and similar letters that carry no combining mark folded by
// hand), every character that is not a letter or digit turned into a space,
// and runs of spaces collapsed. "São Paulo", "SAO-PAULO" and "Sao  Paulo"
// all give "sao paulo".
//
// Key is the single implementation of the folding: the generator uses it to
// precompute the keys of the embedded file and enrich.Normalize calls it for
// published names, so the two sides always agree.
func Key(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	return foldUnicode(s)
}

// apostrophes are the characters names use as apostrophes or soft signs
// ("L'Hospitalet", "Sant’Agata", "Vasyl’kiv", "Kamianets-Podilskyi").
const apostrophes = "'’‘ʼ`´ʹ"

// Keys returns the keys a name is indexed and looked up under: Key of the
// name and, when the name has apostrophes, Key of the name without them,
// since lists write "Vasyl’kiv" and "Vasylkiv", "Sant'Agata" and
// "Sant Agata" for the same place.
func Keys(name string) []string {
	k := Key(name)
	if !strings.ContainsAny(name, apostrophes) {
		return []string{k}
	}
	d := Key(strings.Map(func(r rune) rune {
		if strings.ContainsRune(apostrophes, r) {
			return -1
		}
		return r
	}, name))
	if d == k {
		return []string{k}
	}
	return []string{k, d}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII is the fast path: most published names and most gazetteer
// names are plain ASCII.
func foldASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// letterFolds maps letters that NFD does not decompose to their plain
// Latin reading, so "Łódź", "Søborg" and "Straße" fold like their ASCII
// spellings.
var letterFolds = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h",
	'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ŀ': "l", 'Ŀ': "l", 'ĸ': "k",
	'ƒ': "f", 'ς': "σ", 'ſ': "s", 'ŉ': "n",
}

func foldUnicode(s string) string {
	s = norm.NFD.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), unicode.Is(unicode.Lm, r), unicode.Is(unicode.Cf, r):
			// Combining marks, modifier letters (ʻokina, primes) and
			// format characters (soft hyphen, zero-width joiners) vanish.
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if f, ok := letterFolds[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	// Recompose what is left (non-Latin scripts keep their marks) so the
	// same text always yields the same bytes.
	return norm.NFC.String(b.String())
}
