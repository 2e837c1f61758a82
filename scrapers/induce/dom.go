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

// identRE is a CSS identifier that needs no escaping.
var identRE = regexp.MustCompile(`^-?[A-Za-z_][A-Za-z0-9_-]*$`)

// unstableClass matches classes that say a state or look generated: they
// differ between records of one list or between two builds of one site.
var unstableClass = regexp.MustCompile(`(?i)^(active|current|selected|first|last|odd|even|hidden|visible|show|open|is-.*|has-.*|js-.*|new|featured|highlight(ed)?|clearfix|row|col(-.*)?|sc-.*|css-.*|jsx-.*|ng-.*|svelte-.*|emotion-.*)$|[0-9a-f]{5,}|\d{3,}`)

// stableClasses are n's classes that a selector may rely on, sorted.
func stableClasses(n *html.Node) []string {
	v, _ := attr(n, "class")
	var out []string
	for _, c := range strings.Fields(v) {
		if identRE.MatchString(c) && !unstableClass.MatchString(c) && !slices.Contains(out, c) {
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
	if identRE.MatchString(id) && !unstableClass.MatchString(id) {
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
