package scrapers

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/fetch"
)

// defaultMaxPages bounds a paged list when the spec does not.
const defaultMaxPages = 100

// Scraper reads one network's members through a Fetcher, following its spec.
type Scraper struct {
	Network Network
	Spec    *Spec
	Fetcher fetch.Fetcher
	Logger  *slog.Logger
	// AsOf picks the spec variant: the run's date, or a capture's date.
	AsOf time.Time
	// OnPage, when set, is called after every page with the running totals.
	OnPage func(pages, members int)
	// KeepPages is how many pages of each source the Result keeps in
	// SourcePages (0: none). Self-repair induces a new structure from
	// them, so a failed variant's pages need not be fetched again.
	KeepPages int

	// priorItems caches last night's list items by list page URL (see
	// reusedDetail).
	priorItems map[string]map[string]string
}

// Result is what one network's scrape produced.
type Result struct {
	Network string
	Variant string
	Members []citynets.Member
	Claims  []Claim
	Pages   int
	Bytes   int64
	// Reused counts the detail pages (of Pages) read from the last night's
	// archive instead of fetched (Detail.ReuseNights).
	Reused  int
	Reports []PageReport
	Notes   []string
	// InvalidUTF8 counts extracted fields (names, countries, attribute keys
	// and values …) that held invalid UTF-8 even after the page was decoded
	// by its charset; their bad bytes were replaced with U+FFFD.
	InvalidUTF8 int
	// Truncated counts extracted fields cut to MaxFieldRunes characters.
	Truncated int
	// SourcePages holds, by source name, the first pages read (landing and
	// list pages, not detail pages), when the Scraper was asked to keep
	// them; self-repair reads them.
	SourcePages map[string][]*fetch.Page
	// sourceNames are the names each primary source yielded, for telling
	// which source's structure broke.
	sourceNames map[string][]string
	// Degraded lists the optional sources that failed. The members are
	// those of the primary sources, without what these sources add; the
	// pipeline marks the network degraded and carries those fields from
	// the last good snapshot.
	Degraded []SourceFailure
}

// SourceFailure is an optional source that failed.
type SourceFailure struct {
	Source string
	Err    error
	// Fields are the member fields the source sets ("region",
	// "attributes.page" …, never "name"); it may also add attributes it
	// cannot name ahead (unmapped labels), see Source.Gives.
	Fields []string
}

// Reason words the failure for a manifest or a note: "optional source
// cities failed: blocked: …".
func (f SourceFailure) Reason() string {
	return fmt.Sprintf("optional source %s failed: %s", f.Source, Reason(f.Err))
}

// Claim is a member count a source's page states about itself.
type Claim struct {
	Source  string
	URL     string
	Count   int
	AtLeast bool
	Parsed  int // members the source yielded
}

// PageReport says what each selector matched on one page, for `check`.
type PageReport struct {
	Source string
	URL    string
	Status int
	Items  int
	Fields map[string]int // field → items that had a value
}

// Claimed returns the total count the pages claim, or -1 when none does.
func (r *Result) Claimed() int {
	if len(r.Claims) == 0 {
		return -1
	}
	n := 0
	for _, c := range r.Claims {
		n += c.Count
	}
	return n
}

// runVariant reads one variant. The Result is never nil, even with an
// error: the pages it kept are what self-repair reads.
func (s *Scraper) runVariant(ctx context.Context, v Variant) (*Result, error) {
	r := &Result{Network: s.Network.ID, Variant: v.Name, sourceNames: map[string][]string{}}
	seen := map[string]bool{}
	for _, src := range v.Sources {
		if src.Merge != "" {
			continue
		}
		ms, err := s.runSource(ctx, r, src)
		if err != nil {
			return r, fmt.Errorf("source %s: %w", src.Name, err)
		}
		if s.Network.Combine != nil {
			ms = s.Network.Combine(ms)
		}
		for _, m := range ms {
			r.sourceNames[src.Name] = append(r.sourceNames[src.Name], m.Name)
			if seen[m.MemberKey] {
				r.Notes = append(r.Notes, fmt.Sprintf("source %s: member key %q seen twice; kept the first", src.Name, m.MemberKey))
				continue
			}
			seen[m.MemberKey] = true
			r.Members = append(r.Members, m)
		}
	}
	for _, src := range v.Sources {
		if src.Merge == "" {
			continue
		}
		extra, err := s.runSource(ctx, r, src)
		if err != nil && src.Optional && ctx.Err() == nil {
			f := SourceFailure{Source: src.Name, Err: err, Fields: src.Gives()}
			r.Degraded = append(r.Degraded, f)
			r.Notes = append(r.Notes, fmt.Sprintf("%s; members kept without what it adds (%s)", f.Reason(), strings.Join(f.Fields, ", ")))
			continue
		}
		if err != nil {
			return r, fmt.Errorf("source %s: %w", src.Name, err)
		}
		r.Notes = append(r.Notes, merge(r.Members, extra, src.Name)...)
	}
	return r, nil
}

// runSource reads every page of one source.
func (s *Scraper) runSource(ctx context.Context, r *Result, src Source) ([]citynets.Member, error) {
	var out []citynets.Member
	for i, start := range src.Start {
		ms, err := s.runStart(ctx, r, src, start, i == 0)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	if src.Dedupe {
		out = dedupe(out)
	}
	for i := range r.Claims {
		if r.Claims[i].Source == src.Name {
			r.Claims[i].Parsed = len(out)
		}
	}
	return out, nil
}

// runStart reads one start URL's pages. The claimed count is read from the
// first page of the source's first start URL (or its via page) only.
func (s *Scraper) runStart(ctx context.Context, r *Result, src Source, start string, first bool) ([]citynets.Member, error) {
	wantClaim := src.Claimed != nil && first
	if src.Via != nil {
		list, err := s.via(ctx, r, src, start, wantClaim)
		if err != nil {
			return nil, err
		}
		start, wantClaim = list, false
	}
	var out []citynets.Member
	maxPages := src.MaxPages
	if maxPages <= 0 {
		maxPages = defaultMaxPages
	}
	next, visited := start, map[string]bool{}
	for n := 0; next != "" && n < maxPages; n++ {
		u := next
		if src.Pages != nil {
			u = withParam(start, src.Pages.Param, src.Pages.From+n)
		}
		if visited[u] {
			break
		}
		visited[u] = true
		page, doc, err := s.get(ctx, r, u)
		if err != nil {
			return nil, err
		}
		s.keep(r, src.Name, page)
		if wantClaim && n == 0 {
			s.readClaim(r, src, page.URL, doc)
		}
		ms, err := s.readItems(ctx, r, src, page, doc)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
		if s.OnPage != nil {
			s.OnPage(r.Pages, len(r.Members)+len(out))
		}
		next = ""
		switch {
		case len(ms) == 0:
		case src.Next != nil:
			if link, ok := src.Next.value(doc.Selection); ok {
				next = resolve(page.URL, link)
			}
		case src.Pages != nil:
			next = "more"
		}
	}
	return out, nil
}

// via fetches a landing page (reading the claimed count there when asked)
// and returns the URL of the list it links to. A landing page without the
// link fails the source: the site has changed.
func (s *Scraper) via(ctx context.Context, r *Result, src Source, start string, claim bool) (string, error) {
	page, doc, err := s.get(ctx, r, start)
	if err != nil {
		return "", err
	}
	s.keep(r, src.Name, page)
	if claim {
		s.readClaim(r, src, page.URL, doc)
	}
	link, ok := src.Via.value(doc.Selection)
	if !ok {
		return "", fmt.Errorf("%s: the via link %q matched nothing", page.URL, src.Via.Select)
	}
	return resolve(page.URL, link), nil
}

func (s *Scraper) get(ctx context.Context, r *Result, u string) (*fetch.Page, *goquery.Document, error) {
	page, err := s.Fetcher.Fetch(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	r.Pages++
	r.Bytes += int64(len(page.Body))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page.Text()))
	if err != nil {
		return nil, nil, fmt.Errorf("parse %s: %w", u, err)
	}
	return page, doc, nil
}

// keep adds a page to r.SourcePages while the source has fewer than
// s.KeepPages.
func (s *Scraper) keep(r *Result, source string, page *fetch.Page) {
	if len(r.SourcePages[source]) >= s.KeepPages {
		return
	}
	if r.SourcePages == nil {
		r.SourcePages = map[string][]*fetch.Page{}
	}
	r.SourcePages[source] = append(r.SourcePages[source], page)
}

// readClaim reads the count the page states. A claim the spec expects and
// the page does not state is noted, never dropped in silence: the guard
// cannot compare what it was not given, and a redesign that moved the
// sentence is exactly what the claim is there to catch.
func (s *Scraper) readClaim(r *Result, src Source, pageURL string, doc *goquery.Document) {
	v, ok := src.Claimed.value(doc.Selection)
	if !ok {
		r.Notes = append(r.Notes, fmt.Sprintf("source %s: %s", src.Name, missingClaim(src.Claimed, pageURL)))
		return
	}
	n, err := strconv.Atoi(strings.NewReplacer(",", "", ".", "", " ", "").Replace(v))
	if err != nil {
		r.Notes = append(r.Notes, fmt.Sprintf("source %s: claimed count %q is not a number", src.Name, v))
		return
	}
	r.Claims = append(r.Claims, Claim{Source: src.Name, URL: pageURL, Count: n, AtLeast: src.Claimed.AtLeast})
}

// ClaimNotFound starts the note on a claimed count the spec expects and a
// page does not state, so that check and the run log can pick it out.
const ClaimNotFound = "claimed count expected"

// missingClaim words the note on a claim not found on a page.
func missingClaim(c *Claimed, pageURL string) string {
	var what []string
	if c.Select != "" {
		what = append(what, fmt.Sprintf("selector %q", c.Select))
	}
	if c.Pattern != "" {
		what = append(what, fmt.Sprintf("pattern %q", c.Pattern))
	}
	if len(what) == 0 {
		what = append(what, "the page's text")
	}
	return fmt.Sprintf("%s (%s) but not found on %s", ClaimNotFound, strings.Join(what, ", "), pageURL)
}

// readItems turns the list items of one page into members.
func (s *Scraper) readItems(ctx context.Context, r *Result, src Source, page *fetch.Page, doc *goquery.Document) ([]citynets.Member, error) {
	rep := PageReport{Source: src.Name, URL: page.URL, Status: page.Status, Fields: map[string]int{}}
	var out []citynets.Member
	groups := doc.Selection
	if src.Group != "" {
		groups = doc.Find(src.Group)
	}
	var err error
	groups.EachWithBreak(func(_ int, g *goquery.Selection) bool {
		inherited := map[string]string{}
		readFields(src.GroupFields, g, inherited)
		g.Find(src.Items).EachWithBreak(func(_ int, item *goquery.Selection) bool {
			rep.Items++
			var m *citynets.Member
			m, err = s.readItem(ctx, r, src, page, item, inherited, rep.Fields)
			if m != nil {
				out = append(out, *m)
			}
			return err == nil
		})
		return err == nil
	})
	r.Reports = append(r.Reports, rep)
	return out, err
}

func (s *Scraper) readItem(ctx context.Context, r *Result, src Source, page *fetch.Page, item *goquery.Selection, inherited map[string]string, counts map[string]int) (*citynets.Member, error) {
	vals := map[string]string{}
	for k, v := range inherited {
		vals[k] = v
	}
	readFields(src.Fields, item, vals)
	for _, label := range readLabels(src.Labels, item, vals) {
		r.Notes = appendOnce(r.Notes, fmt.Sprintf("source %s: unaudited label %q kept as an attribute", src.Name, label))
	}
	for k := range vals {
		counts[k]++
	}
	m := &citynets.Member{
		Network: s.Network.ID, MemberType: src.MemberType, NetworkRegion: src.NetworkRegion,
		Attributes: map[string]string{}, SourceURL: page.URL, SourceSHA256: page.SHA256, FetchedAt: page.FetchedAt,
	}
	if src.Detail != nil {
		if err := s.readDetail(ctx, r, src, page, item, vals); err != nil {
			return nil, err
		}
	}
	var fixes fieldRepairs
	defer func() { r.InvalidUTF8, r.Truncated = r.InvalidUTF8+fixes.invalid, r.Truncated+fixes.truncated }()
	fixes.sanitizeValues(vals)
	r.Notes = append(r.Notes, apply(m, vals, src.Fields, src.TypeMap)...)
	m.Name = stripWords(m.Name, src.StripWords)
	splitCountry(m, src.CountryInName)
	if m.Name == "" {
		return nil, nil
	}
	if m.MemberType == "" {
		m.MemberType = citynets.TypeOther
	}
	if m.MemberKey == "" {
		m.MemberKey = MemberKey(m.Name, m.CountryPublished)
	}
	if s.Network.Item != nil && !s.Network.Item(m, item) {
		return nil, nil
	}
	fixes.sanitizeMember(m)
	return m, nil
}

// readDetail fetches the item's own page and adds its fields to vals;
// values already read from the list win.
func (s *Scraper) readDetail(ctx context.Context, r *Result, src Source, page *fetch.Page, item *goquery.Selection, vals map[string]string) error {
	link, ok := src.Detail.Link.value(item)
	if !ok {
		return nil
	}
	doc, err := s.detailPage(ctx, r, src, page, item, resolve(page.URL, link))
	if err != nil {
		return fmt.Errorf("detail page: %w", err)
	}
	extra := map[string]string{}
	readFields(src.Detail.Fields, doc.Selection, extra)
	for _, label := range readLabels(src.Detail.Labels, doc.Selection, extra) {
		r.Notes = appendOnce(r.Notes, fmt.Sprintf("source %s: unaudited detail label %q kept as an attribute", src.Name, label))
	}
	for k, v := range extra {
		if _, has := vals[k]; !has {
			vals[k] = v
		}
	}
	return nil
}

// detailPage reads a member's page: from the last night's archive when
// it may be reused, else fetched.
func (s *Scraper) detailPage(ctx context.Context, r *Result, src Source, page *fetch.Page, item *goquery.Selection, u string) (*goquery.Document, error) {
	p, err := s.reusedDetail(ctx, src, page, item, u)
	if err != nil || p == nil {
		_, doc, err := s.get(ctx, r, u)
		return doc, err
	}
	r.Pages++
	r.Reused++
	r.Bytes += int64(len(p.Body))
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Text()))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", u, err)
	}
	return doc, nil
}

// merge adds the fields of a merge source's members to the members with the
// same published name. It returns notes on names found on only one side.
func merge(members, extra []citynets.Member, source string) []string {
	byName := map[string]*citynets.Member{}
	for i := range members {
		byName[MemberKey(members[i].Name, "")] = &members[i]
	}
	var notes []string
	matched := map[*citynets.Member]bool{}
	for _, e := range extra {
		m, ok := byName[MemberKey(e.Name, "")]
		if !ok {
			notes = append(notes, fmt.Sprintf("source %s lists %q, which no primary source lists", source, e.Name))
			continue
		}
		matched[m] = true
		mergeInto(m, e)
	}
	for i := range members {
		if !matched[&members[i]] {
			notes = append(notes, fmt.Sprintf("source %s does not list %q", source, members[i].Name))
		}
	}
	return notes
}

// mergeInto adds what e knows to m, keeping what m already has.
func mergeInto(m *citynets.Member, e citynets.Member) {
	if e.NetworkRegion != "" {
		m.NetworkRegion = e.NetworkRegion
	}
	if m.CountryPublished == "" {
		m.CountryPublished = e.CountryPublished
	}
	if m.MemberSince.IsZero() {
		m.MemberSince = e.MemberSince
	}
	for k, v := range e.Attributes {
		m.Attributes[k] = v
	}
	if e.MemberKey != MemberKey(e.Name, e.CountryPublished) {
		m.Attributes["slug"] = e.MemberKey
	}
}

func dedupe(ms []citynets.Member) []citynets.Member {
	seen := map[string]bool{}
	out := ms[:0]
	for _, m := range ms {
		if !seen[m.MemberKey] {
			seen[m.MemberKey] = true
			out = append(out, m)
		}
	}
	return out
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// resolve makes a link absolute against the page it was found on. On a
// web-archive capture the link stays in the archive at the page's capture
// time (see resolveInCapture), whatever form it was published in.
func resolve(base, link string) string {
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return link
	}
	if c, ok := parseCapture(b); ok {
		if u, ok := resolveInCapture(c, l); ok {
			return u
		}
	}
	return b.ResolveReference(l).String()
}

// withParam sets one query parameter of a URL.
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
