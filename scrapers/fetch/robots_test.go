package fetch

import (
	"context"
	"errors"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
)

// TestRobotsOnEveryHop: robots.txt is applied to each redirect hop, with
// the rules of the hop's own host; a disallowed target is neither fetched
// nor archived.
func TestRobotsOnEveryHop(t *testing.T) {
	other := newScript(map[string][]step{
		"/robots.txt": {{body: "User-agent: *\nDisallow: /members\n"}},
		"/members":    {{body: "<li>secret</li>"}},
		"/open":       {{body: "<li>Lisboa</li>"}},
	})
	otherSrv := httptest.NewServer(other)
	defer otherSrv.Close()
	home := newScript(map[string][]step{
		"/robots.txt":   {{body: testRobots}},
		"/same":         {{status: 302, header: map[string]string{"Location": "/private/list"}}},
		"/cross":        {{status: 301, header: map[string]string{"Location": otherSrv.URL + "/members"}}},
		"/cross-ok":     {{status: 301, header: map[string]string{"Location": otherSrv.URL + "/open"}}},
		"/private/list": {{body: "<li>secret</li>"}},
	})
	homeSrv := httptest.NewServer(home)
	defer homeSrv.Close()

	cases := []struct {
		name    string
		path    string
		wantErr error
		never   *script // the target's server
		target  string
	}{
		{"redirect into a path its host disallows", "/same", ErrRobots, home, "/private/list"},
		{"redirect onto a host whose robots.txt disallows", "/cross", ErrRobots, other, "/members"},
		{"redirect onto a host that allows", "/cross-ok", nil, nil, ""},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "raw.warc.gz")
			archive, err := CreateWARC(path)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := newTestFetcher(t, Config{}, archive)
			before := other.count("/robots.txt")
			_, err = f.Fetch(context.Background(), homeSrv.URL+tt.path)
			if (tt.wantErr == nil && err != nil) || !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.path != "/same" && other.count("/robots.txt")-before != 1 {
				t.Errorf("the other host's robots.txt was asked %d times, want once", other.count("/robots.txt")-before)
			}
			if err := archive.Close(); err != nil {
				t.Fatal(err)
			}
			if tt.never == nil {
				return
			}
			if n := tt.never.count(tt.target); n != 0 {
				t.Errorf("%s was requested %d times", tt.target, n)
			}
			r, err := OpenReplay(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range r.URLs() {
				if u == homeSrv.URL+tt.target || u == otherSrv.URL+tt.target {
					t.Errorf("the disallowed %s was archived", u)
				}
			}
			if !slices.Contains(r.URLs(), homeSrv.URL+tt.path) {
				t.Errorf("the redirect itself was not archived: %v", r.URLs())
			}
		})
	}
}

// TestRobotsCachedPerHost: each host's robots.txt is fetched once per
// fetcher, however many pages and hops touch it.
func TestRobotsCachedPerHost(t *testing.T) {
	other := newScript(map[string][]step{"/robots.txt": {{body: "User-agent: *\nAllow: /\n"}}, "/a": {{body: "a"}}})
	otherSrv := httptest.NewServer(other)
	defer otherSrv.Close()
	home := newScript(map[string][]step{
		"/robots.txt": {{body: testRobots}},
		"/go":         {{status: 302, header: map[string]string{"Location": otherSrv.URL + "/a"}}},
	})
	homeSrv := httptest.NewServer(home)
	defer homeSrv.Close()
	f, _ := newTestFetcher(t, Config{}, nil)
	for range 3 {
		if _, err := f.Fetch(context.Background(), homeSrv.URL+"/go"); err != nil {
			t.Fatal(err)
		}
	}
	if home.count("/robots.txt") != 1 || other.count("/robots.txt") != 1 {
		t.Errorf("robots.txt asked %d and %d times, want once each", home.count("/robots.txt"), other.count("/robots.txt"))
	}
}
