package enrich

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repair undoes the encoding damage published names pick up on their way
// through spreadsheets and scrapers, before any matching:
//
//   - HTML entities ("S&atilde;o", "&#233;");
//   - escapes: "\u00e9", "\U000000e9", "<U+00E9>", R's byte escapes
//     "<c3><a9>" and octal byte escapes "\303\251" for the UTF-8 bytes
//     of "é";
//   - mojibake, UTF-8 read as Latin-1 or Windows-1252 ("Ã–stersund" →
//     "Östersund", "GradiÅ¡ka" → "Gradiška"), also when done twice, and
//     also when only part of the name was damaged ("DzierÅ¼oniów",
//     whose "ó" survived).
//
// Text that is not damaged comes back unchanged.
func Repair(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = unescapeBackslash(s)
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = unescapeAngle(s)
	}
	for range 2 {
		r, ok := unmojibake(s)
		if !ok {
			r, ok = unmojibakeRuns(s)
		}
		if !ok {
			break
		}
		s = r
	}
	return strings.TrimSpace(s)
}

// unescapeBackslash decodes \uXXXX and \UXXXXXXXX escapes, and runs of
// octal byte escapes ("\303\255", as C, Python and R print UTF-8 bytes),
// read as UTF-8, or as Latin-1 when they are not valid UTF-8.
func unescapeBackslash(s string) string {
	var b strings.Builder
	var run []byte
	for i := 0; i < len(s); {
		if v, ok := octalByte(s, i); ok {
			run = append(run, v)
			i += 4
			continue
		}
		writeBytes(&b, run)
		run = run[:0]
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') {
			n := 4
			if s[i+1] == 'U' {
				n = 8
			}
			if i+2+n <= len(s) {
				if v, err := strconv.ParseUint(s[i+2:i+2+n], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					b.WriteRune(rune(v))
					i += 2 + n
					continue
				}
			}
		}
		b.WriteByte(s[i])
		i++
	}
	writeBytes(&b, run)
	return b.String()
}

// octalByte reads a three-digit octal escape of a byte at s[i:].
func octalByte(s string, i int) (byte, bool) {
	if i+4 > len(s) || s[i] != '\\' || s[i+1] < '0' || s[i+1] > '3' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i+1:i+4], 8, 8)
	return byte(v), err == nil
}

// writeBytes writes decoded escape bytes: as UTF-8 when they are valid
// UTF-8, else each byte as its Latin-1 character.
func writeBytes(b *strings.Builder, bytes []byte) {
	if utf8.Valid(bytes) {
		b.Write(bytes)
		return
	}
	for _, c := range bytes {
		b.WriteRune(rune(c))
	}
}

// unescapeAngle decodes R's "<U+00E9>" code point escapes and "<c3><a9>"
// byte escapes (runs of bytes are collected, then read as UTF-8, or as
// Latin-1 when they are not valid UTF-8).
func unescapeAngle(s string) string {
	var b strings.Builder
	var bytes []byte
	flush := func() {
		writeBytes(&b, bytes)
		bytes = bytes[:0]
	}
	// gt is the index of the first '>' at or after i (len(s) when none),
	// kept from one '<' to the next so that a run of '<' without a '>'
	// is scanned once, not once per '<'.
	gt := -1
	for i := 0; i < len(s); {
		if s[i] == '<' {
			if gt < i {
				gt = nextByte(s, i, '>')
			}
			if j := gt - i; gt < len(s) && j > 0 {
				inner := s[i+1 : i+j]
				if len(inner) == 2 {
					if v, err := strconv.ParseUint(inner, 16, 8); err == nil {
						bytes = append(bytes, byte(v))
						i += j + 1
						continue
					}
				}
				if len(inner) > 2 && (inner[:2] == "U+" || inner[:2] == "u+") {
					if v, err := strconv.ParseUint(inner[2:], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
						flush()
						b.WriteRune(rune(v))
						i += j + 1
						continue
					}
				}
			}
		}
		flush()
		b.WriteByte(s[i])
		i++
	}
	flush()
	return b.String()
}

// nextByte returns the index of the first c in s at or after i, or
// len(s) when there is none.
func nextByte(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// cp1252 maps the Windows-1252 characters in 0x80–0x9F back to their byte.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

func latinByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	c, ok := cp1252[r]
	return c, ok
}

// unmojibake re-reads a string's characters as the Latin-1/Windows-1252
// bytes they came from and decodes those as UTF-8. It only does so when
// the string shows the mark of mojibake (a UTF-8 lead byte read as a
// character, followed by a continuation byte read as one) and the result
// is valid UTF-8, which ordinary accented text almost never is.
func unmojibake(s string) (string, bool) {
	if isASCII(s) {
		return s, false
	}
	marked := false
	prevLead := false
	for _, r := range s {
		c, ok := latinByte(r)
		if !ok {
			return s, false
		}
		if prevLead && c >= 0x80 && c <= 0xBF {
			marked = true
		}
		prevLead = c >= 0xC2 && c <= 0xF4
	}
	if !marked {
		return s, false
	}
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		c, _ := latinByte(r)
		buf = append(buf, c)
	}
	if !utf8.Valid(buf) {
		return s, false
	}
	return string(buf), true
}

// unmojibakeRuns repairs mojibake where only part of a name was damaged,
// so that the whole does not decode ("DzierÅ¼oniów": "Å¼" is "ż" read as
// Windows-1252, while "ó" is right). Each character that stands for a UTF-8
// lead byte and is followed by the characters of its continuation bytes is
// replaced by the letter those bytes encode; nothing else changes. It
// reports whether it replaced anything.
func unmojibakeRuns(s string) (string, bool) {
	if isASCII(s) {
		return s, false
	}
	rs := []rune(s)
	var b strings.Builder
	changed := false
	for i := 0; i < len(rs); i++ {
		if r, n := mojibakeAt(rs, i); n > 0 {
			b.WriteRune(r)
			i += n - 1
			changed = true
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String(), changed
}

// mojibakeAt decodes the UTF-8 sequence whose bytes rs[i:] show as
// Latin-1/Windows-1252 characters, and returns the letter and how many
// characters it took; n is 0 when rs[i] starts no such sequence or the
// sequence does not encode a letter or mark.
func mojibakeAt(rs []rune, i int) (r rune, n int) {
	lead, ok := latinByte(rs[i])
	if !ok {
		return 0, 0
	}
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		n = 2
	case lead >= 0xE0 && lead <= 0xEF:
		n = 3
	default:
		return 0, 0
	}
	if i+n > len(rs) {
		return 0, 0
	}
	buf := []byte{lead}
	for _, c := range rs[i+1 : i+n] {
		x, ok := latinByte(c)
		if !ok || x < 0x80 || x > 0xBF {
			return 0, 0
		}
		buf = append(buf, x)
	}
	r, size := utf8.DecodeRune(buf)
	if size != n || !(unicode.IsLetter(r) || unicode.IsMark(r)) {
		return 0, 0
	}
	return r, n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
