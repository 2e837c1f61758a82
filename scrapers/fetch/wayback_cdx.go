package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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
	// timestamp (collapse=timestamp:N: 8 is one a day); 0 keeps all. The
	// archive collapses adjacent rows only, whatever their URL: with
	// Prefix, a page's captures can collapse into the previous page's.
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
	if q.URL == "" {
		return nil, fmt.Errorf("cdx query: %w: no url", ErrBadCDX)
	}
	res, err := a.get(ctx, &a.cdx, a.cfg.BaseURL+"/cdx/search/cdx?"+q.values().Encode())
	if err != nil {
		return nil, fmt.Errorf("cdx %s: %w", q, err)
	}
	if res.status != http.StatusOK {
		return nil, fmt.Errorf("cdx %s: %w", q, &HTTPError{URL: res.url, Status: res.status})
	}
	caps, err := ParseCDX(res.body)
	if err != nil {
		return nil, fmt.Errorf("cdx %s: %w", q, err)
	}
	if len(caps) == 0 {
		return nil, fmt.Errorf("cdx %s: %w (empty answer)", q, ErrNoCapture)
	}
	return caps, nil
}

// values are q's query parameters.
func (q CDXQuery) values() url.Values {
	v := url.Values{}
	v.Set("url", q.URL)
	v.Set("output", "json")
	if !q.From.IsZero() {
		v.Set("from", q.From.UTC().Format(stampLayout))
	}
	if !q.To.IsZero() {
		v.Set("to", q.To.UTC().Format(stampLayout))
	}
	v.Set("filter", "statuscode:200")
	if q.Collapse > 0 {
		v.Set("collapse", "timestamp:"+strconv.Itoa(min(q.Collapse, len(stampLayout))))
	}
	if q.Prefix {
		v.Set("matchType", "prefix")
	}
	if q.Limit != 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	return v
}

// String names the query in errors and logs.
func (q CDXQuery) String() string {
	var b strings.Builder
	b.WriteString(q.URL)
	if q.Prefix {
		b.WriteString("*")
	}
	if !q.From.IsZero() {
		b.WriteString(" from " + q.From.UTC().Format(stampLayout))
	}
	if !q.To.IsZero() {
		b.WriteString(" to " + q.To.UTC().Format(stampLayout))
	}
	return b.String()
}

// NearestBefore returns the latest 200 capture of url at or before t
// (ErrNoCapture if there is none): a network's start page as it stood on
// a step date.
func (a *Archive) NearestBefore(ctx context.Context, url string, t time.Time) (Capture, error) {
	caps, err := a.Captures(ctx, CDXQuery{URL: url, To: t, Limit: -1})
	if err != nil {
		return Capture{}, err
	}
	best, found := Capture{}, false
	for _, c := range caps { // a server that ignores limit=-1 lists them all
		if !c.Timestamp.After(t) && (!found || c.Timestamp.After(best.Timestamp)) {
			best, found = c, true
		}
	}
	if !found {
		return Capture{}, fmt.Errorf("%s at or before %s: %w", url, t.UTC().Format(stampLayout), ErrNoCapture)
	}
	return best, nil
}

// Nearest returns the 200 capture of url closest to t within ±window, the
// earlier one on a tie (ErrNoCapture if there is none): a page linked from
// a start page, read as near as possible to the start page's own capture.
func (a *Archive) Nearest(ctx context.Context, url string, t time.Time, window time.Duration) (Capture, error) {
	window = max(window, 0)
	lo, hi := t.Add(-window), t.Add(window)
	caps, err := a.Captures(ctx, CDXQuery{URL: url, From: lo, To: hi})
	if err != nil {
		return Capture{}, err
	}
	best, found := Capture{}, false
	for _, c := range caps {
		if c.Timestamp.Before(lo.Truncate(time.Second)) || c.Timestamp.After(hi) {
			continue
		}
		d, bd := absDuration(c.Timestamp.Sub(t)), absDuration(best.Timestamp.Sub(t))
		if !found || d < bd || (d == bd && c.Timestamp.Before(best.Timestamp)) {
			best, found = c, true
		}
	}
	if !found {
		return Capture{}, fmt.Errorf("%s within %v of %s: %w", url, window, t.UTC().Format(stampLayout), ErrNoCapture)
	}
	return best, nil
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// ParseCDX reads a CDX API answer in its JSON form: an array of rows of
// strings whose first row names the fields (urlkey, timestamp, original,
// mimetype, statuscode, digest, length by default, any subset with fl=).
// Fields are taken by name, not position; timestamp and original are
// required; a timestamp of 4 to 13 digits is completed as the archive
// reads it ("2014" is 20140101000000); "-" for statuscode or length reads
// as 0. An empty array, a
// header alone, and the resume key that follows an empty row are all
// accepted. Errors match ErrBadCDX.
func ParseCDX(data []byte) ([]Capture, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil // some servers answer nothing at all for no rows
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var rows [][]any
	if err := dec.Decode(&rows); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadCDX, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	cols, err := cdxColumns(rows[0])
	if err != nil {
		return nil, err
	}
	var caps []Capture
	for i, row := range rows[1:] {
		if len(row) == 0 {
			break // the resume key follows
		}
		c, err := cols.capture(row)
		if err != nil {
			return nil, fmt.Errorf("%w: row %d: %v", ErrBadCDX, i+1, err)
		}
		caps = append(caps, c)
	}
	return caps, nil
}

// cdxCols is where each field is in a row; -1 when absent.
type cdxCols struct {
	n                                                 int
	timestamp, original, mime, status, digest, length int
}

// cdxColumns reads the header row.
func cdxColumns(header []any) (cdxCols, error) {
	c := cdxCols{n: len(header), timestamp: -1, original: -1, mime: -1, status: -1, digest: -1, length: -1}
	for i, cell := range header {
		name, err := cdxCell(cell)
		if err != nil {
			return c, fmt.Errorf("%w: header: %v", ErrBadCDX, err)
		}
		switch name {
		case "timestamp":
			c.timestamp = i
		case "original":
			c.original = i
		case "mimetype":
			c.mime = i
		case "statuscode":
			c.status = i
		case "digest":
			c.digest = i
		case "length":
			c.length = i
		}
	}
	if c.timestamp < 0 || c.original < 0 {
		return c, fmt.Errorf("%w: header %v lacks timestamp or original", ErrBadCDX, header)
	}
	return c, nil
}

// capture reads one row.
func (c cdxCols) capture(row []any) (Capture, error) {
	if len(row) != c.n {
		return Capture{}, fmt.Errorf("%d fields, header has %d", len(row), c.n)
	}
	cells := make([]string, len(row))
	for i, cell := range row {
		s, err := cdxCell(cell)
		if err != nil {
			return Capture{}, err
		}
		cells[i] = s
	}
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return cells[i]
	}
	stamp := get(c.timestamp)
	if len(stamp) >= 4 && len(stamp) < len(stampLayout) {
		stamp = padStamp(stamp) // the archive's own reading of a short stamp
	}
	ts, err := parseStamp(stamp)
	if err != nil {
		return Capture{}, err
	}
	if get(c.original) == "" {
		return Capture{}, fmt.Errorf("empty original")
	}
	status, err := dashInt(get(c.status))
	if err != nil {
		return Capture{}, fmt.Errorf("statuscode: %v", err)
	}
	length, err := dashInt(get(c.length))
	if err != nil {
		return Capture{}, fmt.Errorf("length: %v", err)
	}
	return Capture{Original: get(c.original), Timestamp: ts, Status: int(status), Digest: get(c.digest), Length: length, Mime: get(c.mime)}, nil
}

// cdxCell is a cell as a string: the API gives strings, a number is taken
// as its text, null as "".
func cdxCell(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("cell %v is not a string", v)
}

// parseStamp reads a 14-digit timestamp as UTC.
func parseStamp(s string) (time.Time, error) {
	if len(s) != len(stampLayout) || strings.Trim(s, "0123456789") != "" {
		return time.Time{}, fmt.Errorf("timestamp %q: want 14 digits", s)
	}
	t, err := time.Parse(stampLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("timestamp %q: %v", s, err)
	}
	return t, nil
}

// dashInt reads a non-negative number, "-" or "" as 0.
func dashInt(s string) (int64, error) {
	if s == "" || s == "-" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count", s)
	}
	return n, nil
}
