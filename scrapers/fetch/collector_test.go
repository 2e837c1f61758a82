package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// politeServer records what a polite client must get right: how many
// requests run at once, when page requests arrive, and the User-Agent.
type politeServer struct {
	mu       sync.Mutex
	inFlight int
	maxIn    int
	arrivals []time.Time
	agents   map[string]string // path → User-Agent
}

func (p *politeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.inFlight++
	p.maxIn = max(p.maxIn, p.inFlight)
	if r.URL.Path != "/robots.txt" {
		p.arrivals = append(p.arrivals, time.Now())
	}
	p.agents[r.URL.Path] = r.UserAgent()
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.inFlight--
		p.mu.Unlock()
	}()
	if r.URL.Path == "/robots.txt" {
		_, _ = w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
		return
	}
	time.Sleep(20 * time.Millisecond) // long enough for overlaps to show
	_, _ = w.Write([]byte("page " + r.URL.Path))
}

func TestFetcherOneRequestAtATime(t *testing.T) {
	ps := &politeServer{agents: map[string]string{}}
	srv := httptest.NewServer(ps)
	defer srv.Close()
	f, _ := newTestFetcher(t, Config{}, nil)
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			for i := range 3 {
				if _, err := f.Fetch(context.Background(), srv.URL+"/p/"+string(rune('a'+g))+string(rune('0'+i))); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if ps.maxIn != 1 {
		t.Errorf("%d requests ran at once, want 1", ps.maxIn)
	}
	if len(ps.arrivals) != 6 {
		t.Errorf("server saw %d page requests, want 6", len(ps.arrivals))
	}
}

func TestFetcherDelaysBetweenRequests(t *testing.T) {
	ps := &politeServer{agents: map[string]string{}}
	srv := httptest.NewServer(ps)
	defer srv.Close()
	const delay = 40 * time.Millisecond
	f, _ := newTestFetcher(t, Config{Delay: delay}, nil)
	for _, p := range []string{"/a", "/b", "/c"} {
		if _, err := f.Fetch(context.Background(), srv.URL+p); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < len(ps.arrivals); i++ {
		if gap := ps.arrivals[i].Sub(ps.arrivals[i-1]); gap < delay {
			t.Errorf("request %d came %v after the previous one, want at least %v", i, gap, delay)
		}
	}
}

func TestFetcherPoliteByDefault(t *testing.T) {
	ps := &politeServer{agents: map[string]string{}}
	srv := httptest.NewServer(ps)
	defer srv.Close()
	// colly lets COLLY_* variables change its settings; ours must win.
	t.Setenv("COLLY_IGNORE_ROBOTSTXT", "yes")
	t.Setenv("COLLY_CACHE_DIR", filepath.Join(t.TempDir(), "cache"))
	f, _ := newTestFetcher(t, Config{}, nil)
	if _, err := f.Fetch(context.Background(), srv.URL+"/private/list"); !errors.Is(err, ErrRobots) {
		t.Fatalf("err = %v, want ErrRobots: robots.txt must be obeyed by default", err)
	}
	if _, ok := ps.agents["/private/list"]; ok {
		t.Error("the disallowed page was requested")
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/public"); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/robots.txt", "/public"} {
		ua := ps.agents[path]
		if !strings.HasPrefix(ua, "citynets/") || !strings.Contains(ua, "(+https://github.com/citynets/citynets)") {
			t.Errorf("%s sent User-Agent %q, want citynets/<version> with the contact URL", path, ua)
		}
	}

	ignoring, _ := newTestFetcher(t, Config{IgnoreRobots: true, UserAgent: "custom/1"}, nil)
	if _, err := ignoring.Fetch(context.Background(), srv.URL+"/private/list"); err != nil {
		t.Fatalf("IgnoreRobots: %v", err)
	}
	if ua := ps.agents["/private/list"]; ua != "custom/1" {
		t.Errorf("User-Agent %q, want the configured one", ua)
	}
}

func TestFetcherReplaySkipsDelays(t *testing.T) {
	path := fixtureArchive(t, "raw.warc.gz", []FixturePage{
		{URL: "https://www.c40.org/a", Body: []byte("a")},
		{URL: "https://www.c40.org/b", Body: []byte("b")},
	})
	r, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := newOfflineFetcher(Config{Delay: 10 * time.Second, AllowedDomains: []string{"www.c40.org"}}, r)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, u := range []string{"https://www.c40.org/a", "https://www.c40.org/b"} {
		p, err := f.Fetch(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if !p.FetchedAt.Equal(fixtureDate) {
			t.Errorf("FetchedAt = %v, want the archive date %v", p.FetchedAt, fixtureDate)
		}
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("replay took %v: it waited out the politeness delay", took)
	}
}

func TestConfig(t *testing.T) {
	d := Config{}.withDefaults()
	if d.Delay != 2*time.Second || d.Timeout != 30*time.Second || d.MaxBodySize != 10<<20 ||
		d.tries() != 3 || d.BackoffBase != time.Second || d.BackoffMax != time.Minute || d.IgnoreRobots {
		t.Errorf("defaults = %+v", d)
	}
	if n := (Config{Delay: -1}).withDefaults().Delay; n != 0 {
		t.Errorf("negative delay = %v, want none", n)
	}
	bad := []Config{
		{Timeout: -time.Second},
		{MaxBodySize: -1},
		{BackoffBase: -time.Second},
		{AllowedDomains: []string{"https://www.c40.org"}},
		{AllowedDomains: []string{"www.c40.org/cities"}},
		{AllowedDomains: []string{"WWW.C40.ORG"}},
		{AllowedDomains: []string{""}},
	}
	for _, c := range bad {
		if _, err := NewFetcher(c, nil); err == nil {
			t.Errorf("NewFetcher(%+v) accepted a bad config", c)
		}
	}
	if _, err := NewFetcher(Config{AllowedDomains: []string{"www.c40.org", "c40.org"}}, nil); err != nil {
		t.Errorf("good config refused: %v", err)
	}
}

// TestOfflineIsConfigured: offline is what Config says, whatever the
// transport underneath. The same scripted 503 is tried again and waited for
// on a configuration that is online, and answered once, with no delay, on
// one that says Offline — here over a loopback transport, not a Replay, so
// nothing can be decided by the transport's type.
func TestOfflineIsConfigured(t *testing.T) {
	for _, tt := range []struct {
		name      string
		offline   bool
		wantHits  int
		wantSleep int
	}{
		{"online retries and waits", false, 3, 2},
		{"offline answers each fetch once", true, 2, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newScript(map[string][]step{"/busy": {{status: http.StatusServiceUnavailable}}})
			srv := httptest.NewServer(s)
			defer srv.Close()
			cfg := Config{Delay: -1, AllowedDomains: []string{"127.0.0.1"}, Offline: tt.offline}
			if tt.offline {
				cfg.Delay = 5 * time.Second // must be dropped
			}
			tr, slept := testTransport(cfg, nil)
			f, err := NewFetcher(cfg, tr)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			for range 2 { // the second Fetch would wait out the delay online
				var he *HTTPError
				if _, err := f.Fetch(context.Background(), srv.URL+"/busy"); !errors.As(err, &he) || he.Status != http.StatusServiceUnavailable {
					t.Fatalf("err = %v, want HTTP 503", err)
				}
				if tt.offline {
					continue
				}
				break
			}
			if got := s.count("/busy"); got != tt.wantHits {
				t.Errorf("%d requests, want %d", got, tt.wantHits)
			}
			if got := len(slept.all()); got != tt.wantSleep {
				t.Errorf("%d backoff waits, want %d", got, tt.wantSleep)
			}
			if tt.offline && time.Since(start) > 2*time.Second {
				t.Errorf("offline fetches took %v: the delay was kept", time.Since(start))
			}
		})
	}
}
