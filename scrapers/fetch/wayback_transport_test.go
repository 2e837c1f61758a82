package fetch

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// dated is a site at several dates: the start page, the list's second
// page and the site's robots.txt, each captured at its own time.
var dated = []waybacktest.Capture{
	{URL: "https://www.c40.org/cities/", Time: day(2014, 3, 1), Body: []byte(`<a href="/cities/page/2">next</a> 2014`)},
	{URL: "https://www.c40.org/cities/", Time: day(2016, 1, 1), Body: []byte(`<a href="/cities/page/2">next</a> 2016`)},
	{URL: "https://www.c40.org/cities/page/2", Time: day(2013, 12, 1), Body: []byte("page 2 of 2013-12")},
	{URL: "https://www.c40.org/cities/page/2", Time: day(2014, 4, 1), Body: []byte("page 2 of 2014-04")},
	{URL: "https://www.c40.org/robots.txt", Time: day(2014, 5, 1), Body: []byte("User-agent: *\nDisallow: /private/\n"), Header: map[string][]string{"Content-Type": {"text/plain"}}},
	{URL: "https://www.c40.org/private/x", Time: day(2014, 5, 1), Body: []byte("private")},
}

// captureFetcher is a network's fetcher reading the archive at at, as a
// backfill builds it: the CaptureTransport below the retrying, archiving
// Transport, with the fetcher's own delay and retries off (the Archive
// paces and retries).
func captureFetcher(t *testing.T, a *Archive, at time.Time, w *WARCWriter) (Fetcher, *CaptureTransport) {
	t.Helper()
	ct := a.Transport(at, 60*24*time.Hour, []string{"https://www.c40.org/cities/"})
	cfg := Config{Delay: -1, Retries: -1, AllowedDomains: []string{"www.c40.org"}}
	f, err := NewFetcher(cfg, NewTransport(ct, cfg, w, nil))
	if err != nil {
		t.Fatal(err)
	}
	return f, ct
}

func TestCaptureTransportThroughFetcher(t *testing.T) {
	srv := waybacktest.New(t, dated)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	warcPath := filepath.Join(t.TempDir(), "run.warc.gz")
	w, err := CreateWARC(warcPath)
	if err != nil {
		t.Fatal(err)
	}
	at := day(2014, 6, 1)
	f, ct := captureFetcher(t, a, at, w)
	ctx := context.Background()

	start, err := f.Fetch(ctx, "https://www.c40.org/cities/")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(start.Body), "2014") || start.URL != "https://www.c40.org/cities/" || !start.FetchedAt.Equal(day(2014, 3, 1)) {
		t.Errorf("start page %s at %s: %q; want the live URL, the 2014-03-01 capture and its time", start.URL, start.FetchedAt, start.Body)
	}
	if got, want := start.Header.Get("X-Archive-Capture"), srv.URL()+"/web/20140301000000id_/https://www.c40.org/cities/"; got != want {
		t.Errorf("X-Archive-Capture %q, want %q", got, want)
	}
	if got := start.Header.Get("Memento-Datetime"); got != "Sat, 01 Mar 2014 00:00:00 GMT" {
		t.Errorf("Memento-Datetime %q", got)
	}
	// Nearest the start page's capture (2014-03-01), not the date read
	// (2014-06-01, from which 2014-04-01 is 61 days, outside the window).
	page2, err := f.Fetch(ctx, "https://www.c40.org/cities/page/2")
	if err != nil || string(page2.Body) != "page 2 of 2014-04" {
		t.Fatalf("page 2 = %v, %v; want the 2014-04-01 capture", page2, err)
	}
	// The robots.txt captured on 2014-05-01 applies.
	if _, err := f.Fetch(ctx, "https://www.c40.org/private/x"); !errors.Is(err, ErrRobots) {
		t.Errorf("private page: %v, want ErrRobots from the captured robots.txt", err)
	}

	var used []string
	for _, u := range ct.Used() {
		used = append(used, u.URL+" "+u.Time.Format(time.DateOnly)+" "+u.Distance.String()+" "+map[bool]string{true: "start", false: "linked"}[u.Start])
	}
	want := []string{
		"https://www.c40.org/robots.txt 2014-05-01 -744h0m0s linked",
		"https://www.c40.org/cities/ 2014-03-01 -2208h0m0s start",
		"https://www.c40.org/cities/page/2 2014-04-01 -1464h0m0s linked",
	}
	if !slices.Equal(used, want) {
		t.Errorf("Used():\n got %q\nwant %q", used, want)
	}

	// The WARC holds the live URLs, dated at their capture.
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReplay(warcPath)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.URLs(); !slices.Contains(got, "https://www.c40.org/cities/page/2") || !slices.Contains(got, "https://www.c40.org/robots.txt") {
		t.Errorf("WARC URLs %q, want the live URLs", got)
	}
	off, err := newOfflineFetcher(Config{AllowedDomains: []string{"www.c40.org"}}, r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := off.Fetch(ctx, "https://www.c40.org/cities/")
	if err != nil {
		t.Fatal(err)
	}
	if !again.FetchedAt.Equal(day(2014, 3, 1)) || again.Header.Get("X-Archive-Capture") == "" {
		t.Errorf("replayed start page at %s with capture %q; want the capture time and URL kept", again.FetchedAt, again.Header.Get("X-Archive-Capture"))
	}
}

// TestCaptureTransportRobotsNotArchived: a site whose robots.txt has no
// capture near the date is read as a site without one (a 404, allow all).
func TestCaptureTransportRobotsNotArchived(t *testing.T) {
	srv := waybacktest.New(t, dated)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	f, ct := captureFetcher(t, a, day(2016, 1, 10), nil)
	page, err := f.Fetch(context.Background(), "https://www.c40.org/cities/")
	if err != nil || !strings.HasSuffix(string(page.Body), "2016") {
		t.Fatalf("start page = %v, %v; want the 2016 capture", page, err)
	}
	if _, err := f.Fetch(context.Background(), "https://www.c40.org/private/x"); !errors.Is(err, ErrNoCapture) {
		t.Errorf("private page: %v, want it allowed and then ErrNoCapture (its capture is 2014)", err)
	}
	if used := ct.Used(); len(used) != 1 {
		t.Errorf("Used() = %+v, want the start page only (no robots.txt capture)", used)
	}
}

// TestCaptureTransportStartBeforeFirstCapture: a start page captured only
// after the date is not read at all.
func TestCaptureTransportStartBeforeFirstCapture(t *testing.T) {
	srv := waybacktest.New(t, dated)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	f, _ := captureFetcher(t, a, day(2012, 1, 1), nil)
	if _, err := f.Fetch(context.Background(), "https://www.c40.org/cities/"); !errors.Is(err, ErrNoCapture) {
		t.Errorf("start page before its first capture: %v, want ErrNoCapture", err)
	}
}

// TestCaptureTransportCachesPages: a page asked for twice is fetched from
// the archive once.
func TestCaptureTransportCachesPages(t *testing.T) {
	srv := waybacktest.New(t, dated)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	tr := a.Transport(day(2014, 6, 1), 60*24*time.Hour, []string{"https://www.c40.org/cities/"})
	for range 2 {
		if _, err := getVia(tr, "https://www.c40.org/cities/"); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.Count(waybacktest.CDX) + srv.Count(waybacktest.CaptureKind); got != 2 {
		t.Errorf("%d archive requests, want 2 (one CDX query, one capture)", got)
	}
}

func TestArchiveErrorPageIsConservative(t *testing.T) {
	hrm := []byte("<title>Wayback Machine</title><h2>Hrm.</h2> Wayback Machine doesn't have that page archived.")
	for _, tc := range []struct {
		name   string
		header map[string]string
		body   []byte
		want   bool
	}{
		{"hrm page", nil, hrm, true},
		{"hrm text in a dated capture", map[string]string{"Memento-Datetime": "Sat, 01 Mar 2014 00:00:00 GMT"}, hrm, false},
		{"runtime error header", map[string]string{"Memento-Datetime": "Sat, 01 Mar 2014 00:00:00 GMT", "X-Archive-Wayback-Runtime-Error": "x"}, []byte("ok"), true},
		{"page that mentions the Wayback Machine", nil, []byte("We thank the Wayback Machine. Hrm"), false},
	} {
		h := make(map[string][]string)
		for k, v := range tc.header {
			h[k] = []string{v}
		}
		if _, got := archiveErrorPage(h, tc.body); got != tc.want {
			t.Errorf("%s: error page %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestCaptureTransportRobotsErrorPage: a robots.txt the archive answers
// with its error page counts as not archived.
func TestCaptureTransportRobotsErrorPage(t *testing.T) {
	srv := waybacktest.New(t, dated, waybacktest.ErrorPage("https://www.c40.org/robots.txt", time.Time{}))
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	resp, err := getVia(a.Transport(day(2014, 6, 1), 60*24*time.Hour, nil), "https://www.c40.org/robots.txt")
	if err != nil || resp.StatusCode != 404 {
		t.Fatalf("robots.txt = %v, %v; want a 404", resp, err)
	}
}
