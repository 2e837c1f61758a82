package induce

import (
	"context"
	"fmt"
	"strings"
)

// collect reads the members of every start page and of the pages its
// pagination reaches: given pages first, then (with opt.Fetch) fetched
// ones, up to opt.MaxPages per start. Pagination that leads to a page
// without the structure is dropped from the source, with a note.
func (in *inducer) collect(ctx context.Context, src *Source, ev *Evidence, opt Options) ([]Record, error) {
	given := map[string]*page{}
	for _, p := range in.pages {
		if _, dup := given[p.url]; !dup {
			given[p.url] = p
		}
	}
	reached := map[string]bool{}
	var members []Record
	verified, failed := false, ""
	// ended is the most pages a start had when the page after its last
	// could not be fetched: a counted page parameter must stop there, as
	// the engine fails a source on a page it cannot fetch.
	ended := 0
	for _, p := range in.pages {
		if reached[p.url] {
			continue
		}
		recs := in.extract(src, p)
		if len(recs) == 0 {
			continue
		}
		src.Start = append(src.Start, p.url)
		members = append(members, recs...)
		ev.Pages++
		if src.Next == nil && src.Pages == nil {
			continue
		}
		cur := p
		for n := 1; n < opt.MaxPages; n++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			u := in.nextURL(src, p.url, cur, n)
			if u == "" || u == cur.url || reached[u] || u == p.url {
				break
			}
			reached[u] = true
			next, err := in.load(ctx, given, u, opt)
			if err != nil {
				failed = err.Error()
				ended = max(ended, n)
				break
			}
			if next == nil {
				failed = "no fetcher to verify " + u
				break
			}
			recs := in.extract(src, next)
			if len(recs) == 0 {
				if n == 1 {
					failed = u + " lists no records with the same structure"
				}
				break
			}
			verified = true
			members = append(members, recs...)
			ev.Pages++
			cur = next
		}
	}
	switch {
	case verified:
	case failed != "" && (src.Next != nil || src.Pages != nil):
		ev.Notes = append(ev.Notes, "pagination dropped, not verified: "+failed)
		src.Next, src.Pages = nil, nil
	}
	switch {
	case src.Pages != nil && ended > 1:
		src.MaxPages = ended
		ev.Notes = append(ev.Notes, fmt.Sprintf("the page after the last answers an error (%s): max_pages is the %d pages seen", failed, ended))
	case src.Next != nil || src.Pages != nil:
		src.MaxPages = opt.MaxPages
	}
	return in.dedupe(src, members), nil
}

// nextURL is the page the engine would read after cur: the next link's
// target, or the start URL with the page parameter counted up.
func (in *inducer) nextURL(src *Source, start string, cur *page, n int) string {
	switch {
	case src.Next != nil:
		if v := in.c.read(cur.doc.Nodes[0], *src.Next); v != "" {
			return resolve(cur.url, v)
		}
	case src.Pages != nil:
		return withParam(start, src.Pages.Param, src.Pages.From+n)
	}
	return ""
}

// load returns a given page, or fetches and parses it; nil without error
// when there is no fetcher.
func (in *inducer) load(ctx context.Context, given map[string]*page, u string, opt Options) (*page, error) {
	if p, ok := given[u]; ok {
		return p, nil
	}
	if opt.Fetch == nil {
		return nil, nil
	}
	body, err := opt.Fetch(ctx, u)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	p, err := parsePage(Page{URL: u, HTML: body})
	if err != nil {
		return nil, err
	}
	given[u] = p
	return p, nil
}

// extract reads a page's records with exactly the source's selectors and
// the engine's field rules; records without a name are skipped, as the
// engine skips them.
func (in *inducer) extract(src *Source, p *page) []Record {
	var out []Record
	for _, n := range p.doc.Find(src.Items).Nodes {
		name := in.c.read(n, src.Fields["name"])
		if name == "" {
			continue
		}
		r := Record{Name: name, URL: p.url}
		if f, ok := src.Fields["country"]; ok {
			r.Country = in.c.read(n, f)
		}
		if f, ok := src.Fields["key"]; ok {
			r.key = in.c.read(n, f)
		}
		if r.key == "" {
			r.key = memberKey(r.Name, r.Country)
		}
		out = append(out, r)
	}
	return out
}

// dedupe drops records read twice (pages that overlap, a member listed
// under two letters) and sets the source's dedupe flag when it dropped
// any. Records are keyed as the engine keys members, by the key field or
// else the published name and country, since the engine keeps one member
// per key whatever the flag says.
func (in *inducer) dedupe(src *Source, members []Record) []Record {
	seen := map[string]bool{}
	out := members[:0]
	for _, m := range members {
		if seen[m.key] {
			src.Dedupe = true
			continue
		}
		seen[m.key] = true
		out = append(out, m)
	}
	return out
}

// memberKey is the engine's fallback member key (scrapers.MemberKey, which
// this package may not import): the published name and country, white
// space collapsed and lower-cased.
func memberKey(name, country string) string {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if c := strings.ToLower(strings.Join(strings.Fields(country), " ")); c != "" {
		k += "|" + c
	}
	return k
}
