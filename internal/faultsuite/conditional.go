package faultsuite

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
)

// Conditional serves the page with an ETag and answers a request whose
// If-None-Match names it with 304 Not Modified, as most sites do; with
// ignore it always sends the page in full, as a site that ignores
// conditional headers does. edit, when set, changes the page first (a
// page that changed since the last night). sent counts the body bytes
// served, so a test can see what a night downloaded.
func Conditional(ignore bool, edit func([]byte) []byte, sent *atomic.Int64) Fault {
	return func(w http.ResponseWriter, r *http.Request, _ int, next http.Handler) {
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if edit != nil {
			body = edit(body)
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.Header().Set("ETag", etag)
		if !ignore && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(rec.Code)
		n, _ := w.Write(body)
		sent.Add(int64(n))
	}
}
