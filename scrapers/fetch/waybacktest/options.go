package waybacktest

import (
	"time"
)

// Option changes how the fake answers: the faults to inject.
type Option func(*config)

// config is the set of faults and settings the options chose.
type config struct {
	failures    []failure
	redirects   map[string]string  // urlKey+" "+stamp → the stamp to redirect to
	errorPages  map[string]errPage // urlKey+" "+stamp (or urlKey alone) → the page to serve
	truncate    map[string]int     // urlKey → how many fetches to cut (<0: all)
	robots      *string            // the archive's own robots.txt; nil: 404
	headerEmpty bool               // an empty JSON answer is the header row alone
}

type failure struct {
	kind       Kind
	times      int
	status     int
	retryAfter string
}

type errPage int

const (
	hrmPage      errPage = iota + 1 // the "Hrm." not-archived page, answered 200
	runtimeError                    // a 200 with X-Archive-Wayback-Runtime-Error
)

// Fail answers the first n requests of kind k (Any: of any kind but the
// archive's robots.txt) with status, and with a Retry-After header when
// retryAfter is not empty ("7", or an HTTP date).
func Fail(k Kind, n, status int, retryAfter string) Option {
	return func(c *config) {
		c.failures = append(c.failures, failure{kind: k, times: n, status: status, retryAfter: retryAfter})
	}
}

// Redirect makes a request for url's capture at from redirect (302) to
// the timestamp of to, whether or not a capture at from exists: the
// archive's index and its capture store disagree, as they sometimes do.
func Redirect(url string, from, to time.Time) Option {
	return func(c *config) {
		if c.redirects == nil {
			c.redirects = map[string]string{}
		}
		c.redirects[urlKey(url)+" "+stamp(from)] = stamp(to)
	}
}

// ErrorPage answers url's capture at at (zero: every capture of url) with
// the Wayback Machine's "Hrm." page and status 200, as a misbehaving
// archive or proxy might.
func ErrorPage(url string, at time.Time) Option { return errorPage(url, at, hrmPage) }

// RuntimeError answers url's capture at at (zero: every capture) with the
// captured body but status 200 and an X-Archive-Wayback-Runtime-Error
// header, which is how Wayback flags a replay that went wrong.
func RuntimeError(url string, at time.Time) Option { return errorPage(url, at, runtimeError) }

func errorPage(url string, at time.Time, p errPage) Option {
	return func(c *config) {
		if c.errorPages == nil {
			c.errorPages = map[string]errPage{}
		}
		key := urlKey(url)
		if !at.IsZero() {
			key += " " + stamp(at)
		}
		c.errorPages[key] = p
	}
}

// Truncate cuts the first n fetches of url's captures (n < 0: all of them):
// the answer declares the full Content-Length but sends half the body and
// closes the connection.
func Truncate(url string, n int) Option {
	return func(c *config) {
		if c.truncate == nil {
			c.truncate = map[string]int{}
		}
		c.truncate[urlKey(url)] = n
	}
}

// ArchiveRobots serves body as the archive's own robots.txt (by default there is
// none: 404, allow all).
func ArchiveRobots(body string) Option { return func(c *config) { c.robots = &body } }

// HeaderOnlyEmpty answers a query without rows with the header row alone
// instead of "[]" (the CDX server's documentation leaves it open which).
func HeaderOnlyEmpty() Option { return func(c *config) { c.headerEmpty = true } }

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }
