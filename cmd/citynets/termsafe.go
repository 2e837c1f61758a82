package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSafe returns s fit to print in a human-readable table on a terminal.
// Member names, error reasons and URLs come from web pages, and a page can
// carry text that a terminal obeys rather than shows: escape sequences
// that clear the screen or retitle the window, and bidi controls that
// reorder what follows so one name reads as another. So:
//
//   - control characters (Unicode Cc: C0, DEL, C1) are dropped, except
//     that tab, newline, vertical tab, form feed and carriage return, and
//     the line and paragraph separators U+2028 and U+2029, become a space,
//     so a field stays one cell of one row;
//   - bidi embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) are dropped, and so are the marks U+200E, U+200F and
//     U+061C: a cell never needs them and they can still move neutral
//     characters across its edge;
//   - invalid UTF-8 becomes U+FFFD, so no stray byte (0x9B is CSI on some
//     terminals) reaches the terminal raw.
//
// Joiners (ZWJ U+200D, ZWNJ U+200C) stay: emoji sequences and Indic and
// Persian names need them to read right. JSON, CSV and Parquet outputs
// keep the data as published; only table printers call termSafe.
func termSafe(s string) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			b.WriteRune(utf8.RuneError)
		case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case unicode.Is(unicode.Cc, r), isBidiControl(r):
			// dropped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlainASCII reports whether s is printable ASCII only, the common case
// that needs no copy.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// isInvalidAt reports whether the RuneError decoded at s[i] stands for an
// invalid byte rather than a literal U+FFFD.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// isBidiControl reports whether r is a bidi embedding, override, isolate
// or mark.
func isBidiControl(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\u200E', r == '\u200F', r == '\u061C':
		return true
	}
	return false
}
