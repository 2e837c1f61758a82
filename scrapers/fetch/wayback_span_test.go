package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

const (
	spanStart = "https://www.c40.org/cities/"
	spanPage  = "https://www.c40.org/cities/page/2"
	spanOther = "https://www.c40.org/about"
)

func at(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

// spanCaptures hold what a collapsed or careless list would get wrong:
// several captures a day (the latest before a step is the day's last),
// two of the same second with different bodies (the archive's order
// decides), runs of one body (collapse=digest keeps only the first of a
// run, and a farther capture with another body would be chosen), a 404
// capture (not listed), and captures after the span.
var spanCaptures = []waybacktest.Capture{
	{URL: spanStart, Time: at(2012, 5, 31, 1), Body: []byte("s1")},
	{URL: spanStart, Time: at(2012, 5, 31, 15), Body: []byte("s2")},
	{URL: spanStart, Time: at(2012, 5, 31, 23), Body: []byte("s2")},
	{URL: spanStart, Time: at(2013, 6, 30, 12), Body: []byte("s3")},
	{URL: spanStart, Time: at(2013, 6, 30, 12), Body: []byte("s3 again, same second")},
	{URL: spanStart, Time: at(2014, 2, 28, 22), Body: []byte("gone"), Status: 404},
	{URL: spanStart, Time: at(2014, 2, 1, 8), Body: []byte("s4")},
	{URL: spanStart, Time: at(2015, 12, 31, 18), Body: []byte("s5")},
	{URL: spanStart, Time: at(2027, 1, 1, 0), Body: []byte("after the span")},
	{URL: spanPage, Time: at(2012, 4, 1, 0), Body: []byte("A")},
	{URL: spanPage, Time: at(2012, 5, 20, 0), Body: []byte("A")},
	{URL: spanPage, Time: at(2012, 5, 30, 0), Body: []byte("B")},
	{URL: spanPage, Time: at(2013, 6, 29, 0), Body: []byte("C")},
	{URL: spanPage, Time: at(2013, 7, 1, 12), Body: []byte("C")},
	{URL: spanPage, Time: at(2013, 7, 1, 12), Body: []byte("D, same second")},
	{URL: spanPage, Time: at(2015, 11, 1, 0), Body: []byte("E")},
	{URL: spanOther, Time: at(2014, 1, 1, 0), Body: []byte("other")},
}

// spanLookup is one NearestBefore (window < 0) or Nearest.
type spanLookup struct {
	url    string
	t      time.Time
	window time.Duration
}

func (l spanLookup) String() string {
	if l.window < 0 {
		return fmt.Sprintf("NearestBefore(%s, %s)", l.url, l.t.Format(stampLayout))
	}
	return fmt.Sprintf("Nearest(%s, %s, %v)", l.url, l.t.Format(stampLayout), l.window)
}

func (l spanLookup) do(a *Archive) (Capture, error) {
	if l.window < 0 {
		return a.NearestBefore(context.Background(), l.url, l.t)
	}
	return a.Nearest(context.Background(), l.url, l.t, l.window)
}

// spanLookups are lookups at every step a backfill might make: start
// pages before step dates, other pages near capture times, robots.txt
// near the date; all within the span ending 2026-12-31.
func spanLookups() []spanLookup {
	var out []spanLookup
	steps := []time.Time{day(2012, 1, 1), day(2012, 6, 1), at(2012, 5, 31, 15), at(2012, 5, 31, 14),
		day(2013, 7, 1), at(2013, 6, 30, 12), day(2014, 3, 1), day(2016, 1, 1), day(2026, 9, 1)}
	for _, u := range []string{spanStart, spanPage, spanOther, "https://www.c40.org/robots.txt"} {
		for _, t := range steps {
			out = append(out, spanLookup{u, t, -1})
			for _, w := range []time.Duration{0, 24 * time.Hour, 15 * 24 * time.Hour, 90 * 24 * time.Hour} {
				out = append(out, spanLookup{u, t, w}, spanLookup{u, t.Add(-time.Hour), w})
			}
		}
	}
	return out
}

// TestSpanSameAsUncached compares every lookup of an Archive with Span
// (with the whole history, from a date, and with a limit that cuts the
// lists) with the same lookup of one without: same capture, or both
// ErrNoCapture. Lookups after the span are answered too, by a query of
// their own.
func TestSpanSameAsUncached(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures)
	plain, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	spanned := map[string]*Archive{}
	for name, setup := range map[string]struct {
		from  time.Time
		limit int
	}{
		"all history":       {},
		"from 2013":         {from: day(2013, 1, 1)},
		"cut to 2 per URL":  {limit: 2},
		"cut, from 2012-05": {from: day(2012, 5, 1), limit: 3},
	} {
		a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{SpanLimit: setup.limit})
		a.Span(setup.from, day(2026, 12, 31))
		spanned[name] = a
	}
	lookups := append(spanLookups(),
		spanLookup{spanStart, day(2027, 6, 1), -1}, // after the span: asks the archive
		spanLookup{spanStart, day(2026, 12, 31), 90 * 24 * time.Hour})
	for _, l := range lookups {
		want, wantErr := l.do(plain)
		if wantErr != nil && !errors.Is(wantErr, ErrNoCapture) {
			t.Fatalf("%s uncached: %v", l, wantErr)
		}
		for name, a := range spanned {
			got, err := l.do(a)
			if got != want || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Errorf("%s, span %s: %s %q, %v; uncached %s %q, %v", l, name, got.Stamp(), got.Digest, err, want.Stamp(), want.Digest, wantErr)
			}
		}
	}
}

// TestSpanOneQueryPerURL reads a start page and a linked page at ten step
// dates, as a backfill does: one CDX query per URL in all, and a capture
// that serves several steps is fetched once.
func TestSpanOneQueryPerURL(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	a.Span(time.Time{}, day(2026, 12, 31))
	served := map[string]int{}
	for y := 2017; y >= 2012; y-- {
		for _, m := range []time.Month{1, 7} {
			tr := a.Transport(day(y, m, 1), 90*24*time.Hour, []string{spanStart})
			for _, u := range []string{spanStart, spanPage} {
				resp, err := getVia(tr, u)
				if errors.Is(err, ErrNoCapture) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				served[resp.Header.Get("X-Archive-Capture")]++
			}
		}
	}
	if n := srv.Count(waybacktest.CDX); n != 2 {
		t.Errorf("%d CDX queries for 2 URLs over 12 steps, want 2", n)
	}
	steps := 0
	for _, n := range served {
		steps += n
	}
	if n := srv.Count(waybacktest.CaptureKind); n != len(served) || n >= steps {
		t.Errorf("%d capture fetches for %d captures serving %d pages, want one per capture", n, len(served), steps)
	}
	for _, r := range srv.Requests() {
		if q, _ := url.ParseQuery(r.Query); r.Kind == waybacktest.CDX && (q.Get("limit") != "-10000" || q.Get("collapse") != "" || q.Get("filter") != "statuscode:200") {
			t.Errorf("span query %s: want limit=-10000, no collapse, filter=statuscode:200", r.Query)
		}
	}
}

// TestSpanErrorNotRemembered: a CDX query that fails is not remembered; the
// next lookup of the URL asks again, and once answered the URL is not
// asked for again.
func TestSpanErrorNotRemembered(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures, waybacktest.Fail(waybacktest.CDX, 1, http.StatusServiceUnavailable, ""))
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{Tries: 1})
	a.Span(time.Time{}, day(2026, 12, 31))
	_, err := a.NearestBefore(context.Background(), spanStart, day(2014, 3, 1))
	checkErr(t, err, &HTTPError{}, http.StatusServiceUnavailable)
	for range 3 {
		c, err := a.NearestBefore(context.Background(), spanStart, day(2014, 3, 1))
		if err != nil || c.Stamp() != "20140201080000" {
			t.Fatalf("after the failure: %s, %v; want 20140201080000", c.Stamp(), err)
		}
	}
	if n := srv.Count(waybacktest.CDX); n != 2 {
		t.Errorf("%d CDX queries, want 2 (the failed one, then one answered)", n)
	}
	// An empty answer is an answer: remembered.
	for range 2 {
		if _, err := a.NearestBefore(context.Background(), "https://www.c40.org/never", day(2014, 3, 1)); !errors.Is(err, ErrNoCapture) {
			t.Fatalf("a page never captured: %v, want ErrNoCapture", err)
		}
	}
	if n := srv.Count(waybacktest.CDX); n != 3 {
		t.Errorf("%d CDX queries, want 3 (the empty answer asked once)", n)
	}
}

// TestSpanConcurrentLookups: networks read at once share the Archive; the
// first lookups of a URL made together share one query.
func TestSpanConcurrentLookups(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	a.Span(time.Time{}, day(2026, 12, 31))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			u := []string{spanStart, spanPage}[i%2]
			if _, err := a.Nearest(context.Background(), u, day(2013, 7, 1), 90*24*time.Hour); err != nil {
				t.Error(err)
			}
			tr := a.Transport(day(2016, 1, 1), 90*24*time.Hour, []string{spanStart})
			if _, err := getVia(tr, spanStart); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := srv.Count(waybacktest.CDX); n != 2 {
		t.Errorf("%d CDX queries for 2 URLs looked up by 16 callers at once, want 2", n)
	}
}

// TestSpanLimitBoundsTheList: a list cut by SpanLimit keeps the newest
// rows; a lookup older than them asks the archive, and the answer is the
// same.
func TestSpanLimitBoundsTheList(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{SpanLimit: 2})
	a.Span(time.Time{}, day(2026, 12, 31))
	list, err := a.spanList(context.Background(), spanStart)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.caps) != 2 || list.complete || list.caps[0].Stamp() != "20140201080000" {
		t.Fatalf("list of %d rows from %s, complete %v; want the newest 2, cut", len(list.caps), list.caps[0].Stamp(), list.complete)
	}
	if c, err := a.NearestBefore(context.Background(), spanStart, day(2016, 1, 1)); err != nil || c.Stamp() != "20151231180000" {
		t.Errorf("within the kept rows: %s, %v", c.Stamp(), err)
	}
	if n := srv.Count(waybacktest.CDX); n != 1 {
		t.Errorf("%d CDX queries, want 1", n)
	}
	if c, err := a.NearestBefore(context.Background(), spanStart, day(2013, 1, 1)); err != nil || c.Stamp() != "20120531230000" {
		t.Errorf("older than the kept rows: %s, %v", c.Stamp(), err)
	}
	if n := srv.Count(waybacktest.CDX); n != 2 {
		t.Errorf("%d CDX queries, want 2 (the older lookup asks)", n)
	}
}

// TestPageCacheBounded: the captures kept for reuse stay under their
// bound, the least recently used dropped first; a body over a quarter of
// the bound is not kept.
func TestPageCacheBounded(t *testing.T) {
	p := &pageCache{max: 16, pages: map[string]*capturedPage{}}
	page := func(n int) *capturedPage { return &capturedPage{body: make([]byte, n)} }
	p.put("a", page(4))
	p.put("b", page(4))
	p.put("c", page(4))
	p.put("big", page(5))
	if p.get("a") == nil {
		t.Fatal("a not kept")
	}
	p.put("d", page(4))
	p.put("e", page(4)) // over 16 bytes: b, the least recently used, goes
	for k, want := range map[string]bool{"a": true, "b": false, "c": true, "d": true, "e": true, "big": false} {
		if got := p.get(k) != nil; got != want {
			t.Errorf("%s kept %v, want %v", k, got, want)
		}
	}
	if p.size > p.max || len(p.order) != len(p.pages) {
		t.Errorf("size %d over %d, or order %v out of step with %d pages", p.size, p.max, p.order, len(p.pages))
	}
}

// TestSpanListTooLarge: a capture list over MaxBodySize is not asked for
// again at every lookup; the URL is looked up per call, as without Span.
func TestSpanListTooLarge(t *testing.T) {
	srv := waybacktest.New(t, spanCaptures)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{MaxBodySize: 600})
	a.Span(time.Time{}, day(2026, 12, 31))
	for range 3 {
		c, err := a.NearestBefore(context.Background(), spanStart, day(2014, 3, 1))
		if err != nil || c.Stamp() != "20140201080000" {
			t.Fatalf("%s, %v; want 20140201080000", c.Stamp(), err)
		}
	}
	if n := srv.Count(waybacktest.CDX); n != 4 {
		t.Errorf("%d CDX queries, want 4 (the span once, then one per lookup)", n)
	}
}
