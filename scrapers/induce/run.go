package induce

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Defaults for Options' zero values.
const (
	defaultMinRecall = 0.6
	defaultMaxPages  = 50
	// minNameLike is the share of records that must look like member
	// names: below it the structure is a menu, a teaser block or a table
	// of something else.
	minNameLike = 0.75
	// maxSamples is how many records the evidence shows.
	maxSamples = 10
)

// Induce finds, on pages, the repeated record structure that holds most of
// the known members and returns it as a spec source with its evidence. It
// refuses (an error wrapping ErrNoStructure) rather than return a list it
// cannot back with the known names.
func Induce(ctx context.Context, pages []Page, known []Known, opt Options) (*Result, error) {
	if opt.MinRecall <= 0 {
		opt.MinRecall = defaultMinRecall
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = defaultMaxPages
	}
	ix := newIndex(known)
	if ix.total == 0 {
		return nil, fmt.Errorf("%w: no known members to look for", ErrNoStructure)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrNoStructure)
	}
	in := &inducer{
		ix: ix, c: newCache(),
		sigs: map[*html.Node]string{}, sibCounts: map[*html.Node]map[string]int{}, selectors: map[*html.Node]string{},
	}
	for _, p := range pages {
		pp, err := parsePage(p)
		if err != nil {
			return nil, fmt.Errorf("induce: %w", err)
		}
		in.hits = append(in.hits, findHits(ix, pp, len(in.pages))...)
		in.pages = append(in.pages, pp)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(in.hits) == 0 {
		return nil, fmt.Errorf("%w: none of the %d known names appears on the page (a login, error or other page?)", ErrNoStructure, ix.total)
	}
	cands, err := in.rank(ctx)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 || cands[0].found == 0 {
		return nil, fmt.Errorf("%w: the %d known names found are in no repeated structure", ErrNoStructure, distinctHits(in.hits))
	}
	return in.build(ctx, cands, opt)
}

// rank evaluates the candidate record selectors, best first.
func (in *inducer) rank(ctx context.Context) ([]*candidate, error) {
	var out []*candidate
	for _, sel := range in.candidates() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c := in.evaluate(sel); c.found > 0 {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return len(out[i].records) < len(out[j].records)
	})
	return out, nil
}

func distinctHits(hits []hit) int {
	seen := map[int32]bool{}
	for _, h := range hits {
		seen[h.idx] = true
	}
	return len(seen)
}

// build turns the best candidate into a source, follows its pagination,
// reads its members and checks them against the refusal rules.
func (in *inducer) build(ctx context.Context, cands []*candidate, opt Options) (*Result, error) {
	best := cands[0]
	src := Source{Name: "induced", Items: best.items, Fields: map[string]Field{"name": best.name}}
	ev := Evidence{KnownTotal: in.ix.total, Claimed: -1}
	if f, ok := in.countryField(best); ok {
		src.Fields["country"] = f
	} else {
		ev.Notes = append(ev.Notes, "no country field: no element holds a country in most records")
	}
	if f, ok := in.keyField(best); ok {
		src.Fields["key"] = f
	}
	first := in.pages[0]
	if f, ok := in.nextLink(first.doc); ok {
		src.Next = f
	} else if p, ok := pageParam(first.url, first.doc); ok {
		src.Pages = p
	}
	if cl, ok := in.findClaim(first.doc); ok {
		f := cl.field
		src.Claimed = &f
		ev.Claimed = cl.count
	}
	members, err := in.collect(ctx, &src, &ev, opt)
	if err != nil {
		return nil, err
	}
	in.fillEvidence(&ev, best, cands, members)
	if err := in.refuse(best, &ev, opt); err != nil {
		return nil, err
	}
	return &Result{Source: src, Evidence: ev, Members: members}, nil
}

// fillEvidence sets the counts, samples and the alternatives that lost.
func (in *inducer) fillEvidence(ev *Evidence, best *candidate, cands []*candidate, members []Record) {
	seen := map[int32]bool{}
	for _, m := range members {
		if r, ok := in.ix.lookup(m.Name); ok {
			seen[r.idx] = true
		}
	}
	ev.KnownFound = len(seen)
	ev.Recall = float64(ev.KnownFound) / float64(in.ix.total)
	ev.Records = len(members)
	ev.Samples = members[:min(len(members), maxSamples)]
	ev.NameLike = best.nameLike
	for _, c := range cands[1:] {
		ev.Alternatives = append(ev.Alternatives, Candidate{
			Items: c.items, Recall: c.recall, NameLike: c.nameLike, Regularity: c.regularity,
			Score: c.score, Records: len(c.records), Why: whyLost(c, best),
		})
	}
}

// whyLost names the score that put c behind best.
func whyLost(c, best *candidate) string {
	var why []string
	if c.recall < best.recall-0.05 {
		why = append(why, fmt.Sprintf("holds %d known members, not %d", c.found, best.found))
	}
	if c.nameLike < best.nameLike-0.05 {
		why = append(why, fmt.Sprintf("%.0f %% of its records look like member names", 100*c.nameLike))
	}
	if c.regularity < best.regularity-0.05 {
		why = append(why, fmt.Sprintf("only %.0f %% of its records have a name", 100*c.regularity))
	}
	if c.precision < best.precision-0.05 {
		why = append(why, fmt.Sprintf("%d records, of which %.0f %% name a known member", len(c.records), 100*c.precision))
	}
	if len(why) == 0 {
		why = append(why, fmt.Sprintf("score %.3f below %.3f", c.score, best.score))
	}
	return strings.Join(why, "; ")
}

// refuse returns why the structure cannot be trusted, or nil.
func (in *inducer) refuse(best *candidate, ev *Evidence, opt Options) error {
	switch {
	case ev.Recall < opt.MinRecall:
		return fmt.Errorf("%w: the best structure %q holds %d of %d known names (recall %.2f < %.2f)",
			ErrNoStructure, best.items, ev.KnownFound, ev.KnownTotal, ev.Recall, opt.MinRecall)
	case best.nameLike < minNameLike:
		return fmt.Errorf("%w: only %.0f %% of the records of %q look like member names",
			ErrNoStructure, 100*best.nameLike, best.items)
	case ev.KnownFound < min(3, ev.KnownTotal):
		return fmt.Errorf("%w: only %d known names found", ErrNoStructure, ev.KnownFound)
	}
	if b := in.inBlock(best); b != "" {
		return fmt.Errorf("%w: the known names sit in a %s block (%q), not in a member list", ErrNoStructure, b, best.items)
	}
	if in.prose(best) {
		return fmt.Errorf("%w: the records of %q are prose (news or teasers) that mention known names", ErrNoStructure, best.items)
	}
	return nil
}

// blockRE matches classes and ids of page furniture: a list there is a
// sidebar, a news teaser or a menu, never the member list.
var blockRE = regexp.MustCompile(`(?i)(^|[-_])(sidebar|side-bar|news|newsfeed|widget|teaser|teasers|related|footer|nav|navbar|navigation|menu|breadcrumbs?)([-_]|$)`)

// inBlock names the page-furniture block most records sit in, or "".
func (in *inducer) inBlock(c *candidate) string {
	counts := map[string]int{}
	for _, r := range c.records {
		if b := furniture(r.node); b != "" {
			counts[b]++
		}
	}
	for b, n := range counts {
		if 2*n > len(c.records) {
			return b
		}
	}
	return ""
}

// furniture is the kind of page-furniture block n sits in, or "". The
// search stops at main and body: their classes describe the whole page
// (WordPress writes the template's name there).
func furniture(n *html.Node) string {
	for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		switch a.Data {
		case "aside", "nav", "footer":
			return a.Data
		case "main", "body", "html":
			return ""
		}
		for _, k := range []string{"class", "id"} {
			v, _ := attr(a, k)
			for _, w := range strings.Fields(v) {
				if m := blockRE.FindStringSubmatch(w); m != nil {
					return strings.ToLower(m[2])
				}
			}
		}
	}
	return ""
}

// prose is true when in most records the name is a link or phrase inside
// a sentence (a news item or teaser that mentions a member), not an entry
// of its own: the text around the name element runs to several words.
func (in *inducer) prose(c *candidate) bool {
	inline, named := 0, 0
	for i, r := range c.records {
		if c.names[i] == "" {
			continue
		}
		named++
		n := in.c.m.first(r.node, c.name.Select)
		if n == nil || n == r.node || n.Parent == nil {
			continue
		}
		if len(strings.Fields(ownText(n.Parent))) >= 6 {
			inline++
		}
	}
	return 2*inline > named
}
