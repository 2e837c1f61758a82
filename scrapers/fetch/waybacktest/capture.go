package waybacktest

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// capturePath is /web/<1–14 digits><optional modifier>/<original URL>.
var capturePath = regexp.MustCompile(`^/web/(\d{1,14})([a-z]{2}_)?/(.+)$`)

// hrm is the body of the Wayback Machine's "not archived" page.
const hrm = `<!DOCTYPE html><html><head><title>Wayback Machine</title></head><body>
<div id="error"><h2>Hrm.</h2><p>The Wayback Machine has not archived that URL.</p>
<p>Wayback Machine doesn't have that page archived.</p></div></body></html>`

// serveCapture answers /web/<ts><mod>/<url>: the capture at exactly ts, or
// a 302 to the nearest one's timestamp, or a 404 "Hrm." page.
func (s *Server) serveCapture(w http.ResponseWriter, r *http.Request) {
	m := capturePath.FindStringSubmatch(r.URL.EscapedPath())
	if m == nil {
		http.NotFound(w, r)
		return
	}
	want, mod, original := pad(m[1]), m[2], fixScheme(m[3])
	if unescaped, err := url.PathUnescape(original); err == nil {
		original = unescaped
	}
	if r.URL.RawQuery != "" {
		original += "?" + r.URL.RawQuery
	}
	key := urlKey(original)
	if to, ok := s.cfg.redirects[key+" "+want]; ok {
		s.redirect(w, to, mod, original)
		return
	}
	c, ok := s.nearest(key, want)
	if !ok {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(hrm))
		return
	}
	if c.stamp != want {
		s.redirect(w, c.stamp, mod, c.URL)
		return
	}
	s.writeCapture(w, c, mod)
}

// redirect answers a 302 to the same URL at another timestamp.
func (s *Server) redirect(w http.ResponseWriter, stamp, mod, original string) {
	w.Header().Set("Location", s.srv.URL+"/web/"+stamp+mod+"/"+original)
	w.WriteHeader(http.StatusFound)
}

// writeCapture answers with a capture, or the fault injected for it.
func (s *Server) writeCapture(w http.ResponseWriter, c stored, mod string) {
	h := w.Header()
	switch s.errorPageOf(c) {
	case hrmPage:
		h.Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(hrm))
		return
	case runtimeError:
		h.Set("X-Archive-Wayback-Runtime-Error", "java.io.IOException: replay failed")
	}
	for k, vs := range c.Header {
		h[k] = append([]string(nil), vs...)
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "text/html")
	}
	self := s.srv.URL + "/web/" + c.stamp + mod + "/" + c.URL
	h.Set("Memento-Datetime", c.Time.Format(http.TimeFormat))
	h.Set("Link", "<"+c.URL+`>; rel="original", <`+self+`>; rel="memento"; datetime="`+c.Time.Format(http.TimeFormat)+`"`)
	if loc := h.Get("Location"); loc != "" && c.Status >= 300 && c.Status < 400 {
		if base, err := url.Parse(c.URL); err == nil {
			if target, err := base.Parse(loc); err == nil {
				h.Set("Location", s.srv.URL+"/web/"+c.stamp+mod+"/"+target.String())
			}
		}
	}
	body := c.Body
	if s.cutNow(c.key) {
		h.Set("Content-Length", strconv.Itoa(len(body)))
		body = body[:len(body)/2]
	}
	w.WriteHeader(c.Status)
	_, _ = w.Write(body)
}

func (s *Server) errorPageOf(c stored) errPage {
	if p, ok := s.cfg.errorPages[c.key+" "+c.stamp]; ok {
		return p
	}
	return s.cfg.errorPages[c.key]
}

// cutNow says whether this fetch of key's capture is to be truncated.
func (s *Server) cutNow(key string) bool {
	n, ok := s.cfg.truncate[key]
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cut[key]++
	return n < 0 || s.cut[key] <= n
}

// nearest is key's capture closest in time to the 14-digit stamp want, the
// earlier on a tie.
func (s *Server) nearest(key, want string) (stored, bool) {
	t, err := time.Parse(stampLayout, want)
	if err != nil {
		return stored{}, false
	}
	var best stored
	found := false
	for _, c := range s.captures {
		if c.key != key {
			continue
		}
		if !found || abs(c.Time.Sub(t)) < abs(best.Time.Sub(t)) {
			best, found = c, true
		}
	}
	return best, found
}

func abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// pad completes a 1–14 digit timestamp as the archive does: "2014" is
// 20140101000000.
func pad(ts string) string {
	const template = "20000101000000"
	return ts + template[len(ts):]
}

// fixScheme restores the "//" that servers collapse in paths
// ("http:/www.example.org/" → "http://www.example.org/").
func fixScheme(s string) string {
	i := strings.Index(s, ":/")
	if i < 0 || strings.HasPrefix(s[i:], "://") {
		return s
	}
	return s[:i] + "://" + s[i+2:]
}
