// Package fetch is citynets' fetch layer: the colly collector factory
// (politeness, limits, robots.txt on every redirect hop), the retrying
// transport with its inflated-bytes body cap, WARC writing, and replay of
// an archive. It turns URLs into Pages and knows nothing of networks, specs
// or members, so it imports nothing from scrapers; the spec engine depends
// on it, never the other way round.
//
// Whether a run is offline (served from an archive) is said in Config, by
// whoever opens the archive; nothing here decides by a transport's type.
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

// Page is one fetched page, as the spec engine reads it.
type Page struct {
	URL       string      // where the body came from, after redirects
	Status    int         // HTTP status, 2xx
	Header    http.Header // response headers
	Body      []byte      // the body exactly as archived (charset not converted)
	SHA256    string      // hex SHA-256 of Body: members' source_sha256
	FetchedAt time.Time   // UTC; a replayed page keeps its archive date
}

// Fetcher fetches pages for one network. Fetch is synchronous and returns
// ctx.Err() once ctx is done; its other errors match the sentinels in
// errors.go (ErrRobots, ErrBlocked, ErrTooLarge, ErrOffsite, ...) or are an
// *HTTPError for a final non-2xx status.
type Fetcher interface {
	Fetch(ctx context.Context, url string) (*Page, error)
}

// collyFetcher is the Fetcher NewFetcher builds. It runs one Fetch at a time
// (the network is fetched one request at a time anyway) so that each
// round trip can be tied to the Fetch that caused it: colly sends its
// robots.txt requests without any context, and this way they are cancelled
// with the run too.
type collyFetcher struct {
	c       *colly.Collector
	turn    chan struct{}     // holds a token while a Fetch runs
	next    http.RoundTripper // the retrying, archiving transport
	allowed []string
	// ignoreRobots is Config.IgnoreRobots; userAgent is Config.UserAgent,
	// which robots.txt rules are matched against.
	ignoreRobots bool
	userAgent    string
	// offline is Config.Offline: an archive is being replayed, so no page
	// is reused from the last night's (see Reuser).
	offline bool

	mu     sync.Mutex
	ctx    context.Context         // the running Fetch's context
	last   *Page                   // the last response of the running Fetch
	robots map[string]*robotsRules // robots.txt per scheme://host
}

var _ Fetcher = (*collyFetcher)(nil)

// Fetch gets rawURL through colly and returns its page.
func (f *collyFetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	select {
	case f.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-f.turn }()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if u, err := url.Parse(rawURL); err == nil && len(f.allowed) > 0 && !slices.Contains(f.allowed, u.Hostname()) {
		return nil, fmt.Errorf("fetch %s: %w (%s)", rawURL, ErrOffsite, strings.Join(f.allowed, ", "))
	}

	f.mu.Lock()
	f.ctx, f.last = ctx, nil
	f.mu.Unlock()
	err := f.c.Request(http.MethodGet, rawURL, nil, nil, nil)
	f.mu.Lock()
	page := f.last
	f.ctx, f.last = nil, nil
	f.mu.Unlock()

	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	return f.result(rawURL, page, err)
}

// result turns colly's outcome into a Page or one of our errors.
func (f *collyFetcher) result(rawURL string, page *Page, err error) (*Page, error) {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // the URL is named below, once
	}
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return nil, fmt.Errorf("fetch %s: %w", rawURL, ErrRobots)
	case errors.Is(err, colly.ErrForbiddenDomain):
		return nil, fmt.Errorf("fetch %s: %w (%s): %v", rawURL, ErrOffsite, strings.Join(f.allowed, ", "), err)
	case err != nil:
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	case page == nil:
		return nil, fmt.Errorf("fetch %s: no response", rawURL)
	case page.Status < 200 || page.Status > 299:
		return nil, &HTTPError{URL: page.URL, Status: page.Status}
	}
	return page, nil
}

// RoundTrip is the transport colly is given: it ties the request to the
// running Fetch's context, applies robots.txt to every request — the first
// URL and each redirect hop, by the hop's own host's rules (colly checks the
// first URL only) — and remembers the response as the Fetch's page. A
// refused request is never sent, so it is not archived either.
func (f *collyFetcher) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	fctx := f.ctx
	f.mu.Unlock()
	if fctx != nil {
		ctx, cancel := context.WithCancelCause(req.Context())
		stop := context.AfterFunc(fctx, func() { cancel(context.Cause(fctx)) })
		defer func() {
			stop()
			cancel(nil) // the body is already in memory
		}()
		req = req.WithContext(ctx)
	}
	if err := f.robotsCheck(req); err != nil {
		f.remember(nil)
		return nil, err
	}
	resp, err := f.next.RoundTrip(req)
	if err != nil {
		f.remember(nil)
		return nil, err
	}
	page, err := pageOf(req, resp)
	if err != nil {
		f.remember(nil)
		return nil, err
	}
	f.remember(page)
	return resp, nil
}

func (f *collyFetcher) remember(p *Page) {
	f.mu.Lock()
	f.last = p
	f.mu.Unlock()
}

// pageOf reads the response into a Page, leaving resp readable for colly.
func pageOf(req *http.Request, resp *http.Response) (*Page, error) {
	var body []byte
	fetchedAt := time.Now().UTC()
	if b, ok := resp.Body.(*bufferedBody); ok {
		body = b.data
		if !b.fetchedAt.IsZero() {
			fetchedAt = b.fetchedAt
		}
	} else {
		var err error
		body, err = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read body of %s: %w", req.URL, err)
		}
	}
	resp.Body = newBufferedBody(body, fetchedAt)
	sum := sha256.Sum256(body)
	return &Page{
		URL:       req.URL.String(),
		Status:    resp.StatusCode,
		Header:    resp.Header.Clone(),
		Body:      body,
		SHA256:    hex.EncodeToString(sum[:]),
		FetchedAt: fetchedAt,
	}, nil
}

// checkRedirect is colly's redirect handler (colly has already refused
// targets outside AllowedDomains): at most ten hops, a loop stopped at its
// second turn, and without allowed domains the requested host only.
func (f *collyFetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("%w: stopped after %d at %s", ErrTooManyRedirects, len(via), req.URL)
	}
	seen := 0
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			seen++
		}
	}
	if seen >= 2 {
		return fmt.Errorf("%w: redirect loop at %s", ErrTooManyRedirects, req.URL)
	}
	if len(f.allowed) == 0 && req.URL.Hostname() != via[0].URL.Hostname() {
		return fmt.Errorf("%w: redirect from %s to %s", ErrOffsite, via[0].URL, req.URL)
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
	}
	return nil
}
