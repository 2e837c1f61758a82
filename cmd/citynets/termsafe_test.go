package main

import "testing"

func TestTermSafe(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "São Paulo", "São Paulo"},
		{"ascii", "New York", "New York"},
		{"clear screen", "\x1b[2JParis", "[2JParis"},
		{"window title", "\x1b]0;title\x07Lyon", "]0;titleLyon"},
		{"bell and delete", "Nice\x07\x7f", "Nice"},
		{"c1 csi", "Metz\u009b31m", "Metz31m"},
		{"raw 0x9b byte", "Metz\x9b31m", "Metz\uFFFD31m"},
		{"tab and newline", "Rio\tde\nJaneiro\r", "Rio de Janeiro "},
		{"line separator", "Rio\u2028Grande", "Rio Grande"},
		{"right-to-left override", "Lagos\u202Egnp.exe", "Lagosgnp.exe"},
		{"embeddings and isolates", "\u202AA\u202B\u202C\u202D\u2066B\u2067\u2068\u2069", "AB"},
		{"marks", "Tel Aviv\u200F\u200E\u061C", "Tel Aviv"},
		{"zwj emoji", "Flag 🏳\u200D🌈", "Flag 🏳\u200D🌈"},
		{"zwj devanagari", "क्\u200Dष", "क्\u200Dष"},
		{"zwnj persian", "می\u200Cخواهم", "می\u200Cخواهم"},
		{"literal replacement char", "a\uFFFDb", "a\uFFFDb"},
		{"arabic name", "القاهرة", "القاهرة"},
	}
	for _, tt := range tests {
		if got := termSafe(tt.in); got != tt.want {
			t.Errorf("%s: termSafe(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
