package induce

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// nextTexts are folded link texts (or aria-labels, titles) of a next-page
// link. Symbol-only texts fold to "", so they are matched raw.
var nextTexts = map[string]bool{
	"next": true, "next page": true, "next results": true, "more results": true, "older": true,
	"older entries": true, "suivant": true, "page suivante": true, "siguiente": true, "weiter": true,
	"nachste": true, "nachste seite": true, "volgende": true, "successivo": true, "proxima": true,
}

// nextSymbols are next-page link texts made of symbols only.
var nextSymbols = map[string]bool{"›": true, "»": true, "→": true, ">": true, ">>": true, "›»": true, "⟩": true, "❯": true, "〉": true}

// isNextText is true for the text of a next-page link: "Next", "Next »",
// "›".
func isNextText(t string) bool {
	t = clean(t)
	if nextSymbols[t] {
		return true
	}
	f := fold(t)
	return f != "" && nextTexts[f]
}

// nextLink finds the page's next-page link and a selector whose first
// match is that link, so that the engine follows the same link.
func (in *inducer) nextLink(doc *goquery.Document) (*Field, bool) {
	root := doc.Nodes[0]
	var found *html.Node
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Nodes[0]
		if !realLink(n) {
			return true
		}
		rel, _ := attr(n, "rel")
		label, _ := attr(n, "aria-label")
		title, _ := attr(n, "title")
		cls, _ := attr(n, "class")
		pcls := ""
		if n.Parent != nil && n.Parent.Type == html.ElementNode {
			pcls, _ = attr(n.Parent, "class")
		}
		if hasWord(rel, "next") || isNextText(nodeText(n)) || isNextText(label) || isNextText(title) ||
			hasNextClass(cls) || hasNextClass(pcls) && len(elementChildren(n.Parent)) == 1 {
			found = n
			return false
		}
		return true
	})
	if found == nil {
		return nil, false
	}
	for _, sel := range in.linkSelectors(found) {
		if in.c.m.first(root, sel) == found {
			return &Field{Select: sel, Attr: "href"}, true
		}
	}
	return nil, false
}

// linkSelectors are selectors for a pager link, most robust first.
func (in *inducer) linkSelectors(a *html.Node) []string {
	var out []string
	if rel, _ := attr(a, "rel"); hasWord(rel, "next") {
		out = append(out, `a[rel~="next"]`)
	}
	for _, c := range stableClasses(a) {
		if hasNextClass(c) {
			out = append(out, "a."+c)
		}
	}
	if p := a.Parent; p != nil && p.Type == html.ElementNode {
		for _, c := range stableClasses(p) {
			if hasNextClass(c) {
				out = append(out, p.Data+"."+c+" > a")
			}
		}
	}
	for _, k := range []string{"aria-label", "title"} {
		if v, ok := attr(a, k); ok && isNextText(v) && !strings.ContainsAny(v, `"\`) {
			out = append(out, `a[`+k+`="`+v+`"]`)
		}
	}
	if t := clean(nodeText(a)); t != "" && !strings.ContainsAny(t, `"\`) {
		out = append(out, `a:contains("`+t+`")`)
	}
	return append(out, structuralSelector(a))
}

var nextClassRE = regexp.MustCompile(`(?i)(^|[-_])next([-_]|$)`)

func hasNextClass(cls string) bool {
	for _, c := range strings.Fields(cls) {
		if nextClassRE.MatchString(c) {
			return true
		}
	}
	return false
}

func hasWord(list, w string) bool {
	for _, x := range strings.Fields(strings.ToLower(list)) {
		if x == w {
			return true
		}
	}
	return false
}

func realLink(a *html.Node) bool {
	h, _ := attr(a, "href")
	h = strings.TrimSpace(h)
	return h != "" && !strings.HasPrefix(h, "#") && !strings.HasPrefix(strings.ToLower(h), "javascript:")
}

// pageParam finds a query parameter that counts pages: a link whose text
// is the current page number plus one and whose URL differs from the
// page's own in one numeric parameter. From is the parameter's value on
// the first page.
func pageParam(pageURL string, doc *goquery.Document) (*PageParam, bool) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, false
	}
	cur := currentPage(doc)
	var out *PageParam
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if clean(s.Text()) != strconv.Itoa(cur+1) {
			return true
		}
		h, _ := s.Attr("href")
		u, err := base.Parse(strings.TrimSpace(h))
		if err != nil {
			return true
		}
		q, bq := u.Query(), base.Query()
		for k, vs := range q {
			v, err := strconv.Atoi(vs[0])
			if err != nil || bq.Get(k) == vs[0] {
				continue
			}
			// The link is page cur+1, so the first page is v-cur.
			out = &PageParam{Param: k, From: v - cur}
			return false
		}
		return true
	})
	return out, out != nil
}

// currentPage is the page number the pager marks as current, or 1.
func currentPage(doc *goquery.Document) int {
	n := 1
	doc.Find(`[aria-current="page"], .current, .active, .is-active, .selected`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if v, err := strconv.Atoi(clean(s.Text())); err == nil && v > 0 && v < 10000 {
			n = v
			return false
		}
		return true
	})
	return n
}

// resolve makes a link absolute against the page it was found on, as the
// engine does.
func resolve(base, link string) string {
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return link
	}
	return b.ResolveReference(l).String()
}

// withParam sets one query parameter of a URL, as the engine does.
func withParam(raw, param string, v int) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Set(param, strconv.Itoa(v))
	u.RawQuery = q.Encode()
	return u.String()
}
