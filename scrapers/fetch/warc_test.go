package fetch

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestWARCConcurrentWritesReplay(t *testing.T) {
	for _, name := range []string{"raw.warc.gz", "raw.warc"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			w, err := CreateWARC(path)
			if err != nil {
				t.Fatal(err)
			}
			const n = 40
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					_, err := w.writeExchange(warcExchange{
						Method: "GET", URL: fmt.Sprintf("https://example.org/p/%d", i),
						RequestHeader: http.Header{"User-Agent": {"test"}},
						Status:        200, Header: http.Header{"Content-Type": {"text/plain"}},
						Body: bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i), Date: testNow,
					})
					if err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			r, err := OpenReplay(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(r.URLs()); got != n {
				t.Fatalf("replay holds %d URLs, want %d", got, n)
			}
			for i := range n {
				a := r.byKey[replayKey(fmt.Sprintf("https://example.org/p/%d", i))]
				if want := bytes.Repeat([]byte{byte('a' + i%26)}, 1000+i); a == nil || !bytes.Equal(a.body, want) {
					t.Fatalf("page %d came back different", i)
				}
				if !a.date.Equal(testNow) {
					t.Errorf("page %d date = %v, want %v", i, a.date, testNow)
				}
			}
		})
	}
}

// TestWARCGzipPerRecord checks that every record is its own gzip member, so
// that WARC tools can seek to a record: the members decompress one by one
// and each starts with "WARC/1.1".
func TestWARCGzipPerRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.warc.gz")
	pages := []FixturePage{{URL: "https://example.org/a", Body: []byte("A")}, {URL: "https://example.org/b", Body: []byte("B")}}
	if err := WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	br := bytes.NewReader(raw) // an io.ByteReader: gzip reads no further than a member
	zr, err := gzip.NewReader(br)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for {
		zr.Multistream(false)
		member, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(member, []byte("WARC/1.1\r\n")) || !bytes.HasSuffix(member, []byte("\r\n\r\n")) {
			t.Fatalf("member is not one whole record: %q", member)
		}
		if bytes.Count(member, []byte("WARC/1.1\r\n")) != 1 {
			t.Fatalf("member holds more than one record")
		}
		_, rest, _ := bytes.Cut(member, []byte("WARC-Type: "))
		typ, _, _ := bytes.Cut(rest, []byte("\r\n"))
		types = append(types, string(typ))
		if err := zr.Reset(br); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	want := "warcinfo request response request response"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("record types %q, want %q", got, want)
	}
}

func TestWriteFixtureWARCIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	pages := []FixturePage{
		{URL: "https://www.c40.org/", ContentType: "text/html; charset=utf-8", Body: []byte("<p>C40 has 97 member cities</p>")},
		{URL: "https://www.c40.org/robots.txt", ContentType: "text/plain", Body: []byte("User-agent: *\nAllow: /\n")},
		{URL: "https://www.c40.org/cities/", Status: 403, Date: testNow, Header: http.Header{"Server": {"cloudflare"}}},
	}
	// The file name is part of warcinfo, so both writes use the same one.
	same := filepath.Join(dir, "same.warc.gz")
	if err := WriteFixtureWARC(same, pages); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(same)
	if err := WriteFixtureWARC(same, pages); err != nil { // replaces the file
		t.Fatal(err)
	}
	second, _ := os.ReadFile(same)
	if !bytes.Equal(first, second) {
		t.Error("two writes of the same pages differ")
	}

	r, err := OpenReplay(same)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		a := r.byKey[replayKey(p.URL)]
		if a == nil || !bytes.Equal(a.body, p.Body) || a.status != orDefault(p.Status, 200) {
			t.Fatalf("%s did not replay as written: %+v", p.URL, a)
		}
		if p.ContentType != "" && a.header.Get("Content-Type") != p.ContentType {
			t.Errorf("%s Content-Type = %q", p.URL, a.header.Get("Content-Type"))
		}
		wantDate := fixtureDate
		if !p.Date.IsZero() {
			wantDate = p.Date
		}
		if !a.date.Equal(wantDate) {
			t.Errorf("%s date = %v, want %v", p.URL, a.date, wantDate)
		}
	}
	if got := r.byKey[replayKey("https://www.c40.org/cities/")].header.Get("Server"); got != "cloudflare" {
		t.Errorf("extra header lost: Server = %q", got)
	}
	if _, err := os.Stat(same + ".tmp"); !errors.Is(err, fs.ErrNotExist) {
		t.Error("temporary file left behind")
	}
}

func TestCreateWARCRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raw.warc.gz")
	if err := os.WriteFile(path, []byte("evidence"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CreateWARC(path); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "evidence" {
		t.Error("the existing file was changed")
	}
}

func TestWARCWriteAfterClose(t *testing.T) {
	w, err := CreateWARC(filepath.Join(t.TempDir(), "raw.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.writeExchange(warcExchange{URL: "https://example.org/", Status: 200, Date: time.Now()}); err == nil {
		t.Error("write after Close succeeded")
	}
}

// BenchmarkWARCWriteExchange archives a 100 KB page (request + response
// records, gzipped).
func BenchmarkWARCWriteExchange(b *testing.B) {
	w, err := CreateWARC(filepath.Join(b.TempDir(), "raw.warc.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	body := bytes.Repeat([]byte("<li>São Paulo</li>\n"), 100_000/20)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := w.writeExchange(warcExchange{URL: "https://www.c40.org/cities/", Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: body, Date: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenReplay opens a 200-page archive of 100 KB pages.
func BenchmarkOpenReplay(b *testing.B) {
	body := bytes.Repeat([]byte("<li>São Paulo</li>\n"), 100_000/20)
	var pages []FixturePage
	for i := range 200 {
		pages = append(pages, FixturePage{URL: fmt.Sprintf("https://www.c40.org/cities/%d/", i), Body: body})
	}
	path := filepath.Join(b.TempDir(), "raw.warc.gz")
	if err := WriteFixtureWARC(path, pages); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(200 * len(body)))
	for b.Loop() {
		if _, err := OpenReplay(path); err != nil {
			b.Fatal(err)
		}
	}
}
