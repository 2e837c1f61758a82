package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Errors of the web-archive client. Each names a different reason a dated
// page could not be read, so that a backfill step can be marked failed
// with the right one ("not archived" is not "the archive is broken").
var (
	// ErrNoCapture marks a URL the archive holds no usable capture of: an
	// empty CDX answer, no 200 capture in the window asked for, a 404 from
	// the capture endpoint, or a capture that redirects to a timestamp
	// outside the window.
	ErrNoCapture = errors.New("no capture in the web archive")
	// ErrArchiveErrorPage marks a 200 answer whose body is the archive's
	// own error page ("Hrm. The Wayback Machine has not archived that
	// URL.") or that carries the archive's runtime-error header: the bytes
	// are not the captured page and must not be parsed as one.
	ErrArchiveErrorPage = errors.New("the web archive answered with its own error page")
	// ErrTruncatedCapture marks a capture whose body ended before its
	// Content-Length, after every try: a cut member list parses short.
	ErrTruncatedCapture = errors.New("truncated capture")
	// ErrBadCDX marks a CDX answer that is not the JSON the CDX API
	// documents (a header row, then rows of strings).
	ErrBadCDX = errors.New("unreadable CDX answer")
)

// ArchiveConfig is how politely and how robustly a Wayback-compatible web
// archive is read. The archive's pacing is its own, slower than the
// networks': the Internet Archive enforces hard limits per client (see
// ../shared/sites/next-networks.md §8). The zero value of each field means
// its default; a negative interval or pause means none (tests).
type ArchiveConfig struct {
	// BaseURL is the archive's origin; default "https://web.archive.org".
	// A mirror, a local pywb or a test fake works the same.
	BaseURL string
	// UserAgent names us honestly; default as for Config.
	UserAgent string
	// CDXInterval is the least gap between two CDX queries; default 3s,
	// about 20 a minute, under the ≈30/min hard limit the edgi client
	// documents.
	CDXInterval time.Duration
	// CaptureInterval is the least gap between two capture fetches;
	// default 1s.
	CaptureInterval time.Duration
	// RefusedPause is the wait after a 429 without Retry-After or a
	// refused connection; default 60s, as the edgi client does.
	RefusedPause time.Duration
	// Tries is the number of attempts per request in total; default 4.
	Tries int
	// Timeout bounds each attempt, body included; default 60s (the
	// archive is slow to answer large CDX queries).
	Timeout time.Duration
	// BackoffBase is the first wait after a 5xx or a network error,
	// doubled after each further failure; default 5s.
	BackoffBase time.Duration
	// MaxWait caps any one wait, a Retry-After included; default 10m.
	MaxWait time.Duration
	// MaxBodySize is the largest capture or CDX body accepted, in bytes;
	// default 10 MiB, as for Config.
	MaxBodySize int
	// IgnoreRobots turns off obeying the archive host's own robots.txt.
	IgnoreRobots bool

	// Sleep waits d or until ctx is done; nil means a real timer. Tests
	// replace it (and Now) to run at once and to record the waits.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the pacing is measured with; nil means time.Now.
	Now func() time.Time
}

// Archive defaults, as ArchiveConfig documents them.
const (
	defaultArchiveURL      = "https://web.archive.org"
	defaultCDXInterval     = 3 * time.Second
	defaultCaptureInterval = time.Second
	defaultRefusedPause    = 60 * time.Second
	defaultArchiveTries    = 4
	defaultArchiveTimeout  = 60 * time.Second
	defaultArchiveBackoff  = 5 * time.Second
	defaultArchiveMaxWait  = 10 * time.Minute
)

// withDefaults fills the zero fields and turns negative durations into 0.
func (c ArchiveConfig) withDefaults() ArchiveConfig {
	if c.BaseURL == "" {
		c.BaseURL = defaultArchiveURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.UserAgent == "" {
		c.UserAgent = defaultUserAgent()
	}
	c.CDXInterval = orArchiveDefault(c.CDXInterval, defaultCDXInterval)
	c.CaptureInterval = orArchiveDefault(c.CaptureInterval, defaultCaptureInterval)
	c.RefusedPause = orArchiveDefault(c.RefusedPause, defaultRefusedPause)
	c.Timeout = orArchiveDefault(c.Timeout, defaultArchiveTimeout)
	c.BackoffBase = orArchiveDefault(c.BackoffBase, defaultArchiveBackoff)
	c.MaxWait = orArchiveDefault(c.MaxWait, defaultArchiveMaxWait)
	if c.Tries <= 0 {
		c.Tries = defaultArchiveTries
	}
	if c.MaxBodySize <= 0 {
		c.MaxBodySize = defaultMaxBodySize
	}
	if c.Sleep == nil {
		c.Sleep = sleepContext
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Validate rejects a configuration that cannot be meant, once, at start
// (citynets checks --archive-url with it): the base URL must be an
// absolute http or https URL without a query.
func (c ArchiveConfig) Validate() error {
	if c.MaxBodySize < 0 || c.Tries < 0 {
		return fmt.Errorf("archive config: negative tries %d or body size %d", c.Tries, c.MaxBodySize)
	}
	if c.BaseURL == "" {
		return nil // the default
	}
	u, err := url.Parse(c.BaseURL)
	switch {
	case err != nil:
		return fmt.Errorf("archive url %q: %w", c.BaseURL, err)
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("archive url %q: want an http or https address such as %q", c.BaseURL, defaultArchiveURL)
	}
	return nil
}

// orArchiveDefault is d, def when d is zero, and 0 when d is negative.
func orArchiveDefault(d, def time.Duration) time.Duration {
	switch {
	case d == 0:
		return def
	case d < 0:
		return 0
	}
	return d
}

// Capture is one capture of a page in the archive, as a CDX row lists it.
type Capture struct {
	Original  string    // the captured page's URL, as the archive recorded it
	Timestamp time.Time // capture time, UTC, from the 14-digit stamp
	Status    int       // HTTP status at capture time; 0 when the row says "-"
	Digest    string    // the archive's digest of the body (SHA-1, base 32)
	Length    int64     // the archived record's length; 0 when "-"
	Mime      string    // the captured Content-Type's media type
}

// stampLayout is the archive's 14-digit timestamp, yyyyMMddhhmmss, UTC.
const stampLayout = "20060102150405"

// Stamp is the capture's 14-digit timestamp ("20140301000000").
func (c Capture) Stamp() string { return c.Timestamp.UTC().Format(stampLayout) }

// URL is the capture's address at the archive base in the id_ form, which
// returns the bytes as captured, without the archive's toolbar and link
// rewriting: base + "/web/" + stamp + "id_/" + Original.
func (c Capture) URL(base string) string {
	return strings.TrimRight(base, "/") + "/web/" + c.Stamp() + "id_/" + c.Original
}

// Archive is a Wayback-compatible web archive (the Internet Archive, a
// pywb, a test fake) read politely: CDX queries and capture fetches are
// each paced by their own interval across every caller of the Archive, so
// one Archive must be shared by all networks of a backfill. Its methods are
// safe for concurrent use.
type Archive struct {
	cfg    ArchiveConfig
	base   http.RoundTripper
	logger *slog.Logger

	cdx, captures pacer

	robotsMu sync.Mutex
	robots   *robotsRules // the archive host's robots.txt, once read
}

// NewArchive returns the client of the archive at cfg.BaseURL. base does
// the actual exchanges (nil: a clone of http.DefaultTransport); it should
// not retry, the Archive does. logger may be nil.
func NewArchive(cfg ArchiveConfig, base http.RoundTripper, logger *slog.Logger) *Archive {
	cfg = cfg.withDefaults()
	if base == nil {
		base = http.DefaultTransport.(*http.Transport).Clone()
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Archive{
		cfg:      cfg,
		base:     base,
		logger:   logger,
		cdx:      pacer{interval: cfg.CDXInterval},
		captures: pacer{interval: cfg.CaptureInterval},
	}
}

// BaseURL is the archive's origin, without a trailing slash.
func (a *Archive) BaseURL() string { return a.cfg.BaseURL }

// pacer spaces requests of one kind at least interval apart, whoever sends
// them: each caller reserves the next free slot and waits for it.
type pacer struct {
	interval time.Duration
	mu       sync.Mutex
	next     time.Time // the earliest time the next request may go
}
