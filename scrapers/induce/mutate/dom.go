package mutate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clone returns a deep copy of s, so a mutation never changes its base.
func (s *Set) clone() *Set {
	c := *s
	cp := func(ps []Page) []Page {
		out := make([]Page, len(ps))
		for i, p := range ps {
			out[i] = Page{URL: p.URL, HTML: bytes.Clone(p.HTML), Members: append([]Member(nil), p.Members...)}
		}
		return out
	}
	c.Pages, c.Extra = cp(s.Pages), cp(s.Extra)
	c.Members = append([]Member(nil), s.Members...)
	c.Reserve = append([]Member(nil), s.Reserve...)
	return &c
}

// editPages parses every page of s (list pages and extra pages alike), lets
// f change its tree and renders it back. f gets the page, whose Members it
// may reorder.
func editPages(s *Set, f func(doc *goquery.Document, p *Page) error) error {
	for _, ps := range [][]Page{s.Pages, s.Extra} {
		for i := range ps {
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(ps[i].HTML))
			if err != nil {
				return fmt.Errorf("parse %s: %w", ps[i].URL, err)
			}
			if err := f(doc, &ps[i]); err != nil {
				return fmt.Errorf("%s: %w", ps[i].URL, err)
			}
			b, err := render(doc)
			if err != nil {
				return err
			}
			ps[i].HTML = b
		}
	}
	return nil
}

// render serialises a document, keeping its doctype and comments (the
// comment that says the page is constructed).
func render(doc *goquery.Document) ([]byte, error) {
	var buf bytes.Buffer
	for _, n := range doc.Nodes {
		if err := html.Render(&buf, n); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// listRecords is one list element and its records, each with the member it
// shows.
type listRecords struct {
	list    *goquery.Selection
	recs    []*goquery.Selection
	members []Member
}

// records finds the lists and records of a page by the base set's shape,
// pairing records with the page's members in document order (C40's ticker
// shows every member twice, so the pairing wraps around).
func records(doc *goquery.Document, sh shape, p *Page) []listRecords {
	var out []listRecords
	i := 0
	doc.Find(sh.list).Each(func(_ int, l *goquery.Selection) {
		lr := listRecords{list: l}
		l.Find(sh.rec).Each(func(_ int, rec *goquery.Selection) {
			lr.recs = append(lr.recs, rec)
			if len(p.Members) > 0 {
				lr.members = append(lr.members, p.Members[i%len(p.Members)])
			}
			i++
		})
		out = append(out, lr)
	})
	return out
}

// retag changes an element's tag name in place.
func retag(n *html.Node, tag string) {
	n.Data = tag
	n.DataAtom = atom.Lookup([]byte(tag))
}

// setAttr sets or adds an attribute.
func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// fragment parses markup as children of context.
func fragment(markup string, context *html.Node) ([]*html.Node, error) {
	return html.ParseFragment(strings.NewReader(markup), context)
}

// walk calls f on n and every node below it, parents first.
func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		walk(c, f)
		c = next
	}
}

// token returns a random identifier of n lower-case letters and digits.
func token(r *rand.Rand, n int) string {
	const abc = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	b[0] = abc[r.IntN(26)]
	for i := 1; i < n; i++ {
		b[i] = abc[r.IntN(len(abc))]
	}
	return string(b)
}

// pick returns one of xs.
func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }
