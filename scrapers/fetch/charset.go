package fetch

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// prescanBytes is how much of a page is searched for a <meta> charset, as
// in the HTML standard's prescan.
const prescanBytes = 1024

// Text is the page decoded to UTF-8 for parsing, by its declared charset:
// a byte-order mark, then the Content-Type header, then a <meta charset> or
// http-equiv in the first kilobyte, and failing those by sniffing the whole
// body. Body stays the bytes as served and archived.
//
// A UTF-8 page is returned as it is, invalid bytes included, so that the
// fields they land in are repaired and counted after extraction; every
// other charset's decoder already yields valid UTF-8.
func (p *Page) Text() []byte {
	return decodeHTML(p.Body, p.Header.Get("Content-Type"))
}

// decodeHTML converts body to UTF-8 (see Page.Text).
func decodeHTML(body []byte, contentType string) []byte {
	enc, name := htmlEncoding(body, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		// No decoder in x/text fails on input; should one, the raw bytes
		// are still repaired field by field.
		return body
	}
	return out
}

// htmlEncoding picks the page's encoding and its canonical name.
func htmlEncoding(body []byte, contentType string) (encoding.Encoding, string) {
	if e, name, certain := charset.DetermineEncoding(body, contentType); certain {
		return e, name // a byte-order mark or the Content-Type header
	}
	if label := metaCharset(body[:min(len(body), prescanBytes)]); label != "" {
		if e, name := charset.Lookup(label); e != nil {
			if strings.HasPrefix(name, "utf-16") {
				// The standard: a page that could declare in ASCII is not UTF-16.
				return nil, "utf-8"
			}
			return e, name
		}
	}
	if looksUTF8(body) {
		return nil, "utf-8"
	}
	// The web's default for undeclared legacy pages; a superset of
	// ISO-8859-1's printable characters.
	return charmap.Windows1252, "windows-1252"
}

// looksUTF8 sniffs an undeclared page: UTF-8 when it has no invalid bytes,
// or when it has at least as many valid multi-byte characters as invalid bytes (a
// UTF-8 page with a stray byte). Legacy single-byte text almost never
// forms valid multi-byte sequences, so it fails the test.
func looksUTF8(b []byte) bool {
	var multi, invalid int
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			multi++
		}
		b = b[n:]
	}
	return invalid == 0 || multi >= invalid
}

// metaCharset returns the charset label a <meta charset> or <meta
// http-equiv="Content-Type" content="…; charset=…"> in head declares, or "".
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var cs, equiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					equiv = string(v)
				case "content":
					content = string(v)
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
			if strings.EqualFold(strings.TrimSpace(equiv), "content-type") {
				if cs := charsetParam(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// charsetParam extracts the charset from a meta content attribute, as
// leniently as browsers do ("text/html; charset='latin1'").
func charsetParam(content string) string {
	i := indexASCIIFold(content, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[i+len("charset"):], " \t\r\n\f")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n\f")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		if j := strings.IndexByte(rest[1:], rest[0]); j >= 0 {
			return rest[1 : j+1]
		}
		return ""
	}
	if j := strings.IndexAny(rest, "; \t\r\n\f"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// indexASCIIFold is strings.Index ignoring ASCII case. strings.ToLower
// would not do: it turns invalid UTF-8 into U+FFFD, which is longer, so an
// index into the lowered text would not fit the original.
func indexASCIIFold(s, substr string) int {
	for i := 0; i+len(substr) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
}
