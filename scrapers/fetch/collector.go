package fetch

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
)

// Config is how politely and how robustly one network is fetched. The zero
// value of every field means its default, so Config{AllowedDomains: ...} is
// a polite, robust configuration.
type Config struct {
	// UserAgent names us honestly, with a contact URL. Default
	// "citynets/<version> (+https://github.com/citynets/citynets)".
	UserAgent string
	// Delay is the pause after each request before the next one to the
	// same network; default 2s, negative for none (tests, replay).
	Delay time.Duration
	// RandomDelay adds up to this much to Delay; default none.
	RandomDelay time.Duration
	// Timeout bounds each attempt of a request, body included; default 30s.
	// The whole request, retries and backoff included, is bounded by
	// Tries×Timeout plus the backoff waits.
	Timeout time.Duration
	// MaxBodySize is the largest body accepted, in bytes; default 10 MiB.
	// A larger body is refused with ErrTooLarge, never silently cut.
	MaxBodySize int
	// Retries is how many times a request is tried again after a 429, a
	// 5xx or a network error; default 2, so 3 tries in total. Negative
	// means never retry.
	Retries int
	// BackoffBase is the first wait before a retry, doubled after each
	// further failure, with jitter; default 1s. BackoffMax caps any one
	// wait, a Retry-After included; default 60s.
	BackoffBase, BackoffMax time.Duration
	// IgnoreRobots turns off obeying robots.txt; default false (obeyed).
	IgnoreRobots bool
	// Offline says the transport serves an archive (a Replay), not the
	// network: there is no site to be polite to and nothing to retry, so
	// delays and retries are off. Whoever opens the archive sets it; the
	// fetch layer never guesses it from the transport's type.
	Offline bool
	// AllowedDomains are the host names the network's spec allows, exactly
	// (list "c40.org" and "www.c40.org" if both are used). Empty allows any
	// host for the URLs asked for, but redirects must then stay on the
	// requested URL's host.
	AllowedDomains []string
}

// Defaults, as Config documents them.
const (
	defaultDelay       = 2 * time.Second
	defaultTimeout     = 30 * time.Second
	defaultMaxBodySize = 10 << 20
	defaultRetries     = 2
	defaultBackoffBase = time.Second
	defaultBackoffMax  = 60 * time.Second
	maxRedirects       = 10
)

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = defaultUserAgent()
	}
	if c.Delay == 0 {
		c.Delay = defaultDelay
	}
	c.Delay = max(c.Delay, 0)
	c.RandomDelay = max(c.RandomDelay, 0)
	if c.Timeout == 0 {
		c.Timeout = defaultTimeout
	}
	if c.MaxBodySize == 0 {
		c.MaxBodySize = defaultMaxBodySize
	}
	if c.Retries == 0 {
		c.Retries = defaultRetries
	}
	if c.BackoffBase == 0 {
		c.BackoffBase = defaultBackoffBase
	}
	if c.BackoffMax == 0 {
		c.BackoffMax = defaultBackoffMax
	}
	c.BackoffMax = max(c.BackoffMax, c.BackoffBase)
	return c
}

// tries is the number of attempts per request, at least 1; offline, an
// archived 503 stays a 503, so there is one.
func (c Config) tries() int {
	if c.Offline {
		return 1
	}
	return 1 + max(c.Retries, 0)
}

// validate rejects a configuration that cannot be meant, once, at start.
func (c Config) validate() error {
	switch {
	case c.Timeout < 0:
		return fmt.Errorf("fetch config: negative timeout %v", c.Timeout)
	case c.MaxBodySize < 0:
		return fmt.Errorf("fetch config: negative max body size %d", c.MaxBodySize)
	case c.BackoffBase < 0 || c.BackoffMax < 0:
		return fmt.Errorf("fetch config: negative backoff %v/%v", c.BackoffBase, c.BackoffMax)
	}
	for _, d := range c.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/:* ") || d != strings.ToLower(d) {
			return fmt.Errorf("fetch config: allowed domain %q: want a lower-case host name such as \"www.c40.org\"", d)
		}
	}
	return nil
}

// defaultUserAgent names this build, with where to find and reach us.
func defaultUserAgent() string {
	return "citynets/" + buildVersion() + " (+https://github.com/citynets/citynets)"
}

// buildVersion is the module version the binary was built from, "dev" for
// a build from a work tree.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return "dev"
}

// NewFetcher returns the fetcher of one network: a colly Collector
// configured explicitly, because colly's defaults are not polite (it ignores
// robots.txt, has no delay, and lets COLLY_* environment variables change
// its settings, which NewFetcher overrides):
//
//   - robots.txt obeyed unless cfg.IgnoreRobots, on every request and
//     redirect hop, each host by its own robots.txt;
//   - one request at a time (LimitRule DomainGlob "*", Parallelism 1) with
//     cfg.Delay and cfg.RandomDelay after each;
//   - cfg.UserAgent, cfg.AllowedDomains, cfg.MaxBodySize, no CacheDir (it
//     would cache 4xx answers), no charset guessing;
//   - redirects followed within the allowed domains, at most ten, a loop
//     stopped early;
//   - the transport tr (made with NewTransport, which is how a run retries
//     and archives to its WARC); nil means NewTransport(nil, cfg, nil, nil):
//     the network, with retries and no archive.
//
// With cfg.Offline the delays are dropped: there is no site to be polite to.
func NewFetcher(cfg Config, tr *Transport) (Fetcher, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if tr == nil {
		tr = NewTransport(nil, cfg, nil, nil)
	}
	if cfg.Offline {
		cfg.Delay, cfg.RandomDelay = 0, 0
	}
	f := &collyFetcher{
		turn:         make(chan struct{}, 1),
		next:         tr,
		allowed:      cfg.AllowedDomains,
		ignoreRobots: cfg.IgnoreRobots,
		userAgent:    cfg.UserAgent,
		robots:       map[string]*robotsRules{},
		offline:      cfg.Offline,
	}

	c := colly.NewCollector()
	// Set every field after NewCollector, which applies COLLY_* variables.
	c.UserAgent = cfg.UserAgent
	// robots.txt is applied by f.RoundTrip, to every hop of a redirect;
	// colly's own check sees only the first URL.
	c.IgnoreRobotsTxt = true
	c.AllowedDomains = cfg.AllowedDomains
	c.DisallowedDomains = nil
	c.URLFilters, c.DisallowedURLFilters = nil, nil
	c.MaxBodySize = cfg.MaxBodySize
	c.CacheDir = ""
	c.AllowURLRevisit = true // Fetch is asked for what the caller needs
	c.ParseHTTPErrorResponse = true
	c.DetectCharset = false
	c.Async = false
	c.MaxDepth, c.MaxRequests = 0, 0
	c.CheckHead, c.TraceHTTP = false, false
	c.Headers = nil
	if err := c.Limit(&colly.LimitRule{
		DomainGlob:  "*",
		Parallelism: 1,
		Delay:       cfg.Delay,
		RandomDelay: cfg.RandomDelay,
	}); err != nil {
		return nil, fmt.Errorf("fetch config: limit rule: %w", err)
	}
	// The client timeout covers the whole request, retries included; the
	// transport bounds each attempt by cfg.Timeout.
	c.SetRequestTimeout(overallTimeout(tr))
	c.SetRedirectHandler(f.checkRedirect)
	c.WithTransport(f)
	f.c = c
	return f, nil
}

// overallTimeout bounds a request with all its tries and waits.
func overallTimeout(t *Transport) time.Duration {
	if t.Timeout <= 0 {
		return 0
	}
	tries := time.Duration(max(t.Tries, 1))
	return tries*t.Timeout + (tries-1)*t.BackoffMax + 5*time.Second
}
