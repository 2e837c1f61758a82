package fetch

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors of the fetch layer. Callers tell failures apart with
// errors.Is, never by the message; scrapers.Reason turns them into a
// manifest reason ("blocked" is not "zero members").
var (
	// ErrBlocked marks a site that refused us (HTTP 403) after an honest,
	// polite request: a human has to look, retrying harder would be rude.
	ErrBlocked = errors.New("blocked by the site")
	// ErrRobots marks a URL that the site's robots.txt disallows for our
	// User-Agent; the page was not requested.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrTooLarge marks a response body over Config.MaxBodySize. The body is
	// refused rather than silently cut, because a cut page parses into a
	// short member list.
	ErrTooLarge = errors.New("response body over the size cap")
	// ErrNotInArchive marks a URL that a replayed run asked for but the
	// archive does not hold: the scraper has changed since the archive was
	// written, or the archive is from another network.
	ErrNotInArchive = errors.New("not in the archive")
	// ErrBadArchive marks an archive file that is missing, truncated or not
	// a WARC file at all.
	ErrBadArchive = errors.New("bad archive")
	// ErrOffsite marks a URL, or a redirect target, outside the network's
	// allowed domains.
	ErrOffsite = errors.New("outside the allowed domains")
	// ErrTooManyRedirects marks a redirect chain longer than ten hops or one
	// that loops.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// HTTPError is a final non-2xx answer, after any retries. Callers that need
// the status (citynets check shows it) use errors.As; errors.Is(err,
// ErrBlocked) is true for a 403.
type HTTPError struct {
	URL    string // the URL that answered (after redirects)
	Status int    // the HTTP status code
}

// Error says which URL answered what.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Is makes a 403 match ErrBlocked.
func (e *HTTPError) Is(target error) bool {
	return target == ErrBlocked && e.Status == http.StatusForbidden
}
