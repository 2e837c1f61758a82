package fetch

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// maxArchiveRedirects is how many times the archive may send a capture
// request on to another timestamp before we give up.
const maxArchiveRedirects = 5

// capturedPage is a capture as fetched: the capture actually served (after
// any redirect to another timestamp) and its answer.
type capturedPage struct {
	capture    Capture // Timestamp is the time actually served
	captureURL string  // the id_ URL that answered
	status     int
	header     http.Header
	body       []byte
	// location is the original target of an archived redirect (a 3xx
	// the site answered at crawl time), "" otherwise.
	location string
}

// fetchCapture fetches c's original bytes with the id_ form. When the
// archive redirects to another timestamp of the same page — its nearest
// capture, as the Wayback Machine does when the asked one is missing — the
// redirect is followed if the new time is within [lo, hi], and the page
// reports the time actually served; otherwise it is ErrNoCapture. A
// redirect to a capture of another URL is the site's own redirect at crawl
// time, returned as a 3xx to the original target.
func (a *Archive) fetchCapture(ctx context.Context, c Capture, lo, hi time.Time) (*capturedPage, error) {
	target := c.URL(a.cfg.BaseURL)
	for hop := 0; hop <= maxArchiveRedirects; hop++ {
		res, err := a.get(ctx, &a.captures, target)
		if err != nil {
			return nil, err
		}
		switch {
		case res.status >= 200 && res.status <= 299:
			return a.capturedOK(c, res)
		case res.status >= 300 && res.status <= 399:
			next, page, err := a.followCapture(c, res, lo, hi)
			if err != nil || page != nil {
				return page, err
			}
			c, target = next, next.URL(a.cfg.BaseURL)
		case res.status == http.StatusNotFound:
			return nil, fmt.Errorf("%s: %w (the archive answered 404)", target, ErrNoCapture)
		default:
			return nil, &HTTPError{URL: target, Status: res.status}
		}
	}
	return nil, fmt.Errorf("%s: %w: the archive redirected more than %d times", c.URL(a.cfg.BaseURL), ErrTooManyRedirects, maxArchiveRedirects)
}

// capturedOK checks a 2xx capture answer and dates it.
func (a *Archive) capturedOK(c Capture, res *archived) (*capturedPage, error) {
	if why, bad := archiveErrorPage(res.header, res.body); bad {
		return nil, fmt.Errorf("%s: %w (%s)", res.url, ErrArchiveErrorPage, why)
	}
	if t, err := http.ParseTime(res.header.Get("Memento-Datetime")); err == nil {
		c.Timestamp = t.UTC()
	}
	return &capturedPage{capture: c, captureURL: res.url, status: res.status, header: res.header, body: res.body}, nil
}

// followCapture judges a 3xx from the capture endpoint: next is the
// capture to ask for instead (another timestamp of the same page, within
// [lo, hi]); page is set for an archived redirect of the page itself.
func (a *Archive) followCapture(c Capture, res *archived, lo, hi time.Time) (next Capture, page *capturedPage, err error) {
	loc, err := url.Parse(res.url)
	if err == nil {
		loc, err = loc.Parse(res.header.Get("Location"))
	}
	if err != nil || res.header.Get("Location") == "" {
		return next, nil, fmt.Errorf("%s: %w (the archive answered %d without a usable Location)", res.url, ErrNoCapture, res.status)
	}
	stamp, original, ok := parseCaptureURL(loc)
	if !ok {
		return next, nil, fmt.Errorf("%s: %w (the archive redirected to %s, not a capture)", res.url, ErrNoCapture, loc)
	}
	if archiveKey(original) != archiveKey(c.Original) {
		page = &capturedPage{capture: c, captureURL: res.url, status: res.status, header: res.header, body: res.body, location: original}
		return next, page, nil
	}
	t, err := parseStamp(padStamp(stamp))
	if err != nil {
		return next, nil, fmt.Errorf("%s: %w (the archive redirected to %s)", res.url, ErrNoCapture, loc)
	}
	if t.Before(lo.Truncate(time.Second)) || t.After(hi) {
		return next, nil, fmt.Errorf("%s: %w (the archive redirected to the capture of %s, outside %s–%s)", res.url, ErrNoCapture,
			t.Format(stampLayout), lo.UTC().Format(stampLayout), hi.UTC().Format(stampLayout))
	}
	a.logger.Info("web archive: capture redirected to another timestamp", "from", res.url, "to", t.Format(stampLayout))
	return Capture{Original: original, Timestamp: t, Status: c.Status, Mime: c.Mime}, nil, nil
}

// captureURLPath matches /web/<1–14 digits><optional modifier>/<original>,
// as in scrapers/wayback.go (which this package cannot import).
var captureURLPath = regexp.MustCompile(`^/web/(\d{1,14})(?:[a-z]{2}_)?/((?i:https?):/.*)$`)

// parseCaptureURL takes a capture URL apart into its timestamp and the
// original URL.
func parseCaptureURL(u *url.URL) (stamp, original string, ok bool) {
	m := captureURLPath.FindStringSubmatch(u.EscapedPath())
	if m == nil {
		return "", "", false
	}
	original = m[2]
	if s, err := url.PathUnescape(original); err == nil {
		original = s
	}
	if i := strings.Index(original, ":/"); i >= 0 && !strings.HasPrefix(original[i:], "://") {
		original = original[:i] + "://" + original[i+2:] // "http:/host" → "http://host"
	}
	if u.RawQuery != "" {
		original += "?" + u.RawQuery
	}
	return m[1], original, true
}

// padStamp completes a 1–14 digit timestamp as the archive reads it:
// "2014" is 20140101000000.
func padStamp(s string) string {
	const template = "20000101000000"
	if len(s) >= len(template) {
		return s
	}
	return s + template[len(s):]
}

// archiveKey is how the archive matches URLs, simplified from its SURT
// keys: the scheme, a leading "www.", a default port and the host's case
// do not matter. "http://www.c40.org:80/cities" and
// "https://c40.org/cities" are the same page to it.
func archiveKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return host + path
}

// archiveErrorMarkers are texts of the Wayback Machine's own error pages;
// each entry needs all its parts, so that an ordinary page mentioning the
// Wayback Machine is not taken for one.
var archiveErrorMarkers = [][]string{
	{"Wayback Machine doesn't have that page archived"},
	{"Wayback Machine has not archived that URL"},
	{"This URL has been excluded from the Wayback Machine"},
	{"Hrm.", "Wayback Machine"},
}

// archiveErrorPage says whether a 200 answer is the archive's own error
// page rather than a capture, and why. It is conservative: a response
// carrying Memento-Datetime is a capture whatever its text says, unless
// the archive flags a replay error in its runtime-error header.
func archiveErrorPage(h http.Header, body []byte) (string, bool) {
	for name := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(name), "X-Archive-Wayback-Runtime-Error") {
			return name + ": " + h.Get(name), true
		}
	}
	if h.Get("Memento-Datetime") != "" {
		return "", false
	}
	head := body[:min(len(body), 64<<10)]
	for _, parts := range archiveErrorMarkers {
		all := true
		for _, p := range parts {
			all = all && bytes.Contains(head, []byte(p))
		}
		if all {
			return fmt.Sprintf("no Memento-Datetime and the body says %q", parts[0]), true
		}
	}
	return "", false
}
