package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"
)

// bombSize is what a test bomb inflates to; testCap is the body cap the
// bomb tests configure. Together they keep the tests fast and small.
const (
	bombSize = 50 << 20
	testCap  = 64 << 10
)

// compressed returns n zero bytes (or text, when given) compressed with
// the named coding, written in chunks so that making a bomb does not
// itself take its inflated size in memory.
func compressed(t testing.TB, coding string, n int, text string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	case "deflate":
		w, _ = flate.NewWriter(&buf, flate.BestCompression)
	case "br":
		w = brotli.NewWriterLevel(&buf, brotli.BestSpeed)
	default:
		t.Fatalf("no coding %q", coding)
	}
	if text != "" {
		_, _ = io.WriteString(w, text)
	}
	chunk := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		if _, err := w.Write(chunk[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allocated runs f and returns the bytes it allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestFetchBodyCapCountsInflatedBytes: however a body is compressed, the
// cap counts what it inflates to, the page fails with ErrTooLarge, and
// memory stays far below the inflated size. A small compressed page comes
// back inflated.
func TestFetchBodyCapCountsInflatedBytes(t *testing.T) {
	gz := compressed(t, "gzip", bombSize, "")
	page := "<p>Lisboa</p>"
	cases := []struct {
		name   string
		header map[string]string
		body   []byte
		want   string // the page body; "" means ErrTooLarge
	}{
		{"gzip bomb", map[string]string{"Content-Encoding": "gzip"}, gz, ""},
		{"x-gzip bomb", map[string]string{"Content-Encoding": "x-gzip"}, gz, ""},
		{"application/x-gzip bomb", map[string]string{"Content-Type": "application/x-gzip"}, gz, ""},
		{"deflate bomb", map[string]string{"Content-Encoding": "deflate"}, compressed(t, "deflate", bombSize, ""), ""},
		{"br bomb", map[string]string{"Content-Encoding": "br"}, compressed(t, "br", bombSize, ""), ""},
		{"gzip twice", map[string]string{"Content-Encoding": "gzip, gzip"}, compressed(t, "gzip", 0, string(gz)), ""},
		{"small x-gzip page", map[string]string{"Content-Encoding": "x-gzip", "Content-Type": "text/html"}, compressed(t, "gzip", 0, page), page},
		{"small deflate page", map[string]string{"Content-Encoding": "deflate"}, compressed(t, "deflate", 0, page), page},
		{"small br page", map[string]string{"Content-Encoding": "br"}, compressed(t, "br", 0, page), page},
		{"small application/x-gzip file", map[string]string{"Content-Type": "application/x-gzip"}, compressed(t, "gzip", 0, page), page},
	}
	steps := map[string][]step{"/robots.txt": {{body: testRobots}}}
	for i, tt := range cases {
		steps["/"+string(rune('a'+i))] = []step{{header: tt.header, body: string(tt.body)}}
	}
	s := newScript(steps)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for i, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "raw.warc.gz")
			archive, err := CreateWARC(path)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := newTestFetcher(t, Config{MaxBodySize: testCap}, archive)
			var p *Page
			used := allocated(func() { p, err = f.Fetch(context.Background(), srv.URL+"/"+string(rune('a'+i))) })
			if used > 16<<20 {
				t.Errorf("fetch allocated %d MiB", used>>20)
			}
			if tt.want == "" {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("err = %v, want ErrTooLarge", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(p.Body) != tt.want || p.Header.Get("Content-Encoding") != "" {
				t.Errorf("body %q, Content-Encoding %q; want %q inflated", p.Body, p.Header.Get("Content-Encoding"), tt.want)
			}
			if err := archive.Close(); err != nil {
				t.Fatal(err)
			}
			// The archive holds what the page says, and replays to it.
			replay, err := OpenReplay(path)
			if err != nil {
				t.Fatal(err)
			}
			off, err := newOfflineFetcher(Config{AllowedDomains: []string{"127.0.0.1"}}, replay)
			if err != nil {
				t.Fatal(err)
			}
			rp, err := off.Fetch(context.Background(), srv.URL+"/"+string(rune('a'+i)))
			if err != nil || rp.SHA256 != p.SHA256 {
				t.Errorf("replay: %v, sha %v, want %s", err, rp, p.SHA256)
			}
		})
	}
}

// TestReplayBodyCapCountsInflatedBytes: a gzip bomb archived as a record's
// HTTP payload fails that page, without inflating it whole.
func TestReplayBodyCapCountsInflatedBytes(t *testing.T) {
	gz := compressed(t, "gzip", bombSize, "")
	path := fixtureArchive(t, "bomb.warc.gz", []FixturePage{
		{URL: "https://t.example/bomb", ContentType: "text/html", Header: map[string][]string{"Content-Encoding": {"gzip"}}, Body: gz},
		{URL: "https://t.example/ok", ContentType: "text/html", Body: []byte("<p>ok</p>")},
	})
	for _, tt := range []struct {
		name string
		opts []ReplayOption
		cfg  Config
	}{
		{"over the fetch cap", nil, Config{MaxBodySize: testCap}},
		{"over the record cap", []ReplayOption{WithRecordLimit(testCap)}, Config{MaxBodySize: 100 << 20}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			used := allocated(func() {
				var r *Replay
				r, err = OpenReplay(path, tt.opts...)
				if err != nil {
					return
				}
				tt.cfg.AllowedDomains = []string{"t.example"}
				var f Fetcher
				f, err = newOfflineFetcher(tt.cfg, r)
				if err != nil {
					return
				}
				if _, err = f.Fetch(context.Background(), "https://t.example/ok"); err != nil {
					return
				}
				_, err = f.Fetch(context.Background(), "https://t.example/bomb")
			})
			if used > 16<<20 {
				t.Errorf("replay allocated %d MiB", used>>20)
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
		})
	}
}

// TestOpenReplayArchiveBomb: a .warc.gz whose members inflate beyond the
// archive cap is a bad archive, found without inflating it whole.
func TestOpenReplayArchiveBomb(t *testing.T) {
	dir := t.TempDir()
	good := fixtureArchive(t, "good.warc.gz", []FixturePage{{URL: "https://t.example/", Body: []byte("<p>ok</p>")}})
	raw := mustRead(t, good)
	// A resource record of bombSize zero bytes, as one more gzip member.
	var rec bytes.Buffer
	rec.WriteString("WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-8000-8000-000000000000>\r\n" +
		"WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: https://t.example/zeros\r\nContent-Type: application/octet-stream\r\n" +
		"Content-Length: " + strconv.Itoa(bombSize) + "\r\n\r\n")
	member := compressed(t, "gzip", bombSize, rec.String())
	bomb := filepath.Join(dir, "bomb.warc.gz")
	writeFile(t, bomb, append(raw, member...))

	for _, tt := range []struct {
		name string
		opts []ReplayOption
	}{
		{"over the archive cap", []ReplayOption{WithArchiveLimit(1 << 20)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			used := allocated(func() { _, err = OpenReplay(bomb, tt.opts...) })
			if used > 16<<20 {
				t.Errorf("OpenReplay allocated %d MiB", used>>20)
			}
			if !errors.Is(err, ErrBadArchive) {
				t.Fatalf("err = %v, want ErrBadArchive", err)
			}
		})
	}
	if _, err := OpenReplay(good, WithArchiveLimit(1<<20), WithRecordLimit(testCap)); err != nil {
		t.Errorf("a small archive under the caps: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
