package induce

import (
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// keyPattern keeps the last path segment of a member's link: the site's
// own identifier for the member, stable across renames of the text.
const keyPattern = `([^/?#]+)/?(?:[?#].*)?$`

// minFieldShare is the share of named records a country or key field must
// read a value from before it is emitted.
const minFieldShare = 0.5

// countryField finds where a record keeps its country: the part after the
// separator when the name is merged with it, else the element (or the
// record's own text) that most often holds a country name.
func (in *inducer) countryField(c *candidate) (Field, bool) {
	if c.split != sepNone {
		f := Field{Select: c.name.Select, Own: c.name.Own, Pattern: countryPattern(c.split)}
		return f, in.fieldShare(c, f, in.ix.countryish) >= minFieldShare
	}
	count := map[fieldVote]int{}
	sampled := 0
	for i, r := range c.records {
		if c.names[i] == "" {
			continue
		}
		if sampled++; sampled > maxVotes {
			break
		}
		nameNode := in.c.m.first(r.node, c.name.Select)
		if nameNode != r.node && in.ix.isCountry(clean(ownText(r.node))) {
			count[fieldVote{own: true}]++
		}
		in.eachShort(r.node, func(n *html.Node, t string) {
			if n == r.node || n == nameNode || !in.ix.isCountry(t) {
				return
			}
			if s, ok := in.c.relSelector(r.node, n); ok {
				count[fieldVote{sel: s}]++
			}
		})
	}
	votes := make([]fieldVote, 0, len(count))
	for v := range count {
		votes = append(votes, v)
	}
	slices.SortFunc(votes, func(a, b fieldVote) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		return strings.Compare(a.sel, b.sel)
	})
	for _, v := range votes {
		f := Field{Select: v.sel, Own: v.own}
		if f == c.name {
			continue
		}
		if in.fieldShare(c, f, in.ix.isCountry) >= minFieldShare {
			return f, true
		}
	}
	return Field{}, false
}

// eachShort calls fn with every element under n (n included) whose text
// is short enough to be a value, and that text.
func (in *inducer) eachShort(n *html.Node, fn func(*html.Node, string)) {
	var walk func(*html.Node)
	walk = func(e *html.Node) {
		t := nodeText(e)
		if len(t) > maxNameBytes {
			for c := e.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && !skipped(c) {
					walk(c)
				}
			}
			return
		}
		fn(e, clean(t))
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !skipped(c) {
				walk(c)
			}
		}
	}
	walk(n)
}

// fieldShare is the share of named records for which f reads a value that
// ok accepts.
func (in *inducer) fieldShare(c *candidate, f Field, ok func(string) bool) float64 {
	named, good := 0, 0
	for i, r := range c.records {
		if c.names[i] == "" {
			continue
		}
		named++
		if v := in.c.read(r.node, f); v != "" && ok(v) {
			good++
		}
	}
	if named == 0 {
		return 0
	}
	return float64(good) / float64(named)
}

// keyField reads the last path segment of the record's link, preferring
// the link that holds the name. It is emitted only when nearly every
// record has one and they are distinct: a key that repeats would merge
// members.
func (in *inducer) keyField(c *candidate) (Field, bool) {
	count := map[string]int{}
	sampled := 0
	for i, r := range c.records {
		if c.names[i] == "" {
			continue
		}
		if sampled++; sampled > maxVotes {
			break
		}
		a := in.recordLink(r.node, c.name)
		if a == nil {
			continue
		}
		if s, ok := in.c.relSelector(r.node, a); ok {
			count[s]++
		}
	}
	best, n := "", 0
	for s, k := range count {
		if k > n || k == n && s < best {
			best, n = s, k
		}
	}
	if n == 0 {
		return Field{}, false
	}
	f := Field{Select: best, Attr: "href", Pattern: keyPattern}
	seen := map[string]bool{}
	named, distinct := 0, 0
	for i, r := range c.records {
		if c.names[i] == "" {
			continue
		}
		named++
		if v := in.c.read(r.node, f); v != "" && !seen[v] {
			seen[v] = true
			distinct++
		}
	}
	if float64(distinct) < 0.95*float64(named) {
		return Field{}, false
	}
	return f, true
}

// recordLink is the link that holds (or is, or wraps) the record's name
// element, else the record's first link with a real path.
func (in *inducer) recordLink(r *html.Node, name Field) *html.Node {
	if n := in.c.m.first(r, name.Select); n != nil {
		for a := n; a != nil; a = a.Parent {
			if a.Data == "a" && realHref(a) {
				return a
			}
			if a == r {
				break
			}
		}
		if a := in.c.m.first(n, "a[href]"); a != nil && realHref(a) {
			return a
		}
	}
	if a := in.c.m.first(r, "a[href]"); a != nil && realHref(a) {
		return a
	}
	return nil
}

// realHref is true for a link that goes to a page of its own, not "#" or
// a script.
func realHref(a *html.Node) bool {
	h, ok := attr(a, "href")
	h = strings.TrimSpace(h)
	if !ok || h == "" || strings.HasPrefix(h, "#") || strings.HasPrefix(strings.ToLower(h), "javascript:") || strings.HasPrefix(h, "mailto:") {
		return false
	}
	u, err := url.Parse(h)
	return err == nil && strings.Trim(u.Path, "/") != ""
}
