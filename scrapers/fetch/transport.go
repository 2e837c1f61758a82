package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Transport is the http.RoundTripper colly is given (DESIGN: Fetching): it
// retries 429, 5xx and network errors with exponential backoff and jitter,
// honours Retry-After, undoes content codings (gzip, x-gzip, deflate, br)
// itself, refuses bodies whose inflated size is over the cap, and writes every
// final response — robots.txt, redirects and errors included — to the run's
// WARC archive. Doing this below colly means robots.txt fetches get the same
// treatment as pages.
//
// Responses it returns carry a fully read body, so callers may close or
// abandon them freely. Retried intermediate answers are logged, not archived.
type Transport struct {
	Base    http.RoundTripper // does the actual exchange
	Archive *WARCWriter       // nil: nothing is archived
	Logger  *slog.Logger      // retries are logged here
	// Counters, when set, count requests, 304s and bytes (see Costs).
	Counters *Counters

	Tries       int           // attempts in total, at least 1
	Timeout     time.Duration // per attempt; 0 means none
	MaxBodySize int           // bytes; 0 means no cap
	BackoffBase time.Duration // first backoff
	BackoffMax  time.Duration // cap on any one wait, Retry-After included

	// Sleep waits between attempts; it must return ctx.Err() early when ctx
	// is done. Tests replace it to record the waits instead.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock, for Retry-After dates and archive dates.
	Now func() time.Time
	// Jitter returns a duration in [0, d]; nil means uniformly random.
	Jitter func(d time.Duration) time.Duration
}

var _ http.RoundTripper = (*Transport)(nil)

// NewTransport wraps base (nil: a clone of http.DefaultTransport) with the
// retry, size-cap and archive policy of cfg. archive and logger may be nil.
// With cfg.Offline (base serves an archive) retries are off: an archived 503
// stays a 503.
func NewTransport(base http.RoundTripper, cfg Config, archive *WARCWriter, logger *slog.Logger) *Transport {
	cfg = cfg.withDefaults()
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	tries := cfg.tries()
	return &Transport{
		Base:        base,
		Archive:     archive,
		Logger:      logger,
		Tries:       tries,
		Timeout:     cfg.Timeout,
		MaxBodySize: cfg.MaxBodySize,
		BackoffBase: cfg.BackoffBase,
		BackoffMax:  cfg.BackoffMax,
		Sleep:       sleepContext,
		Now:         time.Now,
	}
}

// bufferedBody is a response body already read into memory. It remembers
// when the response was fetched, so a replayed response keeps its archive
// date and the fetcher can stamp pages with the archive's time.
type bufferedBody struct {
	*bytes.Reader
	data      []byte
	fetchedAt time.Time
}

func newBufferedBody(data []byte, fetchedAt time.Time) *bufferedBody {
	return &bufferedBody{Reader: bytes.NewReader(data), data: data, fetchedAt: fetchedAt}
}

// Close does nothing: the body is in memory.
func (b *bufferedBody) Close() error { return nil }

// exchange is one attempt's request as sent and its fully read response.
type exchange struct {
	req       *http.Request
	resp      *http.Response
	body      []byte
	truncated bool
	fetchedAt time.Time
}

// RoundTrip sends req, retrying as configured, and returns the final
// response with its body in memory. A non-2xx status is not an error here:
// colly's robots.txt reading needs 4xx and 5xx answers as they are.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	tries := max(t.Tries, 1)
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		tries = 1 // the body cannot be sent twice
	}
	// With an archive that remembers the last night, a URL captured with a
	// validator is asked for only if it changed; a 304 is answered below
	// from the prior capture.
	prior := t.Archive.historyOf().validated(req)
	if prior != nil {
		req = conditional(req, prior)
	}
	for attempt := 1; ; attempt++ {
		ex, err := t.attempt(req, attempt)
		var wait time.Duration
		switch {
		case err != nil:
			if attempt >= tries || !retryableError(ctx, err) {
				if attempt > 1 {
					err = fmt.Errorf("%w (gave up after %d tries)", err, attempt)
				}
				return nil, err
			}
			wait = t.backoff(attempt)
			t.logger().Warn("fetch failed, retrying", "url", req.URL.String(), "attempt", attempt, "error", err, "wait", wait)
		case ex.resp.StatusCode == http.StatusNotModified && prior != nil:
			return t.notModified(req, ex, prior)
		case ex.truncated || attempt >= tries || !retryableStatus(ex.resp.StatusCode):
			return t.finish(req, ex)
		default:
			wait = t.backoff(attempt)
			if d, ok := retryAfter(ex.resp.Header, t.now()); ok {
				wait = min(d, t.BackoffMax)
			}
			t.logger().Warn("fetch answered with a retryable status, retrying", "url", req.URL.String(), "attempt", attempt, "status", ex.resp.StatusCode, "wait", wait)
		}
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attempt sends one copy of req and reads its body within the per-attempt
// timeout. An error means no usable response.
func (t *Transport) attempt(req *http.Request, n int) (*exchange, error) {
	ctx := req.Context()
	if t.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.Timeout)
		defer cancel()
	}
	r := req.Clone(ctx)
	if n > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, fmt.Errorf("rewind request body: %w", err)
		}
		r.Body = body
	}
	t.Counters.add(requestsOf, 1)
	resp, err := t.Base.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	ex := &exchange{req: r, resp: resp, fetchedAt: t.now().UTC()}
	if b, ok := resp.Body.(*bufferedBody); ok && !b.fetchedAt.IsZero() {
		ex.fetchedAt = b.fetchedAt
	}
	resp.Body = countedBody{resp.Body, t.Counters}
	limit := int64(t.MaxBodySize)
	if limit > 0 && resp.ContentLength > limit {
		ex.truncated = true // declared too big: do not download it at all
		return ex, nil
	}
	// The cap counts inflated bytes: a small compressed body must not
	// inflate without bound, here or (see finish) in colly.
	src, decoded, err := inflated(resp.Header, resp.Body)
	if err != nil {
		return nil, fmt.Errorf("read body of %s: %w", req.URL, err)
	}
	if decoded {
		markDecoded(resp.Header)
		resp.ContentLength = -1
	}
	if limit > 0 {
		src = io.LimitReader(src, limit+1)
	}
	ex.body, err = io.ReadAll(src)
	if err != nil {
		return nil, fmt.Errorf("read body of %s: %w", req.URL, err)
	}
	if limit > 0 && int64(len(ex.body)) > limit {
		ex.body, ex.truncated = ex.body[:limit], true
	}
	return ex, nil
}

// finish archives the final exchange and returns its response, or
// ErrTooLarge for a body over the cap (archived, marked truncated).
func (t *Transport) finish(req *http.Request, ex *exchange) (*http.Response, error) {
	if t.Archive != nil {
		a, err := t.Archive.writeExchange(archivedExchange(ex))
		if err != nil {
			return nil, fmt.Errorf("archive %s: %w", req.URL, err)
		}
		t.count(a)
	}
	if ex.truncated {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, t.MaxBodySize)
	}
	resp := *ex.resp
	resp.Header = ex.resp.Header.Clone()
	resp.Body = newBufferedBody(ex.body, ex.fetchedAt)
	resp.ContentLength = int64(len(ex.body))
	resp.TransferEncoding = nil
	resp.Trailer = nil
	resp.Request = req
	// The body is identity-coded now: Uncompressed keeps colly from
	// inflating it again (it would, unbounded, for a gzip Content-Type or
	// a ".xml.gz" path).
	resp.Uncompressed = true
	return &resp, nil
}

// archivedExchange turns an attempt into what the archive records.
func archivedExchange(ex *exchange) warcExchange {
	return warcExchange{
		Method:        ex.req.Method,
		URL:           ex.req.URL.String(),
		Host:          ex.req.Host,
		RequestHeader: ex.req.Header,
		Proto:         ex.resp.Proto,
		Status:        ex.resp.StatusCode,
		StatusText:    ex.resp.Status,
		Header:        ex.resp.Header,
		Body:          ex.body,
		Date:          ex.fetchedAt,
		Truncated:     ex.truncated,
	}
}

func (t *Transport) logger() *slog.Logger {
	if t.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return t.Logger
}

func (t *Transport) now() time.Time {
	if t.Now == nil {
		return time.Now()
	}
	return t.Now()
}

func (t *Transport) sleep(ctx context.Context, d time.Duration) error {
	if t.Sleep == nil {
		return sleepContext(ctx, d)
	}
	if err := t.Sleep(ctx, d); err != nil {
		return err
	}
	return ctx.Err()
}
