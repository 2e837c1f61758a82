package fetch

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// pages is a site whose pages carry ETags and which answers a matching
// If-None-Match with 304, unless it ignores conditionals.
type pages struct {
	mu      sync.Mutex
	body    map[string]string
	ignore  bool // never answer 304
	sent    int  // body bytes written
	cond    int  // requests that carried If-None-Match
	answers []int
}

func (p *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.body[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	etag := `"` + PayloadDigest([]byte(b))[5:17] + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "text/html")
	if r.Header.Get("If-None-Match") != "" {
		p.cond++
	}
	if !p.ignore && r.Header.Get("If-None-Match") == etag {
		p.answers = append(p.answers, 304)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	p.answers = append(p.answers, 200)
	p.sent += len(b)
	_, _ = io.WriteString(w, b)
}

// night fetches paths through a new archive at path, remembering parent
// (the previous night's archive, "" for none), and returns the bodies.
func night(t *testing.T, srv *httptest.Server, path, parent string, idx PayloadIndex, paths ...string) (map[string]string, Costs) {
	t.Helper()
	w, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	var prior *Replay
	if parent != "" {
		if prior, err = OpenReplay(parent, WithPayloads(idx)); err != nil {
			t.Fatal(err)
		}
	}
	w.Deduplicate(NewHistory(prior, idx))
	tr := NewTransport(srv.Client().Transport, Config{Delay: -1, Retries: -1}, w, nil)
	tr.Counters = &Counters{}
	got := map[string]string{}
	for _, p := range paths {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+p, nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d, want 200 (a 304 answered from the archive)", p, resp.StatusCode)
		}
		b, _ := io.ReadAll(resp.Body)
		got[p] = string(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return got, tr.Counters.Load()
}

// fileIndex is a PayloadIndex over whole archive files, as the store's
// index is: every response record's digest and offset.
type fileIndex map[string]StoredPayload

func (f fileIndex) LookupPayload(d string) (StoredPayload, bool) { p, ok := f[d]; return p, ok }

func (f fileIndex) add(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(raw)
	for r.Len() > 0 {
		off := int64(len(raw) - r.Len())
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			t.Fatal(err)
		}
		if a, err := RecordAt(raw, off, 1<<20); err == nil {
			if _, ok := f[a.ref.Digest]; !ok {
				f[a.ref.Digest] = StoredPayload{PayloadRef: a.ref, Path: path, Offset: off}
			}
		}
	}
}

func TestConditionalRequests(t *testing.T) {
	big := noise(20000)
	site := &pages{body: map[string]string{"/list": big, "/a": "alpha " + big, "/b": "beta " + big}}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	idx := fileIndex{}
	one, two, three := filepath.Join(dir, "1.warc.gz"), filepath.Join(dir, "2.warc.gz"), filepath.Join(dir, "3.warc.gz")

	first, c1 := night(t, srv, one, "", idx, "/list", "/a", "/b")
	idx.add(t, one)
	firstSent := site.sent
	site.body["/b"] = "beta changed " + big
	second, c2 := night(t, srv, two, one, idx, "/list", "/a", "/b")
	idx.add(t, two)

	if first["/list"] != second["/list"] || first["/a"] != second["/a"] {
		t.Error("an unchanged page answered 304 must read as its earlier body")
	}
	if second["/b"] != site.body["/b"] {
		t.Error("a changed page must be fetched in full")
	}
	secondSent := site.sent - firstSent
	if want := len(site.body["/b"]); secondSent != want {
		t.Errorf("second night downloaded %d body bytes, want %d (only the changed page)", secondSent, want)
	}
	if c2.Requests != 3 || c2.NotModified != 2 || c2.Revisits != 2 {
		t.Errorf("second night counted %+v, want 3 requests, 2 not modified, 2 revisits", c2)
	}
	if c2.Stored*2 > c1.Stored {
		t.Errorf("second archive grew %d bytes, first %d: two of three pages should be small revisits", c2.Stored, c1.Stored)
	}

	// A server that ignores If-None-Match: the same bytes come back in
	// full, and are stored as identical-payload revisits.
	site.ignore = true
	third, c3 := night(t, srv, three, two, idx, "/list", "/a", "/b")
	for p, b := range second {
		if third[p] != b {
			t.Errorf("%s: the third night read another body", p)
		}
	}
	if c3.NotModified != 0 || c3.Revisits != 3 || c3.Stored*20 > c1.Stored {
		t.Errorf("third night counted %+v (first stored %d), want 0 not modified, 3 small revisits", c3, c1.Stored)
	}

	// Every archive replays whole through the payload index.
	for _, path := range []string{one, two, three} {
		r, err := OpenReplay(path, WithPayloads(idx))
		if err != nil {
			t.Fatalf("replay %s: %v", filepath.Base(path), err)
		}
		want := first
		if path != one {
			want = second
		}
		for p, b := range want {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+p, nil)
			resp, err := r.RoundTrip(req)
			if err != nil {
				t.Fatalf("replay %s %s: %v", filepath.Base(path), p, err)
			}
			got, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || string(got) != b {
				t.Errorf("replay %s %s: status %d, %d bytes; want 200 and the fetched body", filepath.Base(path), p, resp.StatusCode, len(got))
			}
		}
	}
	// Without the index, a revisit of another archive is a bad archive.
	if _, err := OpenReplay(three); err == nil {
		t.Error("a revisit whose payload cannot be found must not replay")
	}
}

func TestRevisitRecordFields(t *testing.T) {
	site := &pages{body: map[string]string{"/x": strings.Repeat("x", 2000)}}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	idx := fileIndex{}
	one, two := filepath.Join(dir, "1.warc.gz"), filepath.Join(dir, "2.warc.gz")
	night(t, srv, one, "", idx, "/x")
	idx.add(t, one)
	night(t, srv, two, one, idx, "/x")
	if !strings.Contains(inflateAll(t, one), "WARC-Payload-Digest: "+PayloadDigest([]byte(site.body["/x"]))) {
		t.Error("gowarc's payload digest of a response differs from PayloadDigest")
	}
	text := inflateAll(t, two)
	for _, want := range []string{
		"WARC-Type: revisit",
		"WARC-Profile: " + ProfileNotModified,
		"WARC-Refers-To: <urn:uuid:",
		"WARC-Refers-To-Target-URI: " + srv.URL + "/x",
		"WARC-Refers-To-Date: ",
		"WARC-Payload-Digest: " + PayloadDigest([]byte(site.body["/x"])),
		"HTTP/1.1 304 Not Modified",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("revisit record lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "WARC-Type: request") {
		t.Error("the request record of a revisited URL is dropped")
	}
}

func inflateAll(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// noise is n bytes of incompressible text, so archive sizes mean something.
func noise(n int) string {
	var b strings.Builder
	seed := []byte("citynets")
	for b.Len() < n {
		seed = []byte(PayloadDigest(seed))
		b.WriteString(string(seed[5:]))
	}
	return b.String()[:n]
}
