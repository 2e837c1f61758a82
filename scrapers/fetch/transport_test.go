package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// step is one scripted answer of a test server.
type step struct {
	status int
	header map[string]string
	body   string
	hijack bool // close the connection without answering
}

// script serves scripted answers per path: the n-th request to a path gets
// its n-th step, and the last step repeats. It counts requests.
type script struct {
	mu    sync.Mutex
	steps map[string][]step
	hits  map[string]int
	order []string
}

func newScript(steps map[string][]step) *script {
	return &script{steps: steps, hits: map[string]int{}}
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	n := s.hits[r.URL.Path]
	s.hits[r.URL.Path]++
	s.order = append(s.order, r.URL.Path)
	steps, ok := s.steps[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	st := steps[min(n, len(steps)-1)]
	if st.hijack {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	}
	for k, v := range st.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(orDefault(st.status, http.StatusOK))
	_, _ = io.WriteString(w, st.body)
}

func (s *script) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// sleeps records the waits a Transport asks for instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.d)
}

// fullJitter makes backoff deterministic: the longest wait.
func fullJitter(d time.Duration) time.Duration { return d }

// testTransport is a Transport on the network with recorded sleeps.
func testTransport(cfg Config, archive *WARCWriter) (*Transport, *sleeps) {
	tr := NewTransport(nil, cfg, archive, nil)
	s := &sleeps{}
	tr.Sleep = s.sleep
	tr.Jitter = fullJitter
	return tr, s
}

var testNow = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)

func TestTransportRetries(t *testing.T) {
	cfg := Config{BackoffBase: time.Second, BackoffMax: time.Minute}
	tests := []struct {
		name       string
		steps      []step
		wantStatus int
		wantErr    error
		wantHits   int
		wantSleeps []time.Duration
	}{
		{
			name:       "429 with Retry-After seconds waits that long",
			steps:      []step{{status: 429, header: map[string]string{"Retry-After": "7"}}, {body: "ok"}},
			wantStatus: 200, wantHits: 2, wantSleeps: []time.Duration{7 * time.Second},
		},
		{
			name:       "503 with Retry-After date waits until then",
			steps:      []step{{status: 503, header: map[string]string{"Retry-After": testNow.Add(45 * time.Second).Format(http.TimeFormat)}}, {body: "ok"}},
			wantStatus: 200, wantHits: 2, wantSleeps: []time.Duration{45 * time.Second},
		},
		{
			name:       "Retry-After is capped at BackoffMax",
			steps:      []step{{status: 429, header: map[string]string{"Retry-After": "86400"}}, {body: "ok"}},
			wantStatus: 200, wantHits: 2, wantSleeps: []time.Duration{time.Minute},
		},
		{
			name:       "503 twice then 200 succeeds with exponential backoff",
			steps:      []step{{status: 503}, {status: 503}, {body: "ok"}},
			wantStatus: 200, wantHits: 3, wantSleeps: []time.Duration{time.Second, 2 * time.Second},
		},
		{
			name:       "persistent 500 gives up after 3 tries and returns the 500",
			steps:      []step{{status: 500}},
			wantStatus: 500, wantHits: 3, wantSleeps: []time.Duration{time.Second, 2 * time.Second},
		},
		{
			name:       "403 is not retried",
			steps:      []step{{status: 403}},
			wantStatus: 403, wantHits: 1,
		},
		{
			name:       "404 is not retried",
			steps:      []step{{status: 404}},
			wantStatus: 404, wantHits: 1,
		},
		{
			name:       "connection reset is retried",
			steps:      []step{{hijack: true}, {body: "ok"}},
			wantStatus: 200, wantHits: 2, wantSleeps: []time.Duration{time.Second},
		},
		{
			name:     "body over the cap is refused, not retried",
			steps:    []step{{body: strings.Repeat("x", 2048)}},
			wantErr:  ErrTooLarge,
			wantHits: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(newScript(map[string][]step{"/p": tt.steps}))
			defer srv.Close()
			c := cfg
			c.MaxBodySize = 1024
			tr, slept := testTransport(c, nil)
			tr.Now = func() time.Time { return testNow }
			resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/p")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != tt.wantStatus {
					t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
				}
			}
			if got := srv.Config.Handler.(*script).count("/p"); got != tt.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tt.wantHits)
			}
			if got := slept.all(); !slices.Equal(got, tt.wantSleeps) {
				t.Errorf("slept %v, want %v", got, tt.wantSleeps)
			}
		})
	}
}

func TestTransportTriesConfig(t *testing.T) {
	tests := []struct {
		retries  int
		wantHits int
	}{
		{retries: 0, wantHits: 3}, // the default: 2 retries
		{retries: 4, wantHits: 5},
		{retries: -1, wantHits: 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.retries), func(t *testing.T) {
			s := newScript(map[string][]step{"/p": {{status: 502}}})
			srv := httptest.NewServer(s)
			defer srv.Close()
			tr, _ := testTransport(Config{Retries: tt.retries}, nil)
			resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/p")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if got := s.count("/p"); got != tt.wantHits {
				t.Errorf("hits = %d, want %d", got, tt.wantHits)
			}
		})
	}
}

func TestTransportClosedListenerRetriedThenFails(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	tr, slept := testTransport(Config{}, nil)
	_, err = (&http.Client{Transport: tr}).Get("http://" + addr + "/")
	if err == nil || !strings.Contains(err.Error(), "gave up after 3 tries") {
		t.Fatalf("err = %v, want a failure after 3 tries", err)
	}
	if got := len(slept.all()); got != 2 {
		t.Errorf("waited %d times, want 2", got)
	}
}

func TestTransportCancelDuringBackoff(t *testing.T) {
	srv := httptest.NewServer(newScript(map[string][]step{"/p": {{status: 503}}}))
	defer srv.Close()
	// Real sleeps: the first backoff is 10s, far longer than the test.
	tr := NewTransport(nil, Config{BackoffBase: 10 * time.Second}, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/p", nil)
	start := time.Now()
	_, err := tr.RoundTrip(req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("returned after %v: the backoff ignored the context", waited)
	}
}

func TestTransportPerAttemptTimeoutIsRetried(t *testing.T) {
	var mu sync.Mutex
	calls := 0
	release := make(chan struct{})
	defer close(release)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			select { // hang until the transport gives up on this attempt
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	tr, _ := testTransport(Config{Timeout: 50 * time.Millisecond}, nil)
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "ok" {
		t.Errorf("body = %q", body)
	}
}

func TestTransportArchivesFinalResponsesOnly(t *testing.T) {
	s := newScript(map[string][]step{
		"/flaky": {{status: 503, body: "busy"}, {body: "fine"}},
		"/big":   {{body: strings.Repeat("y", 300)}},
		"/gone":  {{status: 410, body: "gone"}},
	})
	srv := httptest.NewServer(s)
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "raw.warc.gz")
	w, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := testTransport(Config{MaxBodySize: 100}, w)
	client := &http.Client{Transport: tr}
	for _, p := range []string{"/flaky", "/big", "/gone"} {
		if resp, err := client.Get(srv.URL + p); err == nil {
			resp.Body.Close()
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{srv.URL + "/big", srv.URL + "/flaky", srv.URL + "/gone"}
	if got := r.URLs(); !slices.Equal(got, want) {
		t.Fatalf("archived %v, want %v", got, want)
	}
	a := r.byKey[replayKey(srv.URL+"/flaky")]
	if a.status != 200 || string(a.body) != "fine" {
		t.Errorf("flaky archived as %d %q, want the final 200 \"fine\"", a.status, a.body)
	}
	if !r.byKey[replayKey(srv.URL+"/big")].truncated {
		t.Error("the refused body is not marked WARC-Truncated")
	}
	if a := r.byKey[replayKey(srv.URL+"/gone")]; a.status != 410 {
		t.Errorf("gone archived as %d, want 410", a.status)
	}
}
