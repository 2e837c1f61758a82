package induce

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// skipped elements never hold a member list; their text is not read.
func skipped(n *html.Node) bool {
	switch n.Data {
	case "script", "style", "noscript", "template", "head", "title", "svg", "iframe", "select", "option":
		return true
	}
	return false
}

// nodeText is an element's text the way goquery's Text reads it: every
// descendant text node, concatenated with nothing in between.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// ownText is the text of n's own text nodes, as the engine's own: true reads
// it (each node followed by a space).
func ownText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func elementChildren(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			out = append(out, c)
		}
	}
	return out
}

// isIdent is true for a CSS identifier that needs no escaping.
func isIdent(s string) bool {
	t := strings.TrimPrefix(s, "-")
	if t == "" || !(t[0] == '_' || t[0] >= 'A' && t[0] <= 'Z' || t[0] >= 'a' && t[0] <= 'z') {
		return false
	}
	for i := 1; i < len(t); i++ {
		c := t[i]
		if !(c == '_' || c == '-' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// stateClasses say a state or a layout detail: they differ between the
// records of one list.
var stateClasses = map[string]bool{
	"active": true, "current": true, "selected": true, "first": true, "last": true, "odd": true,
	"even": true, "hidden": true, "visible": true, "show": true, "open": true, "new": true,
	"featured": true, "highlight": true, "highlighted": true, "clearfix": true, "row": true, "col": true,
}

// generatedPrefixes start classes a CSS-in-JS build or a framework writes.
var generatedPrefixes = []string{"is-", "has-", "js-", "col-", "sc-", "css-", "jsx-", "ng-", "svelte-", "emotion-"}

// unstable is true for a class (or id) that says a state or looks
// generated: it differs between records of one list or between two builds
// of one site.
func unstable(c string) bool {
	l := strings.ToLower(c)
	if stateClasses[l] {
		return true
	}
	for _, p := range generatedPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return digitRun(l) >= 3 || hexRun(l) >= 5
}

// digitRun is the longest run of digits in s.
func digitRun(s string) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// hexRun is the longest run of hex digits in s that holds a digit: a hash.
func hexRun(s string) int {
	best, n, digit := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n++
			digit = true
		case c >= 'a' && c <= 'f':
			n++
		default:
			n, digit = 0, false
		}
		if digit {
			best = max(best, n)
		}
	}
	return best
}

// stableClasses are n's classes that a selector may rely on, sorted.
func stableClasses(n *html.Node) []string {
	v, _ := attr(n, "class")
	var out []string
	for _, c := range strings.Fields(v) {
		if isIdent(c) && !unstable(c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// simple is n's tag with its stable classes: "li.member".
func simple(n *html.Node) string {
	s := n.Data
	for _, c := range stableClasses(n) {
		s += "." + c
	}
	return s
}

// stableID is n's id when a selector may rely on it.
func stableID(n *html.Node) string {
	id, _ := attr(n, "id")
	if isIdent(id) && !unstable(id) {
		return id
	}
	return ""
}

// signature groups siblings of one kind: tag plus stable classes.
func signature(n *html.Node) string { return simple(n) }

// nthOfType is n's position among its parent's children of its tag, and
// whether it has any such sibling.
func nthOfType(n *html.Node) (int, bool) {
	k, others := 1, false
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != n.Data || c == n {
			continue
		}
		others = true
		if precedes(c, n) {
			k++
		}
	}
	return k, others
}

func precedes(a, b *html.Node) bool {
	for c := a.NextSibling; c != nil; c = c.NextSibling {
		if c == b {
			return true
		}
	}
	return false
}

// matchers caches compiled selectors: field selectors are applied to
// every record, and compiling them once keeps that cheap.
type matchers map[string]goquery.Matcher

func (m matchers) get(sel string) goquery.Matcher {
	if c, ok := m[sel]; ok {
		return c
	}
	c := goquery.Single(sel)
	m[sel] = c
	return c
}

// first is the first descendant of n that sel matches, in document order,
// as the engine's Find(sel) followed by taking the first element.
func (m matchers) first(n *html.Node, sel string) *html.Node {
	if sel == "" {
		return n
	}
	c := m.get(sel)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type != html.ElementNode {
			continue
		}
		if ns := c.MatchAll(ch); len(ns) > 0 {
			return ns[0]
		}
	}
	return nil
}

// regexps caches compiled field patterns.
type regexps map[string]*regexp.Regexp

func (r regexps) get(p string) *regexp.Regexp {
	if re, ok := r[p]; ok {
		return re
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil
	}
	r[p] = re
	return re
}

// read applies a field to a record with the engine's semantics: the first
// element select matches, its attr, own text or text, white space
// collapsed, then the pattern's first group.
func (c *cache) read(rec *html.Node, f Field) string {
	n := c.m.first(rec, f.Select)
	if n == nil {
		return ""
	}
	var v string
	switch {
	case f.Attr != "":
		v, _ = attr(n, f.Attr)
	case f.Own:
		v = ownText(n)
	default:
		v = nodeText(n)
	}
	v = clean(v)
	if f.Pattern != "" {
		re := c.r.get(f.Pattern)
		if re == nil {
			return ""
		}
		m := re.FindStringSubmatch(v)
		switch {
		case m == nil:
			return ""
		case len(m) > 1:
			v = clean(m[1])
		default:
			v = clean(m[0])
		}
	}
	return v
}

// cache holds compiled selectors and patterns for one induction.
type cache struct {
	m matchers
	r regexps
}

func newCache() *cache { return &cache{m: matchers{}, r: regexps{}} }

// relSelector is a selector, relative to rec, whose first match is n: the
// innermost step alone, else the child path, else the child path with
// :nth-of-type where a step has siblings of its tag. ok is false when n is
// not inside rec or none of these selects it first.
func (c *cache) relSelector(rec, n *html.Node) (string, bool) {
	if n == rec {
		return "", true
	}
	var steps, nth []string
	for a := n; a != rec; a = a.Parent {
		if a == nil || a.Type != html.ElementNode {
			return "", false
		}
		s := simple(a)
		steps = append(steps, s)
		if k, others := nthOfType(a); others {
			s += ":nth-of-type(" + strconv.Itoa(k) + ")"
		}
		nth = append(nth, s)
	}
	slices.Reverse(steps)
	slices.Reverse(nth)
	for _, sel := range []string{steps[len(steps)-1], strings.Join(steps, " > "), strings.Join(nth, " > ")} {
		if len(steps) > 1 || sel == steps[0] || sel == nth[0] {
			if c.m.first(rec, sel) == n {
				return sel, true
			}
		}
	}
	return "", false
}
