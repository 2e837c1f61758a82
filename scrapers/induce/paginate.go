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
		// A <link rel="next"> in the head, as SEO plugins write it beside
		// a pager of bare numbers.
		if l := doc.Find(`link[rel~="next"][href]`); l.Length() > 0 && realLink(l.Nodes[0]) {
			return &Field{Select: `link[rel~="next"]`, Attr: "href"}, true
		}
		return in.afterCurrent(doc)
	}
	for _, sel := range in.linkSelectors(found) {
		if in.c.m.first(root, sel) == found {
			return &Field{Select: sel, Attr: "href"}, true
		}
	}
	return nil, false
}

// afterCurrent finds a pager of bare numbers and a selector for the link
// right after the current page's marker: "2" after a bold "1" on the
// first page, nothing after the last page's marker. The engine follows
// that link until it is absent, so the list ends where the pager ends;
// counting a page parameter instead would run past the last page, which
// a site may answer with an error that fails the whole source.
func (in *inducer) afterCurrent(doc *goquery.Document) (*Field, bool) {
	root := doc.Nodes[0]
	cur := currentPage(doc)
	want := strconv.Itoa(cur + 1)
	var link *html.Node
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if clean(s.Text()) == want && realLink(s.Nodes[0]) {
			link = s.Nodes[0]
			return false
		}
		return true
	})
	if link == nil {
		return nil, false
	}
	for _, sel := range in.afterSelectors(link, strconv.Itoa(cur)) {
		if in.c.m.first(root, sel) == link {
			return &Field{Select: sel, Attr: "href"}, true
		}
	}
	return nil, false
}

// afterSelectors are selectors for link as the element after the current
// page's marker (whose text is cur): the marker a sibling of the link, or
// each in an item of its own ("<li><b>1</b></li><li><a>2</a></li>"). The
// step above is anchored by its class or id, else by its path, so that a
// bold word followed by a link elsewhere on the page does not match.
func (in *inducer) afterSelectors(link *html.Node, cur string) []string {
	prev := func(n *html.Node) *html.Node {
		for p := n.PrevSibling; p != nil; p = p.PrevSibling {
			if p.Type == html.ElementNode {
				return p
			}
		}
		return nil
	}
	marker := func(m *html.Node) string {
		if m == nil || m.Data == "a" || clean(nodeText(m)) != cur {
			return ""
		}
		if v, ok := attr(m, "aria-current"); ok && !strings.ContainsAny(v, `"\`) {
			return m.Data + `[aria-current="` + v + `"]`
		}
		return simple(m)
	}
	anchor := func(n *html.Node) string {
		if n == nil || n.Type != html.ElementNode {
			return ""
		}
		if step, strong := parentStep(n); strong {
			return step
		}
		return structuralSelector(n)
	}
	var out []string
	// <p class="pages"><b>1</b> <a>2</a></p>
	if m := marker(prev(link)); m != "" {
		if a := anchor(link.Parent); a != "" {
			out = append(out, a+" > "+m+" + a")
		}
	}
	// <ol class="page-numbers"><li><span aria-current>1</span></li><li><a>2</a></li></ol>
	if item := link.Parent; item != nil && item.Type == html.ElementNode && len(elementChildren(item)) == 1 {
		if pi := prev(item); pi != nil && pi.Data == item.Data && len(elementChildren(pi)) == 1 {
			if m := marker(elementChildren(pi)[0]); m != "" {
				if a := anchor(item.Parent); a != "" {
					out = append(out, a+" > "+item.Data+":has("+m+") + "+item.Data+" > a")
				}
			}
		}
	}
	return out
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
