package faultsuite

import (
	"bytes"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// maxHang bounds every fault that holds a connection open, so that no
// test can hang for ever even if the client never gives up.
const maxHang = 60 * time.Second

// Times applies fault to the first k requests of the URL and serves the
// fixture after that: a burst.
func Times(k int, fault Fault) Fault {
	return func(w http.ResponseWriter, r *http.Request, n int, next http.Handler) {
		if n <= k {
			fault(w, r, n, next)
			return
		}
		next.ServeHTTP(w, r)
	}
}

// Status answers with code and an empty body.
func Status(code int) Fault {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
		w.WriteHeader(code)
	}
}

// TooMany answers 429 with a Retry-After of secs seconds.
func TooMany(secs int) Fault {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

// Page answers with this body and status instead of the fixture's.
func Page(status int, contentType string, body []byte) Fault {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write(body)
	}
}

// Redirect answers 302 to location.
func Redirect(location string) Fault {
	return func(w http.ResponseWriter, r *http.Request, _ int, _ http.Handler) {
		http.Redirect(w, r, location, http.StatusFound)
	}
}

// Hang accepts the request and never answers (until the client gives up
// or the fake closes).
func (f *Fake) Hang() Fault {
	return func(_ http.ResponseWriter, r *http.Request, _ int, _ http.Handler) {
		select {
		case <-r.Context().Done():
		case <-f.done:
		case <-time.After(maxHang):
		}
	}
}

// Trickle sends the fixture's headers at once and then its body one byte
// per every, a server that is alive but far too slow.
func (f *Fake) Trickle(every time.Duration) Fault {
	return func(w http.ResponseWriter, r *http.Request, _ int, next http.Handler) {
		body := f.fixtureBody(r, next)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		stop := time.After(maxHang)
		for i := range body {
			if _, err := w.Write(body[i : i+1]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(every):
			case <-r.Context().Done():
				return
			case <-f.done:
				return
			case <-stop:
				return
			}
		}
	}
}

// CutShort promises the fixture's full length and sends half of it, then
// closes the connection.
func (f *Fake) CutShort() Fault {
	return func(w http.ResponseWriter, r *http.Request, _ int, next http.Handler) {
		body := f.fixtureBody(r, next)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // the server closes the connection
	}
}

// Reset reads the request and resets the TCP connection (RST, not FIN).
func Reset() Fault {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		raw := conn
		if tc, ok := conn.(*tunnelConn); ok {
			raw = tc.raw
		}
		if tcp, ok := raw.(*net.TCPConn); ok {
			tcp.SetLinger(0)
		}
		raw.Close()
	}
}

// Huge streams size bytes of HTML without a Content-Length; sent counts
// what actually went out, so a test can see the client stopped reading.
func Huge(size int64, sent *atomic.Int64) Fault {
	return func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		chunk := bytes.Repeat([]byte("<p>citynets faultsuite filler</p>\n"), 2048)
		for sent.Load() < size {
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}
}

// fixtureBody is what next would answer, captured.
func (f *Fake) fixtureBody(r *http.Request, next http.Handler) []byte {
	rec := &bodyRecorder{header: http.Header{}}
	next.ServeHTTP(rec, r)
	if len(rec.body.Bytes()) == 0 {
		return []byte("<html><body>" + string(bytes.Repeat([]byte("x"), 4096)) + "</body></html>")
	}
	return rec.body.Bytes()
}

type bodyRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (b *bodyRecorder) Header() http.Header         { return b.header }
func (b *bodyRecorder) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bodyRecorder) WriteHeader(int)             {}

// discardLog silences net/http's own logging of aborted handlers and
// broken connections, which the faults cause on purpose.
func discardLog() *log.Logger { return log.New(discard{}, "", 0) }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
