package scrapers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/fetch"
)

// typedPages is a Fetcher over an in-memory site whose pages carry a
// Content-Type header, as a live or replayed page does.
type typedPages map[string]struct{ contentType, body string }

func (p typedPages) Fetch(ctx context.Context, url string) (*fetch.Page, error) {
	tp, ok := p[url]
	if !ok {
		return nil, fmt.Errorf("%w: %s", fetch.ErrNotInArchive, url)
	}
	sum := sha256.Sum256([]byte(tp.body))
	h := http.Header{}
	if tp.contentType != "" {
		h.Set("Content-Type", tp.contentType)
	}
	return &fetch.Page{URL: url, Status: 200, Header: h, Body: []byte(tp.body), SHA256: hex.EncodeToString(sum[:]), FetchedAt: time.Unix(0, 0).UTC()}, nil
}

// memberStrings is every text a member carries out of the scraper.
func memberStrings(m citynets.Member) []string {
	out := []string{m.Name, m.CountryPublished, m.MemberKey, m.MemberType, m.NetworkRegion, m.SourceURL}
	for k, v := range m.Attributes {
		out = append(out, k, v)
	}
	return out
}

const charsetSpec = "id: t\nvariants:\n  - name: v\n    sources:\n      - name: s\n" +
	"        start: ['https://t/']\n        items: li\n" +
	"        fields: {name: {select: b}, country: {select: i}, attributes.note: {select: u}}\n" +
	"        labels: {items: dl, label: dt, value: dd}\n"

// TestPagesDecodedByCharset: whatever a page's charset and however it is
// declared, the members come out as valid UTF-8 with the right text, and a
// field repaired or cut is counted.
func TestPagesDecodedByCharset(t *testing.T) {
	latin1 := "<li><b>Montr\xe9al</b> <i>Canada</i></li><li><b>S\xe3o Paulo</b> <i>Brasil</i></li>"
	long := strings.Repeat("é", 200_000) // 400 KB of UTF-8
	cases := []struct {
		name          string
		contentType   string
		body          string
		want          []string // member names
		wantInvalid   int
		wantTruncated int
	}{
		{name: "latin-1 declared in the header", contentType: "text/html; charset=iso-8859-1",
			body: "<html><body><ul>" + latin1 + "</ul>", want: []string{"Montréal", "São Paulo"}},
		{name: "latin-1 declared in meta charset", contentType: "text/html",
			body: `<html><head><meta charset="ISO-8859-1"></head><body><ul>` + latin1 + "</ul>", want: []string{"Montréal", "São Paulo"}},
		{name: "latin-1 declared in meta http-equiv",
			body: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=latin1"></head><ul>` + latin1, want: []string{"Montréal", "São Paulo"}},
		{name: "undeclared latin-1 is sniffed", contentType: "text/html",
			body: "<html><body><ul>" + latin1 + "</ul>", want: []string{"Montréal", "São Paulo"}},
		{name: "undeclared utf-8 past the first kilobyte", contentType: "text/html",
			body: "<html><!--" + strings.Repeat(" ", 2000) + "--><ul><li><b>Zürich</b></li></ul>", want: []string{"Zürich"}},
		{name: "header wins over meta", contentType: "text/html; charset=utf-8",
			body: `<meta charset="iso-8859-1"><ul><li><b>Kraków</b></li></ul>`, want: []string{"Kraków"}},
		{name: "windows-1251 in meta", body: "<meta charset=windows-1251><ul><li><b>\xcc\xee\xf1\xea\xe2\xe0</b></li></ul>", want: []string{"Москва"}},
		{name: "utf-16 with a BOM", body: "\xff\xfe" + utf16le("<ul><li><b>Genève</b></li></ul>"), want: []string{"Genève"}},
		{name: "stray 0xFF in a declared utf-8 name", contentType: "text/html; charset=utf-8",
			body: "<ul><li><b>Z\xffrich</b></li><li><b>Bern</b></li></ul>", want: []string{"Z\uFFFDrich", "Bern"}, wantInvalid: 1},
		{name: "stray 0xFF in an undeclared utf-8 page", contentType: "text/html",
			body: "<ul><li><b>Zürich</b></li><li><b>Gen\xffve</b></li></ul>", want: []string{"Zürich", "Gen\uFFFDve"}, wantInvalid: 1},
		{name: "invalid bytes in a country, an attribute and a label", contentType: "text/html; charset=utf-8",
			body: "<ul><li><b>Oslo</b><i>N\xf8rge</i><u>n\xfe</u><dl><dt>m\xc3</dt><dd>x\xc3</dd></dl></li></ul>", want: []string{"Oslo"}, wantInvalid: 3},
		{name: "a 400 KB name is cut", contentType: "text/html; charset=utf-8",
			body: "<ul><li><b>" + long + "</b><i>" + long + "</i></li></ul>", want: []string{strings.Repeat("é", MaxFieldRunes)}, wantTruncated: 2},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSpec([]byte(charsetSpec))
			if err != nil {
				t.Fatal(err)
			}
			site := typedPages{"https://t/": {tt.contentType, tt.body}}
			sc := &Scraper{Network: Network{ID: "t"}, Spec: s, Fetcher: site, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
			start := time.Now()
			r, err := sc.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("scrape took %v", d)
			}
			var got []string
			for _, m := range r.Members {
				got = append(got, m.Name)
				for _, s := range memberStrings(m) {
					if !utf8.ValidString(s) {
						t.Errorf("member %q: invalid UTF-8 in %q", m.Name, s)
					}
					if n := utf8.RuneCountInString(s); n > MaxFieldRunes && s != m.MemberKey { // a derived key joins two fields
						t.Errorf("member field of %d characters", n)
					}
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("names = %.80q, want %.80q", got, tt.want)
			}
			if r.InvalidUTF8 != tt.wantInvalid || r.Truncated != tt.wantTruncated {
				t.Errorf("InvalidUTF8 = %d, Truncated = %d; want %d, %d", r.InvalidUTF8, r.Truncated, tt.wantInvalid, tt.wantTruncated)
			}
			for _, n := range r.Notes {
				if !utf8.ValidString(n) {
					t.Errorf("note %q is not valid UTF-8", n)
				}
			}
		})
	}
}

// utf16le encodes ASCII and Latin-1 text as UTF-16LE.
func utf16le(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

// FuzzDecodedFields: whatever the bytes and the Content-Type, the text the
// engine parses from a page's decoded body and reads as fields is valid
// UTF-8 within the field cap. (Decoding itself is fuzzed in fetch.)
func FuzzDecodedFields(f *testing.F) {
	for _, seed := range []struct{ body, ct string }{
		{"<p>Montr\xe9al</p>", "text/html; charset=iso-8859-1"},
		{`<meta charset="windows-1251"><li>\xcc\xee\xf1\xea\xe2\xe0</li>`, "text/html"},
		{`<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><b>\x93\x8c\x8b\x9e</b>`, ""},
		{"\xff\xfe<\x00p\x00>\x00", "text/html"},
		{"\xef\xbb\xbf<p>Z\xffrich</p>", "text/html; charset=utf-8"},
		{"<p>Z\xc3\xbcrich G\xe9n</p>", ""},
		{"<p>x</p>", "text/html; charset=bogus"},
	} {
		f.Add([]byte(seed.body), seed.ct)
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		p := &fetch.Page{Header: http.Header{"Content-Type": {contentType}}, Body: body}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Text()))
		if err != nil {
			return
		}
		var fixes fieldRepairs
		check := func(s string) {
			if out := fixes.fix(clean(s)); !utf8.ValidString(out) || utf8.RuneCountInString(out) > MaxFieldRunes {
				t.Fatalf("field %q not repaired", out)
			}
		}
		doc.Find("*").Each(func(_ int, e *goquery.Selection) {
			check(e.Text())
			for _, n := range e.Nodes {
				for _, a := range n.Attr {
					check(a.Key)
					check(a.Val)
				}
			}
		})
	})
}
