package induce

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// maxUp is how many ancestors above an element naming a member may be the
// record: a record wraps its name in a few levels at most.
const maxUp = 6

// maxCandidates is how many record selectors are scored in full; the
// others hold fewer known names than the last of these.
const maxCandidates = 12

// maxVotes bounds the hits that vote on a field selector: a sample decides
// as well as all of them, and keeps large pages fast.
const maxVotes = 400

// rec is one record: an element on a page.
type rec struct {
	node *html.Node
	page int
}

// candidate is a record selector with the fields induced for it and its
// scores.
type candidate struct {
	items   string
	records []rec
	name    Field
	split   sep
	names   []string // per record, "" when the name field read nothing

	found                                          int // distinct known members among the names
	recall, nameLike, regularity, precision, score float64
}

// inducer holds one induction's state.
type inducer struct {
	ix    *index
	pages []*page
	hits  []hit
	c     *cache

	sigs      map[*html.Node]string
	sibCounts map[*html.Node]map[string]int
	selectors map[*html.Node]string
}

func (in *inducer) sig(n *html.Node) string {
	if s, ok := in.sigs[n]; ok {
		return s
	}
	s := signature(n)
	in.sigs[n] = s
	return s
}

// repeated is true when n's parent has another child of n's signature.
func (in *inducer) repeated(n *html.Node) bool {
	p := n.Parent
	if p == nil || p.Type != html.ElementNode {
		return false
	}
	counts, ok := in.sibCounts[p]
	if !ok {
		counts = map[string]int{}
		for _, c := range elementChildren(p) {
			counts[in.sig(c)]++
		}
		in.sibCounts[p] = counts
	}
	return counts[in.sig(n)] >= 2
}

// candidates groups the hits by the selector of each repeated ancestor and
// returns the selectors holding the most distinct known members.
func (in *inducer) candidates() []string {
	groups := map[string]map[int32]bool{}
	for _, h := range in.hits {
		a := h.node
		for level := 0; level <= maxUp && a != nil && a.Type == html.ElementNode; level++ {
			if a.Data == "body" || a.Data == "html" {
				break
			}
			if in.repeated(a) {
				sel := in.recordSelector(a)
				g := groups[sel]
				if g == nil {
					g = map[int32]bool{}
					groups[sel] = g
				}
				g[h.idx] = true
			}
			a = a.Parent
		}
	}
	sels := make([]string, 0, len(groups))
	for s := range groups {
		sels = append(sels, s)
	}
	slices.SortFunc(sels, func(a, b string) int {
		if d := len(groups[b]) - len(groups[a]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return sels[:min(len(sels), maxCandidates)]
}

// recordSelector is a CSS selector for a and its siblings of a's kind: up
// to three parent steps down from the nearest ancestor with a class or id,
// and :not() for siblings of the same tag that carry an extra class (an
// ad or a heading between records).
func (in *inducer) recordSelector(a *html.Node) string {
	if s, ok := in.selectors[a]; ok {
		return s
	}
	chain := []string{simple(a) + in.exclusions(a)}
	p, anchored := a.Parent, false
	for i := 0; i < 3 && p != nil && p.Type == html.ElementNode; i++ {
		step, strong := parentStep(p)
		chain = append(chain, step)
		if strong || p.Data == "body" {
			anchored = true
			break
		}
		p = p.Parent
	}
	slices.Reverse(chain)
	sel := strings.Join(chain, " > ")
	if !anchored && p != nil {
		for q := p; q != nil && q.Type == html.ElementNode; q = q.Parent {
			if step, strong := parentStep(q); strong {
				sel = step + " " + sel
				break
			}
		}
	}
	// Every sibling of a's kind shares the selector.
	for _, c := range elementChildren(a.Parent) {
		if in.sig(c) == in.sig(a) {
			in.selectors[c] = sel
		}
	}
	return sel
}

// parentStep is one ancestor step; strong when it has an id or a class.
func parentStep(p *html.Node) (string, bool) {
	s := p.Data
	strong := false
	if id := stableID(p); id != "" {
		s += "#" + id
		strong = true
	}
	for _, c := range stableClasses(p) {
		s += "." + c
		strong = true
	}
	return s, strong
}

// exclusions are the :not() parts that keep a's differently classed
// siblings of the same tag out of its selector.
func (in *inducer) exclusions(a *html.Node) string {
	own := stableClasses(a)
	var not []string
	for _, c := range elementChildren(a.Parent) {
		if c.Data != a.Data || in.sig(c) == in.sig(a) {
			continue
		}
		cs := stableClasses(c)
		if !containsAll(cs, own) {
			continue // a class of a's already keeps c out
		}
		for _, x := range cs {
			if !slices.Contains(own, x) {
				if !slices.Contains(not, x) {
					not = append(not, x)
				}
				break
			}
		}
		if len(not) == 4 {
			break
		}
	}
	var b strings.Builder
	for _, x := range not {
		fmt.Fprintf(&b, ":not(.%s)", x)
	}
	return b.String()
}

func containsAll(set, sub []string) bool {
	for _, s := range sub {
		if !slices.Contains(set, s) {
			return false
		}
	}
	return true
}

// records are the elements sel matches on every page.
func (in *inducer) records(sel string) []rec {
	var out []rec
	for i, p := range in.pages {
		for _, n := range p.doc.Find(sel).Nodes {
			out = append(out, rec{node: n, page: i})
		}
	}
	return out
}

// fieldVote is one way of reading the name from a record.
type fieldVote struct {
	sel   string
	own   bool
	split sep
}

// evaluate finds the name field of the records sel matches and scores
// the structure.
func (in *inducer) evaluate(sel string) *candidate {
	c := &candidate{items: sel, records: in.records(sel)}
	if len(c.records) == 0 {
		return c
	}
	if ex := in.headerExclusion(c.records); ex != "" {
		c.items = sel + ex
		c.records = in.records(c.items)
	}
	votes := in.voteName(c.records)
	if len(votes) == 0 {
		return c
	}
	best := votes[0]
	c.name = Field{Select: best.sel, Own: best.own, Pattern: namePattern(best.split)}
	c.split = best.split
	in.score(c)
	return c
}

// voteName lets the hits inside the records vote for the relative
// selector that reaches the name; the most common wins, the record itself
// and shorter selectors winning ties.
func (in *inducer) voteName(records []rec) []fieldVote {
	recSet := make(map[*html.Node]bool, len(records))
	for _, r := range records {
		recSet[r.node] = true
	}
	count := map[fieldVote]int{}
	n := 0
	for _, h := range in.hits {
		if n == maxVotes {
			break
		}
		r := enclosing(h.node, recSet)
		if r == nil {
			continue
		}
		s, ok := in.c.relSelector(r, h.node)
		if !ok {
			continue
		}
		n++
		count[fieldVote{sel: s, own: h.own, split: h.split}]++
	}
	votes := make([]fieldVote, 0, len(count))
	for v := range count {
		votes = append(votes, v)
	}
	slices.SortFunc(votes, func(a, b fieldVote) int {
		if d := count[b] - count[a]; d != 0 {
			return d
		}
		if d := len(a.sel) - len(b.sel); d != 0 {
			return d
		}
		if a.own != b.own {
			if !a.own {
				return -1
			}
			return 1
		}
		if d := strings.Compare(a.sel, b.sel); d != 0 {
			return d
		}
		return int(a.split) - int(b.split)
	})
	return votes
}

// enclosing is the nearest ancestor-or-self of n in set, within maxUp+1
// levels.
func enclosing(n *html.Node, set map[*html.Node]bool) *html.Node {
	for i := 0; n != nil && i <= maxUp+1; i++ {
		if set[n] {
			return n
		}
		n = n.Parent
	}
	return nil
}

// score reads the names and sets the candidate's scores:
//
//	recall     distinct known members named / known members
//	nameLike   records whose name looks like a member name / records with a name
//	regularity records with a name / records
//	precision  records naming a known member / records with a name
//	score      recall × nameLike × regularity × (0.5 + 0.5 × precision)
//
// Precision only tips the balance between a list and a larger structure
// that holds it: a stale known set leaves a real list at 0.7–0.9.
func (in *inducer) score(c *candidate) {
	c.names = make([]string, len(c.records))
	seen := map[int32]bool{}
	nonEmpty, known := 0, 0
	counts := map[string]int{}
	for i, r := range c.records {
		v := in.c.read(r.node, c.name)
		c.names[i] = v
		if v == "" {
			continue
		}
		nonEmpty++
		counts[fold(v)]++
		if m, ok := in.ix.lookup(v); ok {
			known++
			seen[m.idx] = true
		}
	}
	if nonEmpty == 0 {
		return
	}
	like := 0
	for _, v := range c.names {
		if v != "" && in.nameLike(v, counts, len(c.records)) {
			like++
		}
	}
	c.found = len(seen)
	c.recall = float64(c.found) / float64(max(in.ix.total, 1))
	c.nameLike = float64(like) / float64(nonEmpty)
	c.regularity = float64(nonEmpty) / float64(len(c.records))
	c.precision = float64(known) / float64(nonEmpty)
	c.score = c.recall * c.nameLike * c.regularity * (0.5 + 0.5*c.precision)
}

// nameLike is looksLikeName plus the tests that need the whole structure:
// not boilerplate repeated across records, and not a country name (a
// country column is not a member list) unless a known member bears it.
func (in *inducer) nameLike(v string, counts map[string]int, records int) bool {
	if !looksLikeName(v) {
		return false
	}
	f := fold(v)
	if n := counts[f]; n > 2 && n*10 > records {
		return false
	}
	if in.ix.countries[f] {
		_, known := in.ix.names[f]
		return known
	}
	return true
}

// headerExclusion is the :not() or :has() part that keeps a table's
// header rows out of its records, "" when the records have none: a header
// row is read like a member otherwise ("Member", "City"). A header row is
//
//   - one whose cells are all th, or all role=columnheader (an ARIA grid);
//   - a parent's first row whose cells all read as column labels
//     ("City", "Country", "Member since") and name no known member.
//
// Rows under a thead need nothing: the record selector's parent step is
// the tbody. The part is kept only when it removes exactly the header rows.
func (in *inducer) headerExclusion(records []rec) string {
	var aria, th, words int
	for _, r := range records {
		switch headerRow(r.node) {
		case "aria":
			aria++
		case "th":
			th++
		case "":
			if in.labelRow(r.node) {
				words++
			}
		}
	}
	var ex string
	var want int
	switch {
	case aria > 0:
		ex, want = `:not(:has([role="columnheader"]))`, aria
	case th > 0:
		ex, want = ":has(td)", th
	case words > 0:
		ex, want = ":not(:first-child)", words
	default:
		return ""
	}
	kept, match := 0, in.c.m.get("*"+ex)
	for _, r := range records {
		if match.Match(r.node) {
			kept++
		}
	}
	if kept != len(records)-want {
		return ""
	}
	return ex
}

// headerRow is "aria" or "th" for a row whose cells are all column
// headers, else "".
func headerRow(n *html.Node) string {
	cells := elementChildren(n)
	if len(cells) == 0 {
		return ""
	}
	aria, th := 0, 0
	for _, c := range cells {
		if v, _ := attr(c, "role"); v == "columnheader" {
			aria++
		}
		if c.Data == "th" {
			th++
		}
	}
	switch {
	case aria == len(cells):
		return "aria"
	case th == len(cells):
		return "th"
	}
	return ""
}

// labelRow is true for the first row of its parent whose cells (two or
// more) all read as column labels, none a known member's name.
func (in *inducer) labelRow(n *html.Node) bool {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.ElementNode {
			return false // not the first row
		}
	}
	cells := elementChildren(n)
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells {
		t := clean(nodeText(c))
		if _, known := in.ix.lookup(t); known || !columnLabels[fold(t)] && !stopPhrases[fold(t)] {
			return false
		}
	}
	return true
}

// columnLabels are folded column headings of a member table.
var columnLabels = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []string{
		"member", "members", "member name", "city", "cities", "country", "countries", "name", "region",
		"state", "province", "type", "member type", "category", "member since", "joined", "since", "year",
		"date", "population", "website", "web site", "link", "association", "organisation", "organization",
		"local government", "municipality", "mayor", "continent", "status",
	} {
		m[fold(s)] = true
	}
	return m
}()
