// Package waybacktest is a fake Wayback Machine for tests: an httptest
// server on loopback that answers the CDX API and id_ capture URLs from
// fixtures, and injects the archive's faults on demand (429 with or without
// Retry-After, 5xx, a redirect to another timestamp, the archive's error
// page, a truncated body). It logs every request, so a test can count CDX
// queries and capture fetches.
//
// It implements what citynets asks of the archive, as the Internet
// Archive's CDX server documents it: url, matchType=exact|prefix (or a
// trailing "/*"), from and to (1 to 14 digits, inclusive), filter=[!]field:regex
// (repeatable), collapse=field[:N] (adjacent rows), limit=N and limit=-N,
// output=json (otherwise space-separated lines); and /web/<ts>[id_]/<url>,
// which answers the capture at exactly ts or, like the real one, redirects
// with a 302 to the nearest capture's timestamp.
package waybacktest

import (
	"crypto/sha1"
	"encoding/base32"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Capture is one fixture: the page at URL as captured at Time.
type Capture struct {
	URL    string      // the original URL
	Time   time.Time   // capture time; kept to the second, UTC
	Body   []byte      // the bytes as captured
	Status int         // the status at capture time; 0 means 200
	Header http.Header // headers at capture time; Content-Type defaults to text/html
}

// Kind is what a request asked the fake for.
type Kind int

// Kinds of request. Any matches every kind in Fail.
const (
	Any         Kind = iota
	CDX              // /cdx/search/cdx
	CaptureKind      // /web/<ts>…/<url>
	Robots           // the archive's own /robots.txt
	Other            // anything else (answered 404)
)

// Request is one request as the fake saw and answered it.
type Request struct {
	Kind   Kind
	Path   string // the escaped path
	Query  string // the raw query
	Status int    // the status answered
}

// Server is a running fake archive. It is closed when the test ends.
type Server struct {
	srv      *httptest.Server
	captures []stored
	cfg      config

	mu   sync.Mutex
	log  []Request
	seen map[Kind]int // requests so far per kind, for Fail
	cut  map[string]int
}

// stored is a fixture with its derived keys.
type stored struct {
	Capture
	key   string // the URL's match key (see urlKey)
	stamp string // 14 digits
}

// New starts a fake archive holding captures.
func New(t testing.TB, captures []Capture, opts ...Option) *Server {
	t.Helper()
	s := &Server{seen: map[Kind]int{}, cut: map[string]int{}}
	for _, o := range opts {
		o(&s.cfg)
	}
	for _, c := range captures {
		c.Time = c.Time.UTC().Truncate(time.Second)
		if c.Status == 0 {
			c.Status = http.StatusOK
		}
		s.captures = append(s.captures, stored{Capture: c, key: urlKey(c.URL), stamp: c.Time.Format(stampLayout)})
	}
	slices.SortStableFunc(s.captures, func(a, b stored) int {
		return strings.Compare(a.key+" "+a.stamp, b.key+" "+b.stamp)
	})
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the fake's origin ("http://127.0.0.1:port"), the client's BaseURL.
func (s *Server) URL() string { return s.srv.URL }

// Requests returns every request so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// Count is the number of requests of kind k so far (Any: all of them).
func (s *Server) Count(k Kind) int {
	n := 0
	for _, r := range s.Requests() {
		if k == Any || r.Kind == k {
			n++
		}
	}
	return n
}

const stampLayout = "20060102150405"

// serve routes one request, applying injected failures first.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	kind := kindOf(r.URL.Path)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		s.mu.Lock()
		s.log = append(s.log, Request{Kind: kind, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Status: rec.status})
		s.mu.Unlock()
	}()
	if s.failed(rec, kind) {
		return
	}
	switch kind {
	case CDX:
		s.serveCDX(rec, r)
	case CaptureKind:
		s.serveCapture(rec, r)
	case Robots:
		s.serveRobots(rec)
	default:
		http.NotFound(rec, r)
	}
}

func kindOf(path string) Kind {
	switch {
	case path == "/cdx/search/cdx":
		return CDX
	case strings.HasPrefix(path, "/web/"):
		return CaptureKind
	case path == "/robots.txt":
		return Robots
	}
	return Other
}

// failed answers the request with an injected failure, if one applies.
func (s *Server) failed(w http.ResponseWriter, kind Kind) bool {
	s.mu.Lock()
	s.seen[kind]++
	if kind != Robots {
		s.seen[Any]++
	}
	var hit *failure
	for i := range s.cfg.failures {
		f := &s.cfg.failures[i]
		if (f.kind == kind || (f.kind == Any && kind != Robots)) && s.seen[f.kind] <= f.times {
			hit = f
			break
		}
	}
	s.mu.Unlock()
	if hit == nil {
		return false
	}
	if hit.retryAfter != "" {
		w.Header().Set("Retry-After", hit.retryAfter)
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(hit.status)
	_, _ = w.Write([]byte("<html><body><h1>" + http.StatusText(hit.status) + "</h1></body></html>"))
	return true
}

func (s *Server) serveRobots(w http.ResponseWriter) {
	if s.cfg.robots == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	_, _ = w.Write([]byte(*s.cfg.robots))
}

// statusRecorder remembers the status a handler answered, for the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// urlKey is how the fake matches URLs, a simplified SURT: the scheme, a
// leading "www." and a default port do not matter, the host's case does
// not either.
func urlKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
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

// digest is the archive's digest of a body: SHA-1 in base 32.
func digest(body []byte) string {
	sum := sha1.Sum(body)
	return base32.StdEncoding.EncodeToString(sum[:])
}
