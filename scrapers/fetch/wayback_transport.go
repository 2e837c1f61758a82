package fetch

import (
	"errors"
	"net/http"
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
// window. A robots.txt is answered by its nearest capture in the same way,
// or by a 404 (allow all) when none was archived: the rules the site gave
// at that time are obeyed, and a site without archived rules is treated as
// a site without rules.
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
	anchor time.Time     // the first start page's capture time; zero until then
	used   []UsedCapture // in the order served
}

var _ http.RoundTripper = (*CaptureTransport)(nil)

// Transport returns a CaptureTransport reading the archive as it stood at
// at: starts are the start pages' URLs, window bounds how far from the
// start page's capture any other page's capture may lie.
func (a *Archive) Transport(at time.Time, window time.Duration, starts []string) *CaptureTransport {
	set := make(map[string]bool, len(starts))
	for _, s := range starts {
		set[s] = true
	}
	return &CaptureTransport{archive: a, at: at.UTC(), window: window, starts: set}
}

// RoundTrip answers a GET for a live URL from its capture.
func (t *CaptureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return nil, errors.New("not implemented")
}

// Used returns the captures served so far, in the order served, for the
// manifest.
func (t *CaptureTransport) Used() []UsedCapture {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]UsedCapture(nil), t.used...)
}
