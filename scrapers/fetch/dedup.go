package fetch

import (
	"crypto/sha1"
	"encoding/base32"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Revisit profiles, as WARC 1.1 (section 6.7.2) names them: readers such
// as warcio and pywb key on these exact URIs.
const (
	ProfileIdenticalPayload = gowarc.ProfileIdenticalPayloadDigestV1_1
	ProfileNotModified      = gowarc.ProfileServerNotModifiedV1_1
)

// PayloadDigest is the WARC-Payload-Digest of an HTTP body, spelt as gowarc
// and warcio write it ("sha1:" and the base32 SHA-1), so that digests from
// any of them compare equal.
func PayloadDigest(body []byte) string {
	sum := sha1.Sum(body)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}

// PayloadRef names the response record that holds a payload: what a revisit
// record refers to.
type PayloadRef struct {
	RecordID string // "urn:uuid:…", without angle brackets; "" when unknown
	URI      string
	Date     time.Time
	Digest   string // its WARC-Payload-Digest
}

// StoredPayload is a payload's record in an archive other than the one
// being written or read.
type StoredPayload struct {
	PayloadRef
	Path   string // the archive file
	Offset int64  // where the record starts (its gzip member, for .gz)
}

// PayloadIndex finds payloads already stored, by digest. The store's
// index implements it (through the pipeline, which knows both sides), so
// that this package knows nothing of snapshots.
type PayloadIndex interface {
	LookupPayload(digest string) (StoredPayload, bool)
}

// History is what earlier nights archived: each URL's last capture, whose
// ETag and Last-Modified make the next request conditional and whose body
// answers a 304, and the payloads already stored, which a response with
// the same digest refers to instead of storing again. It is read-only
// once made and safe for concurrent use.
type History struct {
	prior    map[string]*archivedResponse // by replayKey
	payloads PayloadIndex                 // nil: only this run's own payloads dedupe
}

// NewHistory remembers parent's captures (nil: none) and looks payloads up
// in payloads (nil: none stored).
func NewHistory(parent *Replay, payloads PayloadIndex) *History {
	h := &History{prior: map[string]*archivedResponse{}, payloads: payloads}
	if parent != nil {
		h.prior = parent.byKey
	}
	return h
}

// validated returns the prior capture of req's URL when it can make the
// request conditional: a whole 2xx body with an ETag or a Last-Modified.
func (h *History) validated(req *http.Request) *archivedResponse {
	if h == nil || req.Method != http.MethodGet {
		return nil
	}
	a := h.prior[replayKey(req.URL.String())]
	if a == nil || a.truncated || a.status < 200 || a.status > 299 {
		return nil
	}
	if a.header.Get("ETag") == "" && a.header.Get("Last-Modified") == "" {
		return nil
	}
	return a
}

// stored looks a payload up among those earlier nights stored.
func (h *History) stored(digest string) (PayloadRef, bool) {
	if h == nil || h.payloads == nil {
		return PayloadRef{}, false
	}
	p, ok := h.payloads.LookupPayload(digest)
	return p.PayloadRef, ok
}

// conditional returns req asking for prior's body only if it changed.
// Headers the caller set itself are left alone.
func conditional(req *http.Request, prior *archivedResponse) *http.Request {
	r := req.Clone(req.Context())
	if v := prior.header.Get("ETag"); v != "" && r.Header.Get("If-None-Match") == "" {
		r.Header.Set("If-None-Match", v)
	}
	if v := prior.header.Get("Last-Modified"); v != "" && r.Header.Get("If-Modified-Since") == "" {
		r.Header.Set("If-Modified-Since", v)
	}
	return r
}

// Counters are what a transport's requests cost: the run's summary and
// manifest report them. They are safe for concurrent use.
type Counters struct {
	requests    atomic.Int64
	notModified atomic.Int64
	revisits    atomic.Int64
	downloaded  atomic.Int64
	stored      atomic.Int64
}

// Costs are the values of Counters at one moment.
type Costs struct {
	Requests    int64 // sent, retries and robots.txt included
	NotModified int64 // answered 304 to a conditional request
	Revisits    int64 // archived as revisit records (304 or a payload stored before)
	Downloaded  int64 // body bytes received, as sent (before any content coding is undone)
	Stored      int64 // bytes the archive grew by (compressed)
}

// Load reads the counters; a nil Counters reads as zero.
func (c *Counters) Load() Costs {
	if c == nil {
		return Costs{}
	}
	return Costs{
		Requests: c.requests.Load(), NotModified: c.notModified.Load(), Revisits: c.revisits.Load(),
		Downloaded: c.downloaded.Load(), Stored: c.stored.Load(),
	}
}

func (c *Counters) add(field func(*Counters) *atomic.Int64, n int64) {
	if c != nil {
		field(c).Add(n)
	}
}

func requestsOf(c *Counters) *atomic.Int64    { return &c.requests }
func notModifiedOf(c *Counters) *atomic.Int64 { return &c.notModified }
func revisitsOf(c *Counters) *atomic.Int64    { return &c.revisits }
func downloadedOf(c *Counters) *atomic.Int64  { return &c.downloaded }
func storedOf(c *Counters) *atomic.Int64      { return &c.stored }

// countedBody counts the body bytes read from the base transport.
type countedBody struct {
	io.ReadCloser
	c *Counters
}

func (b countedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.c.add(downloadedOf, int64(n))
	return n, err
}
