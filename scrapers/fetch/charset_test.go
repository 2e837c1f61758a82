package fetch

import (
	"net/http"
	"testing"
	"unicode/utf8"
)

// TestPageTextKeepsBody: decoding is for parsing only; the page's body and
// hash stay the bytes as served (and archived).
func TestPageTextKeepsBody(t *testing.T) {
	body := []byte("<p>S\xe3o Paulo</p>")
	p := &Page{Header: http.Header{"Content-Type": {"text/html; charset=iso-8859-1"}}, Body: body}
	if got := string(p.Text()); got != "<p>São Paulo</p>" {
		t.Errorf("Text() = %q", got)
	}
	if string(p.Body) != "<p>S\xe3o Paulo</p>" {
		t.Errorf("Body changed to %q", p.Body)
	}
}

// FuzzDecodeHTML: whatever the bytes and the Content-Type, decoding never
// panics and a non-UTF-8 charset yields valid UTF-8. (What the engine reads
// out of the decoded text is fuzzed in scrapers, FuzzDecodedFields.)
func FuzzDecodeHTML(f *testing.F) {
	for _, seed := range []struct{ body, ct string }{
		{"<p>Montr\xe9al</p>", "text/html; charset=iso-8859-1"},
		{`<meta charset="windows-1251"><li>\xcc\xee\xf1\xea\xe2\xe0</li>`, "text/html"},
		{`<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><b>\x93\x8c\x8b\x9e</b>`, ""},
		{"\xff\xfe<\x00p\x00>\x00", "text/html"},
		{"\xef\xbb\xbf<p>Z\xffrich</p>", "text/html; charset=utf-8"},
		{"<p>Z\xc3\xbcrich G\xe9n</p>", ""},
		{"<p>\x1b$B\x45\x6c\x35\x7e\x1b(B</p>", "text/html; charset=iso-2022-jp"},
		{"<p>x</p>", "text/html; charset=utf-16be"},
		{"<p>x</p>", "text/html; charset=bogus"},
		{"<p>x</p>", ";;charset="},
	} {
		f.Add([]byte(seed.body), seed.ct)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		text := decodeHTML(body, contentType)
		if _, name := htmlEncoding(body, contentType); name != "utf-8" && !utf8.Valid(text) {
			t.Fatalf("%s decoding gave invalid UTF-8: %q", name, text)
		}
	})
}
