package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"
)

// archived is one answer of the archive, its body read in full.
type archived struct {
	url    string // the URL asked for
	status int
	header http.Header
	body   []byte
}

// reserve books the next free slot of p and says how long to wait for it.
func (p *pacer) reserve(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	slot := now
	if p.next.After(now) {
		slot = p.next
	}
	p.next = slot.Add(p.interval)
	return slot.Sub(now)
}

// hold keeps every request of p's kind back until until: after a 429 the
// archive wants all of them to wait, not only the one it refused.
func (p *pacer) hold(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.next) {
		p.next = until
	}
}

// get fetches rawURL from the archive in p's turn, obeying the archive's
// robots.txt, and retries as ArchiveConfig says: 429 and 503 wait for
// Retry-After, a 429 without it and a refused connection wait
// RefusedPause, other 5xx, network errors and truncated bodies back off
// exponentially. A final 429 or 5xx is an *HTTPError; other statuses are
// returned for the caller to judge.
func (a *Archive) get(ctx context.Context, p *pacer, rawURL string) (*archived, error) {
	if err := a.robotsAllow(ctx, rawURL); err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		if err := a.sleep(ctx, p.reserve(a.cfg.Now())); err != nil {
			return nil, err
		}
		res, err := a.attempt(ctx, rawURL)
		wait, retry := a.retryWait(ctx, attempt, res, err)
		if !retry {
			return res, err
		}
		if attempt >= a.cfg.Tries {
			if err == nil {
				err = &HTTPError{URL: rawURL, Status: res.status}
			}
			return nil, fmt.Errorf("%w (gave up after %d tries)", err, attempt)
		}
		a.logger.Warn("web archive: retrying", "url", rawURL, "attempt", attempt, "status", statusOf(res), "error", err, "wait", wait)
		p.hold(a.cfg.Now().Add(wait))
	}
}

func statusOf(res *archived) int {
	if res == nil {
		return 0
	}
	return res.status
}

// retryWait says whether an attempt is worth repeating and after how long.
func (a *Archive) retryWait(ctx context.Context, attempt int, res *archived, err error) (time.Duration, bool) {
	switch {
	case ctx.Err() != nil:
		return 0, false
	case err != nil && errors.Is(err, syscall.ECONNREFUSED):
		return a.cfg.RefusedPause, true
	case err != nil && errors.Is(err, ErrTruncatedCapture):
		return a.backoff(attempt), true // a dropped connection, most likely
	case err != nil:
		return a.backoff(attempt), retryableError(ctx, err)
	case res.status == http.StatusTooManyRequests:
		if d, ok := retryAfter(res.header, a.cfg.Now()); ok {
			return min(d, a.cfg.MaxWait), true
		}
		return a.cfg.RefusedPause, true
	case res.status >= 500 && res.status <= 599:
		if d, ok := retryAfter(res.header, a.cfg.Now()); ok {
			return min(d, a.cfg.MaxWait), true
		}
		return a.backoff(attempt), true
	}
	return 0, false
}

// backoff is BackoffBase doubled per failed attempt, capped at MaxWait. It
// has no jitter: one client paced by the archive's own limit does not
// retry in step with others.
func (a *Archive) backoff(attempt int) time.Duration {
	d := a.cfg.BackoffBase
	for i := 1; i < attempt && d < a.cfg.MaxWait; i++ {
		d *= 2
	}
	return min(d, a.cfg.MaxWait)
}

// attempt sends one GET and reads the whole body within the timeout. A
// body shorter than its Content-Length is ErrTruncatedCapture.
func (a *Archive) attempt(ctx context.Context, rawURL string) (*archived, error) {
	ctx, cancel := context.WithTimeout(ctx, a.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("web archive: %w", err)
	}
	req.Header.Set("User-Agent", a.cfg.UserAgent)
	resp, err := a.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	limit := int64(a.cfg.MaxBodySize)
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("%s: %w: %d of %d bytes", rawURL, ErrTruncatedCapture, len(body), resp.ContentLength)
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", rawURL, err)
	case int64(len(body)) > limit:
		return nil, fmt.Errorf("%s: %w of %d bytes", rawURL, ErrTooLarge, limit)
	case resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength:
		return nil, fmt.Errorf("%s: %w: %d of %d bytes", rawURL, ErrTruncatedCapture, len(body), resp.ContentLength)
	}
	return &archived{url: rawURL, status: resp.StatusCode, header: resp.Header, body: body}, nil
}

func (a *Archive) sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		if err := a.cfg.Sleep(ctx, d); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// robotsAllow applies the archive host's own robots.txt to rawURL, reading
// it once per Archive (one that could not be fetched at all, or answered
// 5xx, is asked for again next time). As for any host, a 5xx robots.txt disallows
// everything and a 4xx allows everything.
func (a *Archive) robotsAllow(ctx context.Context, rawURL string) error {
	if a.cfg.IgnoreRobots {
		return nil
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("web archive: %w", err)
	}
	if u.Path == "/robots.txt" {
		return nil
	}
	rules, err := a.archiveRobots(ctx)
	if err != nil {
		return err
	}
	if rules.status >= 500 {
		return fmt.Errorf("%s: %w (the archive's robots.txt answered %d, which counts as disallow-all)", rawURL, ErrRobots, rules.status)
	}
	if g := rules.data.FindGroup(a.cfg.UserAgent); g != nil && !g.Test(robotsPath(u)) {
		return fmt.Errorf("%s: %w (the archive's own)", rawURL, ErrRobots)
	}
	return nil
}

// archiveRobots returns the archive's robots.txt, fetching it the first
// time. Its fetch is paced with the captures and retried like them.
func (a *Archive) archiveRobots(ctx context.Context) (*robotsRules, error) {
	a.robotsMu.Lock()
	defer a.robotsMu.Unlock()
	if a.robots != nil {
		return a.robots, nil
	}
	res, err := a.get(ctx, &a.captures, a.cfg.BaseURL+"/robots.txt")
	var he *HTTPError
	switch {
	case errors.As(err, &he):
		res = &archived{status: he.Status} // a 5xx after every try: disallow all
	case err != nil:
		return nil, fmt.Errorf("web archive robots.txt: %w", err)
	}
	data, err := robotstxt.FromStatusAndBytes(res.status, res.body)
	if err != nil {
		return nil, fmt.Errorf("web archive robots.txt: %w", err)
	}
	rules := &robotsRules{data: data, status: res.status}
	if res.status < 500 {
		// A 5xx disallows this request but is asked again next time: a
		// backfill runs for hours, the archive's trouble may not.
		a.robots = rules
	}
	return rules, nil
}
