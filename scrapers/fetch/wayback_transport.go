package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// UsedCapture is one capture a CaptureTransport served, for the snapshot's
// manifest: which live URL was asked for, which capture answered it, and
// how far its time lies from the date read.
type UsedCapture struct {
	URL        string        // the live URL requested
	CaptureURL string        // the capture that answered, id_ form, after any archive redirect
	Time       time.Time     // the capture's time (UTC), the actual one after a redirect
	Start      bool          // the URL is a start page (matched NearestBefore the date)
	Distance   time.Duration // Time minus the date read: negative is before it
}

// CaptureTransport is an http.RoundTripper that answers requests for live
// URLs from the archive's captures, as the pages stood at one date. Give it
// to NewTransport as its base (with Config.Retries < 0 and Config.Delay < 0:
// the Archive paces and retries itself), so that the fetcher, robots.txt
// and the WARC see the live URLs while the bytes come from the archive.
//
// A start page is read from its latest capture at or before the date; any
// other URL from its capture nearest to the first start page's capture
// time (the date itself until a start page has been read), within the
// window, so that a list's pages are read as near as possible to its first
// page. A robots.txt is answered by its capture nearest to the date, within
// the window, or by a 404 (allow all) when there is none or the archive
// answers its error page for it: the rules the site gave at that time are
// obeyed, and a site without archived rules is treated as a site without
// rules, as a live site without robots.txt is.
//
// Each response carries the original URL as its Request.URL, the capture
// time in Memento-Datetime (RFC 1123) and as its body's fetch time (so the
// Page and its WARC record are dated at the capture), and the capture's
// address in X-Archive-Capture and Link (rel="memento"). Errors match
// ErrNoCapture, ErrArchiveErrorPage, ErrTruncatedCapture, ErrRobots (the
// archive host's robots.txt), or are an *HTTPError.
type CaptureTransport struct {
	archive *Archive
	at      time.Time
	window  time.Duration
	starts  map[string]bool

	mu     sync.Mutex
	anchor time.Time                // the first start page's capture time; zero until then
	used   []UsedCapture            // in the order served
	pages  map[string]*capturedPage // served so far, by archiveKey: asked twice, fetched once
}

var _ http.RoundTripper = (*CaptureTransport)(nil)

// Transport returns a CaptureTransport reading the archive as it stood at
// at: starts are the start pages' URLs, window bounds how far from the
// start page's capture any other page's capture may lie.
func (a *Archive) Transport(at time.Time, window time.Duration, starts []string) *CaptureTransport {
	set := make(map[string]bool, len(starts))
	for _, s := range starts {
		set[archiveKey(s)] = true
	}
	return &CaptureTransport{archive: a, at: at.UTC(), window: max(window, 0), starts: set, pages: map[string]*capturedPage{}}
}

// RoundTrip answers a GET for a live URL from its capture.
func (t *CaptureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		return nil, fmt.Errorf("web archive: %s %s: only GET can be answered from captures", req.Method, req.URL)
	}
	original := req.URL.String()
	page, err := t.page(req.Context(), original)
	if err != nil {
		if isRobots(original) && (errors.Is(err, ErrNoCapture) || errors.Is(err, ErrArchiveErrorPage)) {
			return t.noRobots(req), nil
		}
		return nil, fmt.Errorf("%s as of %s: %w", original, t.at.Format(time.DateOnly), err)
	}
	return t.response(req, page), nil
}

// page returns the capture that answers original, from the archive the
// first time.
func (t *CaptureTransport) page(ctx context.Context, original string) (*capturedPage, error) {
	key := archiveKey(original)
	t.mu.Lock()
	page, ok := t.pages[key]
	anchor := t.anchor
	t.mu.Unlock()
	if ok {
		return page, nil
	}
	start := t.starts[key]
	if isRobots(original) {
		anchor = t.at // read before any start page, and the rules in force at the date
	}
	page, err := t.lookup(ctx, original, start, anchor)
	if err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if start && t.anchor.IsZero() {
		t.anchor = page.capture.Timestamp
	}
	t.pages[key] = page
	t.used = append(t.used, UsedCapture{
		URL:        original,
		CaptureURL: page.captureURL,
		Time:       page.capture.Timestamp,
		Start:      start,
		Distance:   page.capture.Timestamp.Sub(t.at),
	})
	return page, nil
}

// lookup finds and fetches the capture of original: a start page's latest
// at or before the date, any other page's nearest to anchor (the date when
// no start page has been read yet) within the window.
func (t *CaptureTransport) lookup(ctx context.Context, original string, start bool, anchor time.Time) (*capturedPage, error) {
	a := t.archive
	if start {
		c, err := a.NearestBefore(ctx, original, t.at)
		if err != nil {
			return nil, err
		}
		return a.fetchCapture(ctx, c, time.Time{}, t.at)
	}
	if anchor.IsZero() {
		anchor = t.at
	}
	c, err := a.Nearest(ctx, original, anchor, t.window)
	if err != nil {
		return nil, err
	}
	return a.fetchCapture(ctx, c, anchor.Add(-t.window), anchor.Add(t.window))
}

// isRobots says whether raw is a site's robots.txt.
func isRobots(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Path == "/robots.txt"
}

// response is the live-URL response req gets from page.
func (t *CaptureTransport) response(req *http.Request, page *capturedPage) *http.Response {
	h := page.header.Clone()
	for _, k := range []string{"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"} {
		h.Del(k)
	}
	when := page.capture.Timestamp.UTC().Format(http.TimeFormat)
	h.Set("Memento-Datetime", when)
	h.Set("X-Archive-Capture", page.captureURL)
	h.Set("Link", fmt.Sprintf(`<%s>; rel="original", <%s>; rel="memento"; datetime="%s"`, page.capture.Original, page.captureURL, when))
	if page.location != "" {
		h.Set("Location", page.location)
	}
	return &http.Response{
		Status:        strconv.Itoa(page.status) + " " + http.StatusText(page.status),
		StatusCode:    page.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          newBufferedBody(page.body, page.capture.Timestamp),
		ContentLength: int64(len(page.body)),
		Request:       req,
	}
}

// noRobots answers a robots.txt the archive holds no capture of: 404, so
// that the site counts as having no rules, as a live site without a
// robots.txt does.
func (t *CaptureTransport) noRobots(req *http.Request) *http.Response {
	h := http.Header{}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Archive-Capture", "none")
	return &http.Response{
		Status:        "404 Not Found",
		StatusCode:    http.StatusNotFound,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          newBufferedBody(nil, t.at),
		ContentLength: 0,
		Request:       req,
	}
}

// Used returns the captures served so far, in the order served, for the
// manifest.
func (t *CaptureTransport) Used() []UsedCapture {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]UsedCapture(nil), t.used...)
}
