package induce

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// page is a parsed page.
type page struct {
	url string
	doc *goquery.Document
}

func parsePage(p Page) (*page, error) {
	root, err := html.Parse(bytes.NewReader(p.HTML))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", p.URL, err)
	}
	return &page{url: p.URL, doc: goquery.NewDocumentFromNode(root)}, nil
}

// hit is an element whose text names a known member.
type hit struct {
	node *html.Node
	page int
	match
	own bool // the element's own text, not its whole text, names it
}

// findHits walks a page once and returns the elements whose text (or, for
// an element with children, own text) names a known member. Only short
// texts are looked up, so the walk stays linear in the page size.
func findHits(ix *index, p *page, pageNo int) []hit {
	var hits []hit
	var walk func(n *html.Node) int // returns the text length below n
	walk = func(n *html.Node) int {
		size := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				size += len(c.Data)
			case html.ElementNode:
				if !skipped(c) {
					size += walk(c)
				}
			case html.DocumentNode:
				size += walk(c)
			}
		}
		if n.Type != html.ElementNode || size == 0 || size > 2*maxNameBytes || onlyChild(n) {
			return size
		}
		t := clean(nodeText(n))
		if m, ok := ix.lookup(t); ok {
			hits = append(hits, hit{node: n, page: pageNo, match: m})
			return size
		}
		if n.FirstChild != nil && n.FirstChild != n.LastChild {
			if o := clean(ownText(n)); o != "" && o != t {
				if m, ok := ix.lookup(o); ok {
					hits = append(hits, hit{node: n, page: pageNo, match: m, own: true})
				}
			}
		}
		return size
	}
	walk(p.doc.Nodes[0])
	return hits
}

// onlyChild is true when n's text is all in one element child: its text
// is the child's, already looked up.
func onlyChild(n *html.Node) bool {
	var el *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && el == nil:
			el = c
		case c.Type == html.ElementNode:
			return false
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		}
	}
	return el != nil && !skipped(el)
}
