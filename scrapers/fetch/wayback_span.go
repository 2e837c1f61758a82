package fetch

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"
	"time"
)

// A backfill asks the archive for the same pages at every step. Without
// Span, each NearestBefore and Nearest is a CDX query of its own: URLs ×
// steps queries, at the archive's pace of about 20 a minute. With Span,
// the first lookup of a URL asks the CDX API once for every 200 capture of
// it in the span, and every later lookup of that URL, at any step, is
// answered from that list: one CDX query per distinct URL.
//
// The list is not collapsed. collapse=timestamp:8 keeps the first capture
// of each day, so the latest capture before a step (which is most often on
// the day before it, late) would be lost; collapse=digest keeps the first
// of each run of identical bodies, so the capture nearest a start page's
// could be dropped in favour of a farther one with another body. Either
// would change which capture a step reads. Only the list's length is
// bounded (ArchiveConfig.SpanLimit, the newest rows kept), and a lookup the
// kept rows cannot answer exactly falls back to its own query.

// Bounds of what the Archive remembers in span mode.
const (
	// defaultSpanLimit is ArchiveConfig.SpanLimit's default: rows kept per
	// URL (about 2 MB of CDX JSON, under 1 MB in memory).
	defaultSpanLimit = 10000
	// maxSpanRows bounds the rows kept for all URLs together (about 25 MB);
	// a URL whose list would pass it is looked up per call instead.
	maxSpanRows = 250000
	// maxReusedBytes bounds the capture bodies kept for reuse by a later
	// step.
	maxReusedBytes = 32 << 20
)

// spanState is what an Archive in span mode remembers.
type spanState struct {
	from, to time.Time // the span, to the second; from zero: all history
	limit    int       // rows kept per URL

	mu    sync.Mutex
	lists map[string]*spanEntry // by archiveKey
	rows  int                   // rows kept in lists, all URLs
	pages *pageCache
}

// spanEntry is one URL's capture list, or the query that is fetching it:
// ready is closed once list (or err, or uncached) is set.
type spanEntry struct {
	ready    chan struct{}
	list     *spanList
	err      error
	uncached bool // over maxSpanRows: look this URL up per call
}

// spanList is the 200 captures of one URL within the span, in time order
// (the archive's order for rows of the same second).
type spanList struct {
	caps []Capture
	// complete is false when the limit cut the list: only captures after
	// the first one kept are all known.
	complete bool
}

// Span makes the Archive remember each URL's captures between from and to
// (from zero: since the archive began), for a backfill whose every lookup
// lies in that span. The first NearestBefore or Nearest of a URL then asks
// the CDX API once for the whole span (filter=statuscode:200, not
// collapsed, limit=-SpanLimit: the newest rows when there are more), and
// later lookups of the URL are answered from that list, with the same
// answer as a query of their own would give. A lookup the list cannot
// answer exactly (outside the span, or older than a list cut by the limit)
// asks the archive as without Span. A failed query is not remembered: the
// next lookup asks again. An empty answer is remembered (the URL has no
// capture in the span). A URL whose list is over ArchiveConfig.MaxBodySize,
// or would take the lists of all URLs past 250,000 rows, is looked up per
// call.
//
// Span also keeps the bytes of the captures fetched (at most 32 MiB, the
// least recently used dropped first), so that a step whose nearest capture
// is the one an earlier step read reuses it instead of fetching it again.
//
// Call Span before the Archive is used; calling it again forgets what was
// remembered.
func (a *Archive) Span(from, to time.Time) {
	s := &spanState{
		from:  from.UTC().Truncate(time.Second),
		to:    to.UTC(),
		limit: a.cfg.SpanLimit,
		lists: map[string]*spanEntry{},
		pages: &pageCache{max: maxReusedBytes, pages: map[string]*capturedPage{}},
	}
	if from.IsZero() {
		s.from = time.Time{}
	}
	a.spanMu.Lock()
	defer a.spanMu.Unlock()
	a.span = s
}

// spanState returns the span, nil when Span was not called.
func (a *Archive) spanState() *spanState {
	a.spanMu.Lock()
	defer a.spanMu.Unlock()
	return a.span
}

// spanList returns url's list, querying the archive the first time; nil
// (and no error) when the Archive is not in span mode or the URL is looked
// up per call. Concurrent first lookups of a URL share one query.
func (a *Archive) spanList(ctx context.Context, url string) (*spanList, error) {
	s := a.spanState()
	if s == nil {
		return nil, nil
	}
	key := archiveKey(url)
	s.mu.Lock()
	e, ok := s.lists[key]
	if !ok {
		e = &spanEntry{ready: make(chan struct{})}
		s.lists[key] = e
	}
	s.mu.Unlock()
	if ok {
		select {
		case <-e.ready:
			return e.list, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}

	list, err := a.querySpan(ctx, s, url)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(e.ready)
	switch {
	case errors.Is(err, ErrTooLarge):
		// More rows than MaxBodySize holds (very long URLs): asking again
		// would fail again, so this URL is looked up per step.
		e.uncached = true
		a.logger.Warn("web archive: capture list over the body size limit; this URL is looked up per step", "url", url, "error", err)
		return nil, nil
	case err != nil:
		delete(s.lists, key) // not remembered: the next lookup asks again
		e.err = err
		return nil, err
	case s.rows+len(list.caps) > maxSpanRows:
		e.uncached = true
		a.logger.Warn("web archive: capture lists over their memory bound; this URL is looked up per step", "url", url, "rows", len(list.caps))
		return list, nil // good for this lookup, not kept
	}
	s.rows += len(list.caps)
	e.list = list
	return list, nil
}

// querySpan asks the CDX API for url's captures within the span.
func (a *Archive) querySpan(ctx context.Context, s *spanState, url string) (*spanList, error) {
	caps, err := a.Captures(ctx, CDXQuery{URL: url, From: s.from, To: s.to, Limit: -s.limit})
	if errors.Is(err, ErrNoCapture) {
		return &spanList{complete: true}, nil // the empty answer: none in the span
	}
	if err != nil {
		return nil, err
	}
	// Stable: rows of the same second keep the archive's order, which
	// decides between them as it does for a query of their own.
	slices.SortStableFunc(caps, func(x, y Capture) int { return x.Timestamp.Compare(y.Timestamp) })
	complete := len(caps) < s.limit
	if len(caps) > s.limit { // a server that ignores limit=-N
		caps = caps[len(caps)-s.limit:]
	}
	return &spanList{caps: intern(slices.Clip(caps)), complete: complete}, nil
}

// intern shares the strings rows repeat (the URL, the media type, a body's
// digest while it is unchanged), so that a list costs about its Capture
// structs.
func intern(caps []Capture) []Capture {
	seen := map[string]string{}
	get := func(s string) string {
		if v, ok := seen[s]; ok {
			return v
		}
		seen[s] = s
		return s
	}
	for i := range caps {
		caps[i].Original, caps[i].Mime, caps[i].Digest = get(caps[i].Original), get(caps[i].Mime), get(caps[i].Digest)
	}
	return caps
}

// latestBefore answers NearestBefore(t) from the list: known is false
// when the list cannot tell (t after the span, or every kept row after t
// and older rows not known).
func (l *spanList) latestBefore(s *spanState, t time.Time) (c Capture, found, known bool) {
	if t.After(s.to) {
		return Capture{}, false, false
	}
	i := sort.Search(len(l.caps), func(i int) bool { return l.caps[i].Timestamp.After(t) })
	if i > 0 {
		// The last row at or before t: the latest, the archive's last on a
		// tie, as limit=-1 answers. Rows cut by the limit are all older.
		return l.caps[i-1], true, true
	}
	return Capture{}, false, l.complete && s.from.IsZero()
}

// within returns the rows from lo to hi (both inclusive, lo to the
// second), known false when the list may lack some of them.
func (l *spanList) within(s *spanState, lo, hi time.Time) (caps []Capture, known bool) {
	lo = lo.Truncate(time.Second)
	switch {
	case hi.After(s.to):
		return nil, false
	case l.complete && !s.from.IsZero() && lo.Before(s.from):
		return nil, false
	case !l.complete && (len(l.caps) == 0 || !lo.After(l.caps[0].Timestamp)):
		// The limit may have cut rows of the first kept row's second.
		return nil, false
	}
	i := sort.Search(len(l.caps), func(i int) bool { return !l.caps[i].Timestamp.Before(lo) })
	j := sort.Search(len(l.caps), func(i int) bool { return l.caps[i].Timestamp.After(hi) })
	return l.caps[i:j], true
}

// pageCache keeps fetched captures by their id_ URL, up to max body bytes,
// dropping the least recently used first: a step asks for about the pages
// the step before it read.
type pageCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order []string // least recently used first
	pages map[string]*capturedPage
}

// get returns the capture fetched from captureURL, if kept.
func (p *pageCache) get(captureURL string) *capturedPage {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	page, ok := p.pages[captureURL]
	if ok {
		i := slices.Index(p.order, captureURL)
		p.order = append(slices.Delete(p.order, i, i+1), captureURL)
	}
	return page
}

// put keeps page as the answer to captureURL.
func (p *pageCache) put(captureURL string, page *capturedPage) {
	if p == nil || len(page.body) > p.max/4 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.pages[captureURL]; ok {
		return
	}
	drop := 0
	for p.size+len(page.body) > p.max && drop < len(p.order) {
		p.size -= len(p.pages[p.order[drop]].body)
		delete(p.pages, p.order[drop])
		drop++
	}
	p.order = slices.Delete(p.order, 0, drop)
	p.pages[captureURL] = page
	p.order = append(p.order, captureURL)
	p.size += len(page.body)
}

// reusable returns the page cache, nil outside span mode.
func (a *Archive) reusable() *pageCache {
	if s := a.spanState(); s != nil {
		return s.pages
	}
	return nil
}
