package fetch

import (
	"context"
	"errors"
	"time"
)

// CDXQuery asks the archive's CDX API which captures of a URL it holds.
// Only captures that were answered 200 at crawl time are listed
// (filter=statuscode:200): a dated read wants pages, not the redirects and
// errors a crawler also met.
type CDXQuery struct {
	URL      string    // the page's URL, or the URL prefix with Prefix
	From, To time.Time // inclusive, to the second; zero means unbounded
	Prefix   bool      // matchType=prefix: every URL starting with URL
	// Collapse keeps one row per this many leading digits of the
	// timestamp (collapse=timestamp:N: 8 is one a day); 0 keeps all.
	Collapse int
	// Limit caps the rows: N > 0 the first N, N < 0 the last -N
	// (limit=-N, which the Internet Archive answers more slowly); 0 is the
	// server's own cap.
	Limit int
}

// Captures runs q against the CDX API (/cdx/search/cdx?url=…&output=json
// &from=…&to=…&filter=statuscode:200&collapse=timestamp:N&matchType=prefix
// &limit=N) and returns the rows in the archive's order (by URL, then
// time). An empty answer is ErrNoCapture, so that callers cannot take "none
// archived" for "none needed".
func (a *Archive) Captures(ctx context.Context, q CDXQuery) ([]Capture, error) {
	return nil, errors.New("not implemented")
}

// NearestBefore returns the latest 200 capture of url at or before t
// (ErrNoCapture if there is none): a network's start page as it stood on
// a step date.
func (a *Archive) NearestBefore(ctx context.Context, url string, t time.Time) (Capture, error) {
	return Capture{}, errors.New("not implemented")
}

// Nearest returns the 200 capture of url closest to t within ±window, the
// earlier one on a tie (ErrNoCapture if there is none): a page linked from
// a start page, read as near as possible to the start page's own capture.
func (a *Archive) Nearest(ctx context.Context, url string, t time.Time, window time.Duration) (Capture, error) {
	return Capture{}, errors.New("not implemented")
}

// ParseCDX reads a CDX API answer in its JSON form: an array of rows of
// strings whose first row names the fields (urlkey, timestamp, original,
// mimetype, statuscode, digest, length by default, any subset with fl=).
// Fields are taken by name, not position; timestamp and original are
// required; "-" for statuscode or length reads as 0. An empty array, a
// header alone, and the resume key that follows an empty row are all
// accepted. Errors match ErrBadCDX.
func ParseCDX(data []byte) ([]Capture, error) {
	return nil, errors.New("not implemented")
}
