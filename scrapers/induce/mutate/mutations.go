package mutate

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Mutation is one kind of markup change a redesign makes. Apply changes a
// copy of a base set (never the base) using r for every choice it makes, so
// the seed decides the variant.
type Mutation struct {
	Name string
	// Redesign says what kind of site change the mutation stands for.
	Redesign string
	Apply    func(s *Set, r *rand.Rand) error
}

// ErrNotBase is returned when a mutation is applied to a set that is
// already mutated: mutations locate records by the base markup's shape.
var ErrNotBase = errors.New("mutate: mutations apply to base sets only")

// Mutate applies m to a copy of base, with the stream of base's seed for
// this mutation and network.
func Mutate(base *Set, m Mutation) (*Set, error) {
	if base.Mutation != "" || base.shape.list == "" {
		return nil, ErrNotBase
	}
	s := base.clone()
	if err := m.Apply(s, rng(base.Seed, "mutate/"+m.Name+"/"+base.Network)); err != nil {
		return nil, fmt.Errorf("mutation %s on %s: %w", m.Name, base.Network, err)
	}
	s.Mutation = m.Name
	s.shape = shape{}
	return s, nil
}

// Mutations returns the mutation table: the baseline "none" first, then one
// entry per kind of change the issue names.
func Mutations() []Mutation {
	return []Mutation{
		{"none", "no change: the base markup, so a failure here is the inducer's, not a mutation's", func(*Set, *rand.Rand) error { return nil }},
		{"rename", "a new theme renames every class and id (hashed CSS-module names or a new prefix)", mutateRename},
		{"retag", "li becomes div or span, div rows become li or article, tables become ARIA div grids", mutateRetag},
		{"layout", "the list is redrawn as a table or cards, the table as a list or cards, cards as a list or table", mutateLayout},
		{"wrapper", "a component framework adds a wrapper level around each record, the list, or both", mutateWrapper},
		{"merge", "name and country are printed in one element with a separator", mutateMerge},
		{"whitespace", "attribute order, indentation, newlines and no-break spaces change", mutateWhitespace},
		{"pager", "the pager's link text and markup change; a one-page list starts paging", mutatePager},
		{"interleave", "letter headings and promotions are put between the records", mutateInterleave},
	}
}

// mutateRename renames every class token and id consistently across the
// set's pages.
func mutateRename(s *Set, r *rand.Rand) error {
	style := r.IntN(3)
	names := map[string]string{}
	used := map[string]bool{}
	rename := func(old string) string {
		if n, ok := names[old]; ok {
			return n
		}
		var n string
		for n == "" || used[n] {
			switch style {
			case 0: // CSS modules / styled-components
				n = pick(r, "css-", "sc-", "jsx-") + token(r, 6)
			case 1: // a new theme prefix over meaningless words
				n = "t" + token(r, 2) + "-" + pick(r, "box", "item", "el", "wrap", "row", "blk", "cnt") + fmt.Sprint(r.IntN(100))
			default: // utility classes only
				n = pick(r, "flex", "grid", "p-", "m-", "text-", "w-", "gap-") + token(r, 3)
			}
		}
		used[n] = true
		names[old] = n
		return n
	}
	return editPages(s, func(doc *goquery.Document, _ *Page) error {
		walk(doc.Nodes[0], func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for i, a := range n.Attr {
				switch a.Key {
				case "class":
					f := strings.Fields(a.Val)
					for j := range f {
						f[j] = rename(f[j])
					}
					n.Attr[i].Val = strings.Join(f, " ")
				case "id":
					n.Attr[i].Val = rename("#" + a.Val)
				}
			}
		})
		return nil
	})
}

// mutateRetag changes the tag names of the records and their list.
func mutateRetag(s *Set, r *rand.Rand) error {
	sh := s.shape
	recTag := map[string]string{}
	listTag := map[string]string{}
	liTo := pick(r, "div", "span")
	divTo := pick(r, "li", "article", "section", "span")
	cellTo := pick(r, "div", "span")
	return editPages(s, func(doc *goquery.Document, p *Page) error {
		for _, lr := range records(doc, sh, p) {
			ln := lr.list.Nodes[0]
			if ln.Data == "table" {
				// An ARIA grid of divs in place of the table.
				walk(ln, func(n *html.Node) {
					if n.Type != html.ElementNode {
						return
					}
					switch n.Data {
					case "table":
						retag(n, "div")
						setAttr(n, "role", "table")
					case "thead", "tbody", "tfoot":
						retag(n, "div")
						setAttr(n, "role", "rowgroup")
					case "tr":
						retag(n, "div")
						setAttr(n, "role", "row")
					case "th":
						retag(n, cellTo)
						setAttr(n, "role", "columnheader")
					case "td":
						retag(n, cellTo)
						setAttr(n, "role", "cell")
					}
				})
				continue
			}
			for _, rec := range lr.recs {
				n := rec.Nodes[0]
				to, ok := recTag[n.Data]
				if !ok {
					to = divTo
					if n.Data == "li" {
						to = liTo
					}
					recTag[n.Data] = to
				}
				retag(n, to)
			}
			if len(lr.recs) > 0 || ln.Data == "ul" || ln.Data == "ol" {
				to := "div"
				if recTag["div"] == "li" {
					to = "ul"
				}
				if _, ok := listTag[ln.Data]; !ok {
					listTag[ln.Data] = to
				}
				retag(ln, listTag[ln.Data])
			}
		}
		return nil
	})
}

// mutateLayout redraws each list in another layout: list, table or cards.
func mutateLayout(s *Set, r *rand.Rand) error {
	sh := s.shape
	var to string
	for to == "" || to == sh.kind {
		to = pick(r, "list", "table", "cards")
	}
	variant := r.IntN(2)
	countryFirst := r.IntN(3) == 0
	return editPages(s, func(doc *goquery.Document, p *Page) error {
		for _, lr := range records(doc, sh, p) {
			var b strings.Builder
			link := func(m Member) string {
				return fmt.Sprintf("<a href=\"/members/%s\">%s</a>", slug(m.Name), esc(m.Name))
			}
			switch to {
			case "list":
				b.WriteString("<ul class=\"member-list\">\n")
				for _, m := range lr.members {
					if variant == 0 {
						fmt.Fprintf(&b, "<li class=\"member-list__item\">%s", link(m))
						if s.Countries {
							fmt.Fprintf(&b, " <span class=\"member-list__country\">%s</span>", esc(m.Country))
						}
					} else {
						fmt.Fprintf(&b, "<li><strong>%s</strong>", esc(m.Name))
						if s.Countries {
							fmt.Fprintf(&b, "<br><small>%s</small>", esc(m.Country))
						}
					}
					b.WriteString("</li>\n")
				}
				b.WriteString("</ul>")
			case "table":
				b.WriteString("<table class=\"members-table\"><thead><tr>")
				cell := func(m Member, country bool) string {
					if country {
						return "<td>" + esc(m.Country) + "</td>"
					}
					if variant == 0 {
						return "<td>" + link(m) + "</td>"
					}
					return "<td>" + esc(m.Name) + "</td>"
				}
				switch {
				case !s.Countries:
					b.WriteString("<th>City</th>")
				case countryFirst:
					b.WriteString("<th>Country</th><th>Member</th>")
				default:
					b.WriteString("<th>Member</th><th>Country</th>")
				}
				b.WriteString("</tr></thead>\n<tbody>\n")
				for _, m := range lr.members {
					b.WriteString("<tr>")
					switch {
					case !s.Countries:
						b.WriteString(cell(m, false))
					case countryFirst:
						b.WriteString(cell(m, true) + cell(m, false))
					default:
						b.WriteString(cell(m, false) + cell(m, true))
					}
					b.WriteString("</tr>\n")
				}
				b.WriteString("</tbody></table>")
			case "cards":
				b.WriteString("<div class=\"card-grid\">\n")
				for _, m := range lr.members {
					if variant == 0 {
						fmt.Fprintf(&b, "<article class=\"card\"><h3 class=\"card__title\">%s</h3>", link(m))
						if s.Countries {
							fmt.Fprintf(&b, "<p class=\"card__meta\">%s</p>", esc(m.Country))
						}
						fmt.Fprintf(&b, "<a class=\"card__more\" href=\"/members/%s\">Read more</a></article>\n", slug(m.Name))
					} else {
						fmt.Fprintf(&b, "<div class=\"tile\"><div class=\"tile-body\"><h4>%s</h4>", esc(m.Name))
						if s.Countries {
							fmt.Fprintf(&b, "<span class=\"tile-country\">%s</span>", esc(m.Country))
						}
						b.WriteString("</div><a class=\"tile-link\" href=\"#\">View profile</a></div>\n")
					}
				}
				b.WriteString("</div>")
			}
			lr.list.ReplaceWithHtml(b.String())
		}
		return nil
	})
}

// mutateWrapper adds a wrapper level around each record, the list, or both.
func mutateWrapper(s *Set, r *rand.Rand) error {
	sh := s.shape
	mode := r.IntN(3) // 0 records, 1 list, 2 both
	recClass := pick(r, "item-inner", "card-body", "row-wrapper", "entry")
	listClass := pick(r, "list-container", "results", "block-content")
	return editPages(s, func(doc *goquery.Document, p *Page) error {
		for _, lr := range records(doc, sh, p) {
			if mode != 1 {
				for _, rec := range lr.recs {
					switch rec.Nodes[0].Data {
					case "li":
						rec.WrapInnerHtml(fmt.Sprintf("<div class=%q></div>", recClass))
					case "tr":
						rec.ChildrenFiltered("td, th").WrapInnerHtml(fmt.Sprintf("<div class=%q></div>", recClass))
					default:
						rec.WrapHtml(fmt.Sprintf("<div class=%q></div>", recClass))
					}
				}
			}
			if mode != 0 {
				lr.list.WrapHtml(fmt.Sprintf("<div class=%q><div class=\"inner\"></div></div>", listClass))
			}
		}
		return nil
	})
}

// separators are the ways a page joins a name and its country.
var separators = []string{", ", " – ", " (%s)", " | "}

// Merged joins a name and country as a page would with sep.
func Merged(name, country, sep string) string {
	if strings.Contains(sep, "%s") {
		return name + fmt.Sprintf(sep, country)
	}
	return name + sep + country
}

// mutateMerge prints name and country in one element, wherever the record
// prints the name. ICLEI's search has published "City of Newark, CA,
// United States": it gets ", " most often.
func mutateMerge(s *Set, r *rand.Rand) error {
	sh := s.shape
	sep := separators[r.IntN(len(separators))]
	if s.Network == "iclei" && r.IntN(2) == 0 {
		sep = ", "
	}
	return editPages(s, func(doc *goquery.Document, p *Page) error {
		for _, lr := range records(doc, sh, p) {
			if sh.col > 0 {
				lr.list.Find("thead th").Eq(sh.col - 1).Remove()
			}
			for i, rec := range lr.recs {
				m := lr.members[i]
				name := rec
				if sh.name != "" {
					name = rec.Find(sh.name).First()
				}
				var country *goquery.Selection
				if sh.country != "" {
					country = rec.Find(sh.country).First()
				}
				if country != nil {
					country.Remove()
				}
				merged := Merged(m.Name, m.Country, sep)
				// Wherever else the record prints the name (ICLEI's detail
				// block repeats it in an h3), it prints the same merged text:
				// the site stores the name that way.
				rec.Find("*").Each(func(_ int, e *goquery.Selection) {
					if e.Children().Length() == 0 && collapse(e.Text()) == collapse(m.Name) {
						e.SetText(merged)
					}
				})
				name.SetText(merged)
			}
		}
		return nil
	})
}

// mutateWhitespace shuffles attribute order and changes the white space
// between and inside elements, including no-break spaces inside names.
func mutateWhitespace(s *Set, r *rand.Rand) error {
	indents := []string{"\n", "\n  ", "\n\t\t", "  ", "\r\n    ", " \n \n "}
	return editPages(s, func(doc *goquery.Document, _ *Page) error {
		body := doc.Find("body")
		if body.Length() == 0 {
			return nil
		}
		walk(body.Nodes[0], func(n *html.Node) {
			switch n.Type {
			case html.ElementNode:
				r.Shuffle(len(n.Attr), func(i, j int) { n.Attr[i], n.Attr[j] = n.Attr[j], n.Attr[i] })
				if n.Data == "pre" || n.Data == "script" || n.Data == "style" {
					return
				}
				// White space before each element child.
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && r.IntN(2) == 0 {
						n.InsertBefore(&html.Node{Type: html.TextNode, Data: pick(r, indents...)}, c)
					}
				}
			case html.TextNode:
				if strings.TrimSpace(n.Data) == "" || n.Parent == nil || n.Parent.Data == "script" || n.Parent.Data == "style" {
					return
				}
				words := strings.Fields(n.Data)
				var b strings.Builder
				b.WriteString(pick(r, "", "", "\n      ", "  ", "\t"))
				for i, w := range words {
					if i > 0 {
						b.WriteString(pick(r, " ", " ", " ", "  ", "\n        ", "\u00a0"))
					}
					b.WriteString(w)
				}
				b.WriteString(pick(r, "", "", "\n    ", " "))
				n.Data = b.String()
			}
		})
		return nil
	})
}

// mutatePager redraws the pager in another style; a list on one page is
// first cut into pages, as a site does when it starts paging.
func mutatePager(s *Set, r *rand.Rand) error {
	sh := s.shape
	if len(s.Pages) == 1 {
		if err := split(s, r); err != nil {
			return err
		}
	}
	style := r.IntN(5)
	hrefForm := r.IntN(3)
	urls := make([]string, len(s.Pages))
	for i, p := range s.Pages {
		switch hrefForm {
		case 0:
			urls[i] = esc(rootRel(p.URL))
		case 1:
			urls[i] = esc(p.URL)
		default:
			if q := strings.IndexByte(p.URL, '?'); q >= 0 && strings.Contains(p.URL[q:], sh.param+"=") {
				urls[i] = esc(p.URL[q:])
			} else {
				urls[i] = esc(rootRel(p.URL))
			}
		}
	}
	last := len(s.Pages) - 1
	pager := func(k int) (body, head string) {
		var b strings.Builder
		numbers := func(open, close, cur string) {
			for i := range s.Pages {
				if i == k {
					fmt.Fprintf(&b, open+cur+close, i+1)
				} else {
					fmt.Fprintf(&b, open+"<a href=\"%s\">%d</a>"+close, urls[i], i+1)
				}
			}
		}
		switch style {
		case 0: // arrows, no rel, no numbers
			b.WriteString("<div class=\"pages\">")
			if k > 0 {
				fmt.Fprintf(&b, "<a class=\"prev\" href=\"%s\">‹</a> ", urls[k-1])
			}
			fmt.Fprintf(&b, "<span class=\"cur\">%d / %d</span>", k+1, last+1)
			if k < last {
				fmt.Fprintf(&b, " <a class=\"nxt\" href=\"%s\">›</a>", urls[k+1])
			}
			b.WriteString("</div>")
		case 1: // guillemets with rel=next
			b.WriteString("<nav class=\"paging\"><ul>")
			if k > 0 {
				fmt.Fprintf(&b, "<li><a href=\"%s\" rel=\"prev\">«</a></li>", urls[k-1])
			}
			numbers("<li>", "</li>", "<strong>%d</strong>")
			if k < last {
				fmt.Fprintf(&b, "<li><a href=\"%s\" rel=\"next\">»</a></li>", urls[k+1])
			}
			b.WriteString("</ul></nav>")
		case 2: // a "Next page" button, rel removed
			b.WriteString("<div class=\"load-more\">")
			if k > 0 {
				fmt.Fprintf(&b, "<a class=\"button\" href=\"%s\">Previous page</a> ", urls[k-1])
			}
			if k < last {
				fmt.Fprintf(&b, "<a class=\"button button--primary\" href=\"%s\">Next page</a>", urls[k+1])
			}
			b.WriteString("</div>")
		case 3: // numbers only
			b.WriteString("<ol class=\"page-numbers\">")
			numbers("<li>", "</li>", "<span aria-current=\"page\">%d</span>")
			b.WriteString("</ol>")
		default: // numbers in the body, rel=next only in the head
			b.WriteString("<p class=\"pages\">Page: ")
			numbers("", " ", "<b>%d</b>")
			b.WriteString("</p>")
			if k < last {
				head = fmt.Sprintf("<link rel=\"next\" href=\"%s\">", urls[k+1])
			}
		}
		return b.String(), head
	}
	for k := range s.Pages {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(s.Pages[k].HTML))
		if err != nil {
			return err
		}
		body, head := pager(k)
		old := doc.Find(sh.pager)
		if sh.pager == "" || old.Length() == 0 {
			old = doc.Find(".pager-placeholder")
		}
		if old.Length() == 0 {
			return fmt.Errorf("page %s has no pager", s.Pages[k].URL)
		}
		old.ReplaceWithHtml(body)
		if head != "" {
			doc.Find("head").AppendHtml(head)
		}
		if s.Pages[k].HTML, err = render(doc); err != nil {
			return err
		}
	}
	return nil
}

// split cuts a one-page list into pages of 20 to 35 records, at
// ?page=2,3,…, each with a placeholder where the pager goes. C40's second
// ticker copy is dropped (a paged list does not scroll), and a group left
// without records is dropped with its heading.
func split(s *Set, r *rand.Rand) error {
	sh := s.shape
	base := s.Pages[0]
	size := 20 + r.IntN(16)
	n := (len(base.Members) + size - 1) / size
	var pages []Page
	for k := 0; k < n; k++ {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(base.HTML))
		if err != nil {
			return err
		}
		if sh.dup != "" {
			doc.Find(sh.dup).Remove()
		}
		i := 0
		var kept []Member
		for _, lr := range records(doc, sh, &base) {
			for j, rec := range lr.recs {
				if i/size != k {
					// The record goes with the line break after it.
					n := rec.Nodes[0]
					if ws := n.NextSibling; ws != nil && ws.Type == html.TextNode && strings.TrimSpace(ws.Data) == "" {
						ws.Parent.RemoveChild(ws)
					}
					rec.Remove()
				} else {
					kept = append(kept, lr.members[j])
				}
				i++
			}
		}
		if sh.group != "" {
			doc.Find(sh.group).Each(func(_ int, g *goquery.Selection) {
				if g.Find(sh.rec).Length() == 0 {
					g.Remove()
				}
			})
		}
		doc.Find(sh.list).Last().AfterHtml("<div class=\"pager-placeholder\"></div>")
		b, err := render(doc)
		if err != nil {
			return err
		}
		u := base.URL
		if k > 0 {
			u = pageURL(base.URL, sh.param, k+1)
		}
		pages = append(pages, Page{URL: u, HTML: b, Members: kept})
	}
	s.Pages = pages
	return nil
}

// mutateInterleave puts letter headings (the records sorted by name),
// promotions every ten records, or both between the records.
func mutateInterleave(s *Set, r *rand.Rand) error {
	sh := s.shape
	mode := r.IntN(3) // 0 headings, 1 promotions, 2 both
	every := 8 + r.IntN(5)
	ads := []string{"Subscribe to our newsletter", "Advertisement", "Support our work – donate today", "Sign up for our events"}
	liHeading := r.IntN(2) == 0
	return editPages(s, func(doc *goquery.Document, p *Page) error {
		var order []Member
		for _, lr := range records(doc, sh, p) {
			if len(lr.recs) == 0 {
				continue
			}
			parent := lr.recs[0].Nodes[0].Parent
			idx := make([]int, len(lr.recs))
			for i := range idx {
				idx[i] = i
			}
			if mode != 1 {
				sort.SliceStable(idx, func(a, b int) bool {
					return strings.ToLower(lr.members[idx[a]].Name) < strings.ToLower(lr.members[idx[b]].Name)
				})
			}
			for _, rec := range lr.recs {
				parent.RemoveChild(rec.Nodes[0])
			}
			tag := lr.recs[0].Nodes[0].Data
			heading := func(letter string) string {
				switch {
				case tag == "li" && liHeading:
					return "<li class=\"letter\">" + letter + "</li>"
				case tag == "li":
					return "<li class=\"az-heading\"><h4>" + letter + "</h4></li>"
				case tag == "tr":
					return fmt.Sprintf("<tr class=\"letter\"><th colspan=\"%d\">%s</th></tr>", max(sh.cols, 1), letter)
				default:
					return "<h3 class=\"letter-heading\">" + letter + "</h3>"
				}
			}
			ad := func() string {
				text := pick(r, ads...)
				switch tag {
				case "li":
					return "<li class=\"promo\"><a href=\"/newsletter\">" + text + "</a></li>"
				case "tr":
					return fmt.Sprintf("<tr class=\"promo\"><td colspan=\"%d\"><a href=\"/newsletter\">%s</a></td></tr>", max(sh.cols, 1), text)
				default:
					return "<div class=\"promo\">" + text + "</div>"
				}
			}
			appendMarkup := func(markup string) error {
				nodes, err := fragment(markup, parent)
				if err != nil {
					return err
				}
				for _, n := range nodes {
					parent.AppendChild(n)
				}
				return nil
			}
			letter := ""
			for k, i := range idx {
				m := lr.members[i]
				if mode != 1 {
					if l := initial(m.Name); l != letter {
						letter = l
						if err := appendMarkup(heading(l)); err != nil {
							return err
						}
					}
				}
				parent.AppendChild(lr.recs[i].Nodes[0])
				parent.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
				order = append(order, m)
				if mode != 0 && (k+1)%every == 0 {
					if err := appendMarkup(ad()); err != nil {
						return err
					}
				}
			}
		}
		if len(p.Members) > 0 && len(order) == len(p.Members) {
			p.Members = order
		}
		return nil
	})
}

// initial is the upper-case first letter of a name, the letter an A–Z list
// files it under.
func initial(name string) string {
	for _, c := range name {
		if unicode.IsLetter(c) {
			return string(unicode.ToUpper(c))
		}
	}
	return "#"
}
