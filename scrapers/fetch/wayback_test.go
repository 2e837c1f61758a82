package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// fakeClock is the Archive's clock in tests: Sleep records the wait and
// moves the clock on at once.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}

// newTestArchive is an Archive on srv with no pacing (unless cfg sets
// it) and a fake clock.
func newTestArchive(t *testing.T, baseURL string, cfg ArchiveConfig) (*Archive, *fakeClock) {
	t.Helper()
	clock := &fakeClock{now: time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)}
	cfg.BaseURL = baseURL
	if cfg.CDXInterval == 0 {
		cfg.CDXInterval = -1
	}
	if cfg.CaptureInterval == 0 {
		cfg.CaptureInterval = -1
	}
	cfg.Sleep, cfg.Now = clock.Sleep, clock.Now
	return NewArchive(cfg, nil, nil), clock
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

const membersURL = "https://www.c40.org/cities/"

// members is a start page captured at three dates, and a linked page.
var members = []waybacktest.Capture{
	{URL: membersURL, Time: day(2012, 6, 1), Body: []byte("<html>2012 members</html>")},
	{URL: membersURL, Time: day(2014, 3, 1), Body: []byte("<html>2014 members</html>")},
	{URL: membersURL, Time: day(2016, 1, 15), Body: []byte("<html>2016 members</html>")},
	{URL: "https://www.c40.org/cities/page/2", Time: day(2014, 1, 1), Body: []byte("<html>page 2 of 2014-01</html>")},
	{URL: "https://www.c40.org/cities/page/2", Time: day(2014, 5, 1), Body: []byte("<html>page 2 of 2014-05</html>")},
	{URL: "https://www.c40.org/about", Time: day(2013, 11, 1), Body: []byte("<html>about 2013-11</html>")},
	{URL: "https://www.c40.org/about", Time: day(2014, 1, 20), Body: []byte("<html>about 2014-01</html>")},
	{URL: "https://www.c40.org/about", Time: day(2014, 2, 1), Body: []byte("<html>about 2014-02</html>")},
}

func TestCaptureStampAndURL(t *testing.T) {
	c := Capture{Original: "http://www.c40.org:80/cities", Timestamp: time.Date(2014, 3, 1, 12, 30, 5, 0, time.UTC)}
	if got, want := c.Stamp(), "20140301123005"; got != want {
		t.Errorf("Stamp() = %q, want %q", got, want)
	}
	if got, want := c.URL("https://web.archive.org/"), "https://web.archive.org/web/20140301123005id_/http://www.c40.org:80/cities"; got != want {
		t.Errorf("URL() = %q, want %q", got, want)
	}
}

func TestCapturesQuery(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	caps, err := a.Captures(context.Background(), CDXQuery{
		URL: "https://www.c40.org/cities/", From: day(2012, 1, 1), To: day(2015, 1, 1), Prefix: true, Collapse: 4, Limit: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range caps {
		got = append(got, c.Stamp()+" "+c.Original)
	}
	want := []string{
		"20120601000000 " + membersURL,
		"20140301000000 " + membersURL,
		// page/2's 2014 captures follow the 2014 start page and collapse
		// into it: collapse works on adjacent rows, whatever their URL.
	}
	if !slices.Equal(got, want) {
		t.Errorf("captures:\n got %q\nwant %q", got, want)
	}
	var cdx waybacktest.Request
	for _, r := range srv.Requests() {
		if r.Kind == waybacktest.CDX {
			cdx = r
		}
	}
	for _, p := range []string{"output=json", "from=20120101000000", "to=20150101000000", "filter=statuscode%3A200", "collapse=timestamp%3A4", "matchType=prefix", "limit=10", "url=https%3A%2F%2Fwww.c40.org%2Fcities%2F"} {
		if !strings.Contains(cdx.Query, p) {
			t.Errorf("CDX query %q lacks %s", cdx.Query, p)
		}
	}
}

func TestCapturesExactIsNotPrefix(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	caps, err := a.Captures(context.Background(), CDXQuery{URL: "http://c40.org/cities/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(caps) != 3 {
		t.Errorf("exact match found %d captures, want the start page's 3", len(caps))
	}
}

func TestNearestBefore(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	for _, tc := range []struct {
		at   time.Time
		want string // stamp, "" for ErrNoCapture
	}{
		{day(2014, 3, 1), "20140301000000"}, // at counts as before
		{day(2014, 2, 28), "20120601000000"},
		{day(2015, 6, 1), "20140301000000"},
		{day(2030, 1, 1), "20160115000000"},
		{day(2012, 5, 31), ""},
	} {
		c, err := a.NearestBefore(context.Background(), membersURL, tc.at)
		switch {
		case tc.want == "" && !errors.Is(err, ErrNoCapture):
			t.Errorf("NearestBefore(%s) = %v, %v; want ErrNoCapture", tc.at.Format(time.DateOnly), c.Stamp(), err)
		case tc.want != "" && (err != nil || c.Stamp() != tc.want):
			t.Errorf("NearestBefore(%s) = %v, %v; want %s", tc.at.Format(time.DateOnly), c.Stamp(), err, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	const page2 = "https://www.c40.org/cities/page/2"
	window := 90 * 24 * time.Hour
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{day(2014, 1, 10), "20140101000000"},
		{day(2014, 4, 20), "20140501000000"}, // after is nearer
		{day(2014, 3, 2), "20140101000000"},  // exactly between 2014-01-01 and 2014-05-01: the earlier
		{day(2013, 10, 1), ""},               // 92 days before the first: outside the window
		{day(2014, 7, 30), "20140501000000"}, // 90 days after the last: inside
		{day(2014, 7, 31), ""},               // 91 days after
		{day(2014, 11, 1), ""},               // long after
	} {
		c, err := a.Nearest(context.Background(), page2, tc.at, window)
		switch {
		case tc.want == "" && !errors.Is(err, ErrNoCapture):
			t.Errorf("Nearest(%s) = %v, %v; want ErrNoCapture", tc.at.Format(time.DateOnly), c.Stamp(), err)
		case tc.want != "" && (err != nil || c.Stamp() != tc.want):
			t.Errorf("Nearest(%s) = %v, %v; want %s", tc.at.Format(time.DateOnly), c.Stamp(), err, tc.want)
		}
	}
}

// TestArchiveFaults gives each fault of the archive and what it yields:
// the error (nil: the fault is weathered), the waits asked for, and how
// many requests of each kind reached the archive.
func TestArchiveFaults(t *testing.T) {
	at := day(2014, 3, 1)
	window := 60 * 24 * time.Hour
	for _, tc := range []struct {
		name       string
		opts       []waybacktest.Option
		url        string // default membersURL
		wantErr    error
		wantStatus int // for an *HTTPError
		wantSleeps []time.Duration
		wantCDX    int
		wantCap    int
		wantStamp  string // the capture time served
	}{
		{name: "ok", wantCDX: 1, wantCap: 1, wantStamp: "20140301000000"},
		{
			name: "429 with Retry-After", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CDX, 2, 429, "7")},
			wantSleeps: []time.Duration{7 * time.Second, 7 * time.Second}, wantCDX: 3, wantCap: 1, wantStamp: "20140301000000",
		},
		{
			name: "429 without Retry-After", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CaptureKind, 1, 429, "")},
			wantSleeps: []time.Duration{60 * time.Second}, wantCDX: 1, wantCap: 2, wantStamp: "20140301000000",
		},
		{
			name: "429 until given up", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CDX, 99, 429, "30")},
			wantErr: &HTTPError{}, wantStatus: 429, wantSleeps: []time.Duration{30 * time.Second, 30 * time.Second, 30 * time.Second}, wantCDX: 4,
		},
		{
			name: "503 with Retry-After", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CaptureKind, 1, 503, "120")},
			wantSleeps: []time.Duration{120 * time.Second}, wantCDX: 1, wantCap: 2, wantStamp: "20140301000000",
		},
		{
			name: "5xx backs off", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.Any, 3, 502, "")},
			wantSleeps: []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}, wantCDX: 4, wantCap: 1, wantStamp: "20140301000000",
		},
		{
			name: "5xx until given up", opts: []waybacktest.Option{waybacktest.Fail(waybacktest.CaptureKind, 99, 500, "")},
			wantErr: &HTTPError{}, wantStatus: 500, wantSleeps: []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}, wantCDX: 1, wantCap: 4,
		},
		{
			name: "redirect to another timestamp within the window", url: "https://www.c40.org/about",
			opts:    []waybacktest.Option{waybacktest.Redirect("https://www.c40.org/about", day(2014, 2, 1), day(2014, 1, 20))},
			wantCDX: 1, wantCap: 2, wantStamp: "20140120000000", // the time actually served
		},
		{
			name: "redirect to another timestamp outside the window", url: "https://www.c40.org/about",
			opts:    []waybacktest.Option{waybacktest.Redirect("https://www.c40.org/about", day(2014, 2, 1), day(2013, 11, 1))},
			wantErr: ErrNoCapture, wantCDX: 1, wantCap: 1,
		},
		{name: "empty CDX answer", url: "https://www.c40.org/nowhere", wantErr: ErrNoCapture, wantCDX: 1},
		{name: "empty CDX answer, header only", url: "https://www.c40.org/nowhere", opts: []waybacktest.Option{waybacktest.HeaderOnlyEmpty()}, wantErr: ErrNoCapture, wantCDX: 1},
		{
			name: "archive error page", opts: []waybacktest.Option{waybacktest.ErrorPage(membersURL, time.Time{})},
			wantErr: ErrArchiveErrorPage, wantCDX: 1, wantCap: 1,
		},
		{
			name: "runtime error header", opts: []waybacktest.Option{waybacktest.RuntimeError(membersURL, day(2014, 3, 1))},
			wantErr: ErrArchiveErrorPage, wantCDX: 1, wantCap: 1,
		},
		{
			name: "truncated once", opts: []waybacktest.Option{waybacktest.Truncate(membersURL, 1)},
			wantSleeps: []time.Duration{5 * time.Second}, wantCDX: 1, wantCap: 2, wantStamp: "20140301000000",
		},
		{
			name: "truncated always", opts: []waybacktest.Option{waybacktest.Truncate(membersURL, -1)},
			wantErr: ErrTruncatedCapture, wantSleeps: []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second}, wantCDX: 1, wantCap: 4,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := waybacktest.New(t, members, tc.opts...)
			a, clock := newTestArchive(t, srv.URL(), ArchiveConfig{})
			u := tc.url
			if u == "" {
				u = membersURL
			}
			tr := a.Transport(at, window, []string{membersURL})
			resp, err := getVia(tr, u)
			checkErr(t, err, tc.wantErr, tc.wantStatus)
			if err == nil {
				if got := resp.Header.Get("Memento-Datetime"); got != mustStamp(t, tc.wantStamp).Format(http.TimeFormat) {
					t.Errorf("Memento-Datetime %q, want the capture of %s", got, tc.wantStamp)
				}
				if used := tr.Used(); len(used) != 1 || used[0].Time.Format(stampLayout) != tc.wantStamp {
					t.Errorf("Used() = %+v, want one capture of %s", used, tc.wantStamp)
				}
			}
			if got := clock.Sleeps(); !slices.Equal(got, tc.wantSleeps) {
				t.Errorf("waits %v, want %v", got, tc.wantSleeps)
			}
			if got := srv.Count(waybacktest.CDX); got != tc.wantCDX {
				t.Errorf("%d CDX requests, want %d", got, tc.wantCDX)
			}
			if got := srv.Count(waybacktest.CaptureKind); got != tc.wantCap {
				t.Errorf("%d capture requests, want %d", got, tc.wantCap)
			}
		})
	}
}

func TestArchiveRefusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	a, clock := newTestArchive(t, "http://"+addr, ArchiveConfig{Tries: 3, RefusedPause: 45 * time.Second})
	_, err = a.Captures(context.Background(), CDXQuery{URL: membersURL})
	if err == nil || !strings.Contains(err.Error(), "gave up after 3 tries") {
		t.Errorf("error %v, want a refused connection given up after 3 tries", err)
	}
	if got, want := clock.Sleeps(), []time.Duration{45 * time.Second, 45 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// TestArchivePacing checks the archive's own intervals: CDX queries 3s
// apart, captures 1s apart, each kind on its own clock, whoever asks.
func TestArchivePacing(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, clock := newTestArchive(t, srv.URL(), ArchiveConfig{CDXInterval: 3 * time.Second, CaptureInterval: time.Second})
	tr := a.Transport(day(2014, 3, 1), 90*24*time.Hour, []string{membersURL})
	for _, u := range []string{membersURL, "https://www.c40.org/cities/page/2", "https://www.c40.org/about"} {
		if _, err := getVia(tr, u); err != nil {
			t.Fatal(err)
		}
	}
	// robots.txt (capture slot at 0), CDX at 0, capture at 1s (after
	// robots.txt), CDX at 3s, capture at 3s (free), CDX at 6s, capture at 6s.
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}
	if got := clock.Sleeps(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if got := srv.Count(waybacktest.Robots); got != 1 {
		t.Errorf("archive robots.txt fetched %d times, want once", got)
	}
}

func TestArchivePacingDefaults(t *testing.T) {
	cfg := ArchiveConfig{}.withDefaults()
	if cfg.CDXInterval != 3*time.Second || cfg.CaptureInterval != time.Second || cfg.RefusedPause != time.Minute || cfg.BaseURL != "https://web.archive.org" {
		t.Errorf("defaults %+v, want 3s/1s/60s at https://web.archive.org (next-networks.md §8)", cfg)
	}
}

func TestArchiveRobots(t *testing.T) {
	for _, tc := range []struct {
		name    string
		robots  waybacktest.Option
		wantErr error
		wantCDX int
	}{
		{"none", nil, nil, 1},
		{"allows", waybacktest.ArchiveRobots("User-agent: *\nDisallow: /private/\n"), nil, 1},
		{"disallows cdx", waybacktest.ArchiveRobots("User-agent: *\nDisallow: /cdx/\n"), ErrRobots, 0},
		{"disallows web", waybacktest.ArchiveRobots("User-agent: *\nDisallow: /web/\n"), ErrRobots, 1},
		{"5xx", waybacktest.Fail(waybacktest.Robots, 99, 500, ""), ErrRobots, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var opts []waybacktest.Option
			if tc.robots != nil {
				opts = append(opts, tc.robots)
			}
			srv := waybacktest.New(t, members, opts...)
			a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{Tries: 2})
			tr := a.Transport(day(2014, 3, 1), 90*24*time.Hour, []string{membersURL})
			_, err := getVia(tr, membersURL)
			checkErr(t, err, tc.wantErr, 0)
			_, _ = getVia(tr, "https://www.c40.org/about")
			if got := srv.Count(waybacktest.CDX); got != tc.wantCDX*2 {
				t.Errorf("%d CDX requests, want %d", got, tc.wantCDX*2)
			}
			want := 1
			if tc.name == "5xx" {
				want = 2 * 2 // not kept: asked again (twice, Tries) for the second page
			}
			if got := srv.Count(waybacktest.Robots); got != want {
				t.Errorf("archive robots.txt fetched %d times, want %d", got, want)
			}
		})
	}
}

// getVia sends a GET for u through tr.
func getVia(tr http.RoundTripper, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return tr.RoundTrip(req)
}

// checkErr checks err against want: nil, a sentinel, or an *HTTPError of
// status.
func checkErr(t *testing.T, err, want error, status int) {
	t.Helper()
	var he *HTTPError
	switch {
	case want == nil && err != nil:
		t.Fatalf("error %v, want none", err)
	case want == nil:
	case errors.As(want, &he):
		if !errors.As(err, &he) || he.Status != status {
			t.Fatalf("error %v, want HTTP %d", err, status)
		}
	case !errors.Is(err, want):
		t.Fatalf("error %v, want %v", err, want)
	}
}

func mustStamp(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := parseStamp(s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestPacerSharedByCallers: callers at the same moment get successive
// slots, and a hold after a 429 delays every one of them.
func TestPacerSharedByCallers(t *testing.T) {
	p := pacer{interval: 3 * time.Second}
	now := day(2026, 1, 1)
	var got []time.Duration
	for range 3 {
		got = append(got, p.reserve(now))
	}
	p.hold(now.Add(time.Minute))
	got = append(got, p.reserve(now))
	want := []time.Duration{0, 3 * time.Second, 6 * time.Second, time.Minute}
	if !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

func TestArchiveConcurrentCallersArePaced(t *testing.T) {
	srv := waybacktest.New(t, members)
	a, clock := newTestArchive(t, srv.URL(), ArchiveConfig{CDXInterval: 3 * time.Second, IgnoreRobots: true})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := a.Captures(context.Background(), CDXQuery{URL: membersURL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// Every caller reserved a slot 3s after the previous one (the fake
	// clock moves by each wait, so the waits shrink as it advances; their
	// sum covers the last slot at the least).
	var total time.Duration
	for _, d := range clock.Sleeps() {
		total += d
	}
	if len(clock.Sleeps()) != 3 || total < 9*time.Second {
		t.Errorf("waits %v, want 3 of them covering at least 9s", clock.Sleeps())
	}
}

func TestArchiveCancelDuringPause(t *testing.T) {
	srv := waybacktest.New(t, members, waybacktest.Fail(waybacktest.CDX, 99, 429, ""))
	ctx, cancel := context.WithCancel(context.Background())
	a := NewArchive(ArchiveConfig{
		BaseURL: srv.URL(),
		Sleep: func(ctx context.Context, d time.Duration) error {
			cancel()
			return ctx.Err()
		},
	}, nil, nil)
	_, err := a.Captures(ctx, CDXQuery{URL: membersURL})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if got := srv.Count(waybacktest.CDX); got != 1 {
		t.Errorf("%d CDX requests, want 1", got)
	}
}

func TestArchiveRedirectLoop(t *testing.T) {
	// The capture of 2014-03-01 redirects to 2014-03-02, which has none:
	// the fake sends it back to the nearest, 2014-03-01, and round again.
	srv := waybacktest.New(t, members, waybacktest.Redirect(membersURL, day(2014, 3, 1), day(2014, 3, 2)))
	a, _ := newTestArchive(t, srv.URL(), ArchiveConfig{})
	_, err := getVia(a.Transport(day(2014, 3, 1), 24*time.Hour, nil), membersURL)
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("error %v, want ErrTooManyRedirects", err)
	}
}

// TestArchivedRedirect: a capture that redirects to a capture of another
// URL is the site's own redirect at crawl time, answered as a redirect to
// the original target, dated at the capture.
func TestArchivedRedirect(t *testing.T) {
	a := NewArchive(ArchiveConfig{BaseURL: "https://web.archive.org"}, nil, nil)
	c := Capture{Original: "http://c40.org/cities", Timestamp: day(2014, 3, 1)}
	res := &archived{
		url:    c.URL(a.BaseURL()),
		status: http.StatusMovedPermanently,
		header: http.Header{"Location": {"/web/20140301000000id_/https://www.c40.org/cities/"}},
	}
	_, page, err := a.followCapture(c, res, time.Time{}, day(2014, 3, 1))
	if err != nil || page == nil || page.location != "https://www.c40.org/cities/" {
		t.Fatalf("followCapture = %+v, %v; want the archived redirect to https://www.c40.org/cities/", page, err)
	}
	// The same page at another timestamp is the archive's redirect.
	res.header.Set("Location", "https://web.archive.org/web/20140215000000id_/http://www.c40.org:80/cities")
	next, page, err := a.followCapture(c, res, time.Time{}, day(2014, 3, 1))
	if err != nil || page != nil || next.Stamp() != "20140215000000" {
		t.Errorf("followCapture = %+v, %+v, %v; want the capture of 2014-02-15 next", next, page, err)
	}
}

func TestArchiveConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		base string
		ok   bool
	}{
		{"", true},
		{"https://web.archive.org", true},
		{"http://127.0.0.1:8080/", true},
		{"web.archive.org", false},
		{"ftp://web.archive.org", false},
		{"https://web.archive.org/?x=1", false},
		{"http://%zz", false},
	} {
		if err := (ArchiveConfig{BaseURL: tc.base}).Validate(); (err == nil) != tc.ok {
			t.Errorf("Validate(%q) = %v, want ok %v", tc.base, err, tc.ok)
		}
	}
	if err := (ArchiveConfig{Tries: -1}).Validate(); err == nil {
		t.Error("Validate accepted negative tries")
	}
}
