package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// newTestFetcher is a fetcher on loopback with 1ms delays and recorded
// backoff waits.
func newTestFetcher(t *testing.T, cfg Config, archive *WARCWriter) (Fetcher, *sleeps) {
	t.Helper()
	if cfg.Delay == 0 {
		cfg.Delay = time.Millisecond
	}
	if cfg.AllowedDomains == nil {
		cfg.AllowedDomains = []string{"127.0.0.1"}
	}
	tr, slept := testTransport(cfg, archive)
	f, err := NewFetcher(cfg, tr)
	if err != nil {
		t.Fatal(err)
	}
	return f, slept
}

// newOfflineFetcher is the fetcher a replayed run builds: the archive as
// the base transport, and Offline said in the configuration.
func newOfflineFetcher(cfg Config, r *Replay) (Fetcher, error) {
	cfg.Offline = true
	return NewFetcher(cfg, NewTransport(r, cfg, nil, nil))
}

const testRobots = "User-agent: *\nDisallow: /private/\n"

func TestFetchOutcomes(t *testing.T) {
	s := newScript(nil)
	srv := httptest.NewServer(s)
	defer srv.Close()
	offsite := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	s.steps = map[string][]step{
		"/robots.txt": {{body: testRobots}},
		"/ok":         {{header: map[string]string{"Content-Type": "text/html"}, body: "<p>Lisboa</p>"}},
		"/forbidden":  {{status: 403}},
		"/missing":    {{status: 404}},
		"/broken":     {{status: 500}},
		"/big":        {{body: strings.Repeat("x", 5000)}},
		"/private/a":  {{body: "secret"}},
		"/moved":      {{status: 301, header: map[string]string{"Location": "/ok"}}},
		"/loop":       {{status: 302, header: map[string]string{"Location": "/loop2"}}},
		"/loop2":      {{status: 302, header: map[string]string{"Location": "/loop"}}},
		"/self":       {{status: 302, header: map[string]string{"Location": "/self"}}},
		"/away":       {{status: 302, header: map[string]string{"Location": offsite + "/ok"}}},
	}
	for i := range 12 {
		p := "/chain" + string(rune('a'+i))
		s.steps[p] = []step{{status: 302, header: map[string]string{"Location": "/chain" + string(rune('a'+i+1))}}}
	}
	tests := []struct {
		name     string
		url      string
		wantBody string
		wantURL  string
		wantErr  error // nil: success
		status   int   // for an *HTTPError
		hits     map[string]int
	}{
		{name: "200", url: srv.URL + "/ok", wantBody: "<p>Lisboa</p>", wantURL: srv.URL + "/ok", hits: map[string]int{"/ok": 1}},
		{name: "redirect within the domain", url: srv.URL + "/moved", wantBody: "<p>Lisboa</p>", wantURL: srv.URL + "/ok"},
		{name: "403 is blocked, asked once", url: srv.URL + "/forbidden", wantErr: ErrBlocked, status: 403, hits: map[string]int{"/forbidden": 1}},
		{name: "404 is an HTTP error, not blocked", url: srv.URL + "/missing", status: 404, hits: map[string]int{"/missing": 1}},
		{name: "persistent 500 after 3 tries", url: srv.URL + "/broken", status: 500, hits: map[string]int{"/broken": 3}},
		{name: "body over the cap", url: srv.URL + "/big", wantErr: ErrTooLarge, hits: map[string]int{"/big": 1}},
		{name: "robots.txt disallows", url: srv.URL + "/private/a", wantErr: ErrRobots, hits: map[string]int{"/private/a": 0}},
		{name: "redirect loop", url: srv.URL + "/loop", wantErr: ErrTooManyRedirects},
		{name: "redirect to itself", url: srv.URL + "/self", wantErr: ErrTooManyRedirects},
		{name: "more than ten redirects", url: srv.URL + "/chaina", wantErr: ErrTooManyRedirects, hits: map[string]int{"/chainj": 1, "/chaink": 0}},
		{name: "redirect off the allowed domains", url: srv.URL + "/away", wantErr: ErrOffsite},
		{name: "URL off the allowed domains", url: offsite + "/ok", wantErr: ErrOffsite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := newTestFetcher(t, Config{MaxBodySize: 1024}, nil)
			before := map[string]int{}
			for p := range tt.hits {
				before[p] = s.count(p)
			}
			page, err := f.Fetch(context.Background(), tt.url)
			switch {
			case tt.status != 0:
				var he *HTTPError
				if !errors.As(err, &he) || he.Status != tt.status {
					t.Fatalf("err = %v, want HTTP %d", err, tt.status)
				}
				if tt.wantErr == nil && errors.Is(err, ErrBlocked) {
					t.Errorf("HTTP %d counted as blocked", tt.status)
				}
				fallthrough
			case tt.wantErr != nil:
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if page != nil {
					t.Errorf("got a page with an error")
				}
			default:
				if err != nil {
					t.Fatal(err)
				}
				sum := sha256.Sum256([]byte(tt.wantBody))
				if string(page.Body) != tt.wantBody || page.SHA256 != hex.EncodeToString(sum[:]) || page.Status != 200 || page.URL != tt.wantURL {
					t.Errorf("page = %s %d %q %s, want %s 200 %q", page.URL, page.Status, page.Body, page.SHA256, tt.wantURL, tt.wantBody)
				}
				if page.Header.Get("Content-Type") != "text/html" || page.FetchedAt.IsZero() || page.FetchedAt.Location() != time.UTC {
					t.Errorf("header %v, fetched at %v", page.Header, page.FetchedAt)
				}
			}
			for p, want := range tt.hits {
				if got := s.count(p) - before[p]; got != want {
					t.Errorf("%s requested %d times, want %d", p, got, want)
				}
			}
		})
	}
}

func TestFetchRobotsServerErrorIsExplained(t *testing.T) {
	s := newScript(map[string][]step{"/robots.txt": {{status: 503}}, "/ok": {{body: "ok"}}})
	srv := httptest.NewServer(s)
	defer srv.Close()
	f, _ := newTestFetcher(t, Config{}, nil)
	_, err := f.Fetch(context.Background(), srv.URL+"/ok")
	if !errors.Is(err, ErrRobots) || !strings.Contains(err.Error(), "robots.txt answered 503") {
		t.Fatalf("err = %v, want ErrRobots explaining the 503", err)
	}
	if s.count("/robots.txt") != 3 || s.count("/ok") != 0 {
		t.Errorf("robots.txt asked %d times (want 3 tries), page %d times (want 0)", s.count("/robots.txt"), s.count("/ok"))
	}
}

func TestFetchContext(t *testing.T) {
	s := newScript(map[string][]step{"/busy": {{status: 503}}, "/ok": {{body: "ok"}}})
	srv := httptest.NewServer(s)
	defer srv.Close()

	t.Run("cancelled before", func(t *testing.T) {
		f, _ := newTestFetcher(t, Config{}, nil)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := f.Fetch(ctx, srv.URL+"/ok"); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if s.count("/ok") != 0 {
			t.Error("a cancelled Fetch still requested the page")
		}
	})
	t.Run("cancelled during backoff", func(t *testing.T) {
		// Real sleeps with a 10s first backoff: only the context ends it.
		cfg := Config{Delay: time.Millisecond, BackoffBase: 10 * time.Second, AllowedDomains: []string{"127.0.0.1"}, IgnoreRobots: true}
		f, err := NewFetcher(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		if _, err := f.Fetch(ctx, srv.URL+"/busy"); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if waited := time.Since(start); waited > 5*time.Second {
			t.Errorf("Fetch returned after %v: cancel did not reach the backoff", waited)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		f, _ := newTestFetcher(t, Config{}, nil)
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		if _, err := f.Fetch(ctx, srv.URL+"/ok"); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
	})
}

// TestFetchArchiveReplay fetches live with an archive, then replays the
// archive: every response is in it, and pages come back byte-identical.
func TestFetchArchiveReplay(t *testing.T) {
	latin1 := "S\xe3o Paulo" // ISO-8859-1: must not be converted on the way
	s := newScript(map[string][]step{
		"/robots.txt": {{body: testRobots}},
		"/":           {{header: map[string]string{"Content-Type": "text/html; charset=utf-8"}, body: "<p>C40 has 97 member cities</p>"}},
		"/latin1":     {{header: map[string]string{"Content-Type": "text/html; charset=iso-8859-1"}, body: latin1}},
		"/flaky":      {{status: 502}, {body: "second time lucky"}},
		"/moved":      {{status: 301, header: map[string]string{"Location": "/target"}}},
		"/target":     {{body: "moved here"}},
		"/missing":    {{status: 404, body: "no"}},
	})
	srv := httptest.NewServer(s)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "raw.warc.gz")
	archive, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := newTestFetcher(t, Config{}, archive)
	urls := []string{srv.URL, srv.URL + "/latin1", srv.URL + "/flaky", srv.URL + "/moved", srv.URL + "/missing"}
	type outcome struct {
		page *Page
		err  error
	}
	var first []outcome
	for _, u := range urls {
		p, err := live.Fetch(context.Background(), u)
		first = append(first, outcome{p, err})
	}
	if err := archive.Close(); err != nil {
		t.Fatal(err)
	}
	if string(first[1].page.Body) != latin1 {
		t.Errorf("latin1 body = %q, want the bytes as served", first[1].page.Body)
	}

	replay, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	wantURLs := []string{srv.URL + "/", srv.URL + "/flaky", srv.URL + "/latin1", srv.URL + "/missing", srv.URL + "/moved", srv.URL + "/robots.txt", srv.URL + "/target"}
	if got := replay.URLs(); !slices.Equal(got, wantURLs) {
		t.Errorf("archived %v, want %v", got, wantURLs)
	}
	srv.Close() // from here on, nothing may touch the network
	offline, err := newOfflineFetcher(Config{AllowedDomains: []string{"127.0.0.1"}}, replay)
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range urls {
		p, err := offline.Fetch(context.Background(), u)
		want := first[i]
		if (err == nil) != (want.err == nil) || (err != nil && err.Error() != want.err.Error()) {
			t.Errorf("%s: replay err = %v, live err = %v", u, err, want.err)
			continue
		}
		if err != nil {
			continue
		}
		if p.SHA256 != want.page.SHA256 || string(p.Body) != string(want.page.Body) || p.URL != want.page.URL || p.Status != want.page.Status {
			t.Errorf("%s: replayed %s %d %s, live %s %d %s", u, p.URL, p.Status, p.SHA256, want.page.URL, want.page.Status, want.page.SHA256)
		}
		if !p.FetchedAt.Equal(want.page.FetchedAt) {
			t.Errorf("%s: replayed FetchedAt %v, want the archive's %v", u, p.FetchedAt, want.page.FetchedAt)
		}
		if p.Header.Get("Content-Type") != want.page.Header.Get("Content-Type") {
			t.Errorf("%s: Content-Type %q, live %q", u, p.Header.Get("Content-Type"), want.page.Header.Get("Content-Type"))
		}
	}
	if _, err := offline.Fetch(context.Background(), srv.URL+"/never"); !errors.Is(err, ErrNotInArchive) || !strings.Contains(err.Error(), "/never") {
		t.Errorf("err = %v, want ErrNotInArchive naming the URL", err)
	}
	if _, err := offline.Fetch(context.Background(), srv.URL+"/private/x"); !errors.Is(err, ErrRobots) {
		t.Errorf("replayed robots.txt not obeyed: %v", err)
	}
}
