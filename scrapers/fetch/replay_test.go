package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fixtureArchive writes pages to a fresh archive and returns its path.
func fixtureArchive(t *testing.T, name string, pages []FixturePage) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

func get(t *testing.T, rt http.RoundTripper, url string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body, nil
}

func TestOpenReplayBadArchives(t *testing.T) {
	good, err := os.ReadFile(fixtureArchive(t, "good.warc.gz", []FixturePage{
		{URL: "https://example.org/a", Body: bytes.Repeat([]byte("member "), 500)},
		{URL: "https://example.org/b", Body: []byte("b")},
	}))
	if err != nil {
		t.Fatal(err)
	}
	plain := mustGunzip(t, good)
	tests := []struct {
		name     string
		content  []byte // nil: the file does not exist
		wantText string
	}{
		{"missing file", nil, "no such file"},
		{"empty file", []byte{}, "empty"},
		{"not a WARC file", []byte("<!doctype html><html>members</html>"), "not a WARC file"},
		{"truncated gzip", good[:len(good)-40], "truncated gzip"},
		{"gzip cut inside the first member", good[:30], "truncated gzip"},
		{"truncated plain WARC", plain[:len(plain)-100], "truncated"},
		{"corrupt block", corrupt(plain, []byte("member member"), []byte("member MEMBER")), "corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "raw.warc.gz")
			if tt.content != nil {
				if err := os.WriteFile(path, tt.content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := OpenReplay(path)
			if !errors.Is(err, ErrBadArchive) {
				t.Fatalf("err = %v, want ErrBadArchive", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) || !strings.Contains(err.Error(), path) {
				t.Errorf("err = %q, want it to name the file and say %q", err, tt.wantText)
			}
		})
	}
}

func mustGunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func corrupt(b, old, new []byte) []byte {
	return bytes.Replace(slices.Clone(b), old, new, 1)
}

func TestReplayServesArchive(t *testing.T) {
	path := fixtureArchive(t, "raw.warc.gz", []FixturePage{
		{URL: "https://www.c40.org/", ContentType: "text/html", Body: []byte("old")},
		{URL: "https://www.c40.org/cities/", Status: 403, Body: []byte("denied")},
		{URL: "https://www.c40.org/", ContentType: "text/html", Body: []byte("new")}, // last wins
	})
	r, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.URLs(), []string{"https://www.c40.org/", "https://www.c40.org/cities/"}; !slices.Equal(got, want) {
		t.Errorf("URLs() = %v, want %v", got, want)
	}
	tests := []struct {
		url        string
		wantStatus int
		wantBody   string
		wantErr    error
	}{
		{url: "https://www.c40.org/", wantStatus: 200, wantBody: "new"},
		{url: "https://WWW.C40.org:443", wantStatus: 200, wantBody: "new"}, // the same URL, spelled differently
		{url: "https://www.c40.org/#top", wantStatus: 200, wantBody: "new"},
		{url: "https://www.c40.org/cities/", wantStatus: 403, wantBody: "denied"},
		{url: "https://www.c40.org/robots.txt", wantStatus: 404}, // not archived: no rules
		{url: "https://www.c40.org/cities/london/", wantErr: ErrNotInArchive},
		{url: "http://www.c40.org/", wantErr: ErrNotInArchive}, // another scheme is another URL
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			resp, body, err := get(t, r, tt.url)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.url) {
					t.Fatalf("err = %v, want %v naming the URL", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus || string(body) != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

func TestReplayHonoursCancelledContext(t *testing.T) {
	r, err := OpenReplay(fixtureArchive(t, "raw.warc", []FixturePage{{URL: "https://example.org/"}}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://example.org/", nil)
	if _, err := r.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestReplayOtherTool reads a WARC/1.0 file written in another tool's style:
// angle-bracketed target URIs, bare LF header lines, a chunked payload, no
// digests, a resource record.
func TestReplayOtherTool(t *testing.T) {
	plain := filepath.Join("testdata", "warc", "other-tool.warc")
	raw, err := os.ReadFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	// The same file gzipped as a whole, not per record.
	var whole bytes.Buffer
	zw := gzip.NewWriter(&whole)
	_, _ = zw.Write(raw)
	_ = zw.Close()
	wholePath := filepath.Join(t.TempDir(), "other-tool.warc.gz")
	if err := os.WriteFile(wholePath, whole.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, wholePath} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			r, err := OpenReplay(path)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"http://EXAMPLE.org:80/robots.txt", "http://example.org/chunked", "http://example.org/gone"}
			if got := r.URLs(); !slices.Equal(got, want) {
				t.Errorf("URLs() = %v, want %v", got, want)
			}
			resp, body, err := get(t, r, "http://example.org/chunked")
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != "<p>São Paulo</p>" || resp.Header.Get("Transfer-Encoding") != "" {
				t.Errorf("chunked payload served as %q (headers %v)", body, resp.Header)
			}
			_, body, err = get(t, r, "http://example.org/robots.txt")
			if err != nil || !strings.Contains(string(body), "Disallow: /private/") {
				t.Errorf("robots.txt = %q, %v", body, err)
			}
			if resp, _, err := get(t, r, "http://example.org/gone"); err != nil || resp.StatusCode != 410 {
				t.Errorf("gone = %v, %v", resp, err)
			}
			if _, _, err := get(t, r, "http://example.org/resource"); !errors.Is(err, ErrNotInArchive) {
				t.Errorf("a resource record was served: %v", err)
			}
		})
	}
}

func TestReplayTruncatedRecordIsTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raw.warc.gz")
	w, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.writeExchange(warcExchange{URL: "https://example.org/huge", Status: 200,
		Header: http.Header{"Content-Length": {"99999999"}}, Body: []byte("the first bytes"), Truncated: true, Date: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := get(t, r, "https://example.org/huge"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

// FuzzOpenReplay: arbitrary bytes read as a .warc.gz give records or a bad
// archive — never a panic, and never more than the caps in memory — and
// whatever was indexed replays without panicking.
func FuzzOpenReplay(f *testing.F) {
	dir := f.TempDir()
	pages := []FixturePage{
		{URL: "https://t.example/", ContentType: "text/html", Body: []byte("<p>Lisboa</p>")},
		{URL: "https://t.example/gz", ContentType: "text/html", Header: http.Header{"Content-Encoding": {"gzip"}}, Body: compressed(f, "gzip", 1<<20, "")},
		{URL: "https://t.example/robots.txt", ContentType: "text/plain", Body: []byte("User-agent: *\nDisallow: /x\n")},
	}
	for _, name := range []string{"a.warc.gz", "a.warc"} {
		path := filepath.Join(dir, name)
		if err := WriteFixtureWARC(path, pages); err != nil {
			f.Fatal(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
		f.Add(raw[:len(raw)*2/3]) // cut short
	}
	// A deduplicating archive: the second copy of a page is a revisit of
	// the first; and a revisit of a payload the archive lacks.
	dedup := filepath.Join(dir, "dedup.warc.gz")
	w, err := CreateWARC(dedup)
	if err != nil {
		f.Fatal(err)
	}
	w.Deduplicate(NewHistory(nil, nil))
	for _, u := range []string{"https://t.example/", "https://t.example/again"} {
		if _, err := w.writeExchange(warcExchange{URL: u, Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<p>Lisboa</p>")}); err != nil {
			f.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	raw, err := os.ReadFile(dedup)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("WARC/1.1\r\nWARC-Type: revisit\r\nWARC-Target-URI: https://t.example/\r\nWARC-Profile: " + ProfileIdenticalPayload + "\r\nWARC-Payload-Digest: sha1:AAAA\r\nContent-Length: 19\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n"))
	f.Add(compressed(f, "gzip", 4<<20, "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 4194304\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://t.example/\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := openReplayBytes("fuzz.warc.gz", raw, replayLimits{record: 64 << 10, archive: 4 << 20})
		if err != nil {
			if !errors.Is(err, ErrBadArchive) {
				t.Fatalf("err = %v, want ErrBadArchive", err)
			}
			return
		}
		tr := NewTransport(r, Config{MaxBodySize: 64 << 10, Offline: true}, nil, nil)
		for _, u := range r.URLs() {
			req, err := http.NewRequest(http.MethodGet, u, nil)
			if err != nil {
				continue
			}
			if resp, err := tr.RoundTrip(req); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		}
	})
}
