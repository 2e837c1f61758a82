package faultsuite

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
)

// The URLs the faults hit (from the c40 and metropolis sample fixtures).
const (
	c40Home           = "https://www.c40.org/"
	c40Cities         = "https://www.c40.org/cities/"
	c40Lagos          = "https://www.c40.org/cities/lagos/"
	c40Robots         = "https://www.c40.org/robots.txt"
	metroList0        = "https://www.metropolis.org/members-list?page=0"
	metroList1        = "https://www.metropolis.org/members-list?page=1"
	metroBerlin       = "https://www.metropolis.org/partners/berlin"
	metroKazan        = "https://www.metropolis.org/partners/kazan"
	offsite           = "https://offsite.example/members"
	fiftyMB     int64 = 50 << 20
)

// faultCase is one way a site misbehaves and what the run must make of it.
type faultCase struct {
	name   string
	inject func(f *Fake, huge *atomic.Int64)
	// failed is the network that must fail ("" when the run recovers) and
	// reason a phrase its manifest error must contain. degraded is instead
	// the network that must pass degraded, its reason containing reason: a
	// fault on an optional source (c40's /cities/) keeps the main list.
	failed, degraded, reason string
	// url is the faulty URL; tries the requests it must receive (retries
	// as configured: three tries for what is worth retrying, one for what
	// is not) and gaps the least wait before each retry.
	url   string
	tries int
	// extra allows that many more requests: Go's transport resends a GET
	// once, by itself, when a reused keep-alive connection dies before
	// answering, which the reset fault makes happen on the first try.
	extra int
	gaps  []time.Duration
	check func(t *testing.T, f *Fake, huge *atomic.Int64)
}

func fixture(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "scrapers", rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func faultCases(t *testing.T) []faultCase {
	malformed := fixture(t, "metropolis/testdata/malformed/list-0.html")
	empty := fixture(t, "metropolis/testdata/zero-members/list-0.html")
	blocked := fixture(t, "c40/testdata/blocked/403.html")
	const html = "text/html; charset=utf-8"
	return []faultCase{
		{name: "429 with Retry-After, persistently", url: metroList0, failed: "metropolis", reason: "HTTP 429", tries: 3,
			gaps:   []time.Duration{time.Second, time.Second},
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroList0, TooMany(1)) }},
		{name: "429 with Retry-After, once", url: c40Cities, tries: 2, gaps: []time.Duration{time.Second},
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(c40Cities, Times(1, TooMany(1))) }},
		{name: "burst of 503 beyond the retries", url: metroBerlin, failed: "metropolis", reason: "HTTP 503", tries: 3,
			gaps:   []time.Duration{500 * time.Millisecond, time.Second}, // backoff 1s then 2s, half of each jittered
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroBerlin, Times(3, Status(http.StatusServiceUnavailable))) }},
		{name: "burst of 503 within the retries", url: c40Lagos, tries: 3,
			gaps:   []time.Duration{500 * time.Millisecond, time.Second},
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(c40Lagos, Times(2, Status(http.StatusServiceUnavailable))) }},
		{name: "hanging server", url: metroKazan, failed: "metropolis", reason: "deadline exceeded", tries: 3,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroKazan, f.Hang()) }},
		{name: "slow trickle body", url: c40Home, failed: "c40", reason: "deadline exceeded", tries: 3,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(c40Home, f.Trickle(50*time.Millisecond)) }},
		{name: "body cut short", url: metroList1, failed: "metropolis", reason: "unexpected EOF", tries: 3,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroList1, f.CutShort()) }},
		{name: "connection reset", url: c40Cities, degraded: "c40", reason: "connection reset", tries: 3, extra: 1,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(c40Cities, Reset()) }},
		{name: "50 MB body", url: metroList0, failed: "metropolis", reason: "size cap", tries: 1,
			inject: func(f *Fake, huge *atomic.Int64) { f.Inject(metroList0, Huge(fiftyMB, huge)) },
			check: func(t *testing.T, _ *Fake, huge *atomic.Int64) {
				if n := huge.Load(); n >= fiftyMB {
					t.Errorf("the client read all %d bytes of the 50 MB body instead of stopping at the cap", n)
				}
			}},
		// The loop is followed round twice, then stopped, and not retried.
		{name: "redirect loop", url: c40Cities, degraded: "c40", reason: "redirect loop", tries: 2,
			inject: func(f *Fake, _ *atomic.Int64) {
				f.Inject(c40Cities, Redirect("/cities/?loop=1"))
				f.Inject(c40Cities+"?loop=1", Redirect("/cities/"))
			}},
		{name: "redirect to another domain", url: metroList0, failed: "metropolis", reason: "outside the allowed domains", tries: 1,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroList0, Redirect(offsite)) },
			check: func(t *testing.T, f *Fake, _ *atomic.Int64) {
				if n := len(f.Requests("https://offsite.example")); n > 0 {
					t.Errorf("the offsite domain got %d requests", n)
				}
			}},
		{name: "robots.txt disallow", url: c40Robots, failed: "c40", reason: "robots.txt", tries: 1,
			inject: func(f *Fake, _ *atomic.Int64) {
				f.Inject(c40Robots, Page(http.StatusOK, "text/plain", []byte("User-agent: *\nDisallow: /\n")))
			},
			check: func(t *testing.T, f *Fake, _ *atomic.Int64) {
				for _, r := range f.Requests("https://www.c40.org") {
					if r.Target != "/robots.txt" {
						t.Errorf("a disallowed page was fetched: %s", r.Target)
					}
				}
			}},
		{name: "malformed HTML", url: metroList0, failed: "metropolis", reason: "guard:", tries: 1,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroList0, Page(http.StatusOK, html, malformed)) }},
		{name: "a page that suddenly lists nothing", url: metroList0, failed: "metropolis", reason: "zero members", tries: 1,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(metroList0, Page(http.StatusOK, html, empty)) }},
		{name: "403", url: c40Cities, degraded: "c40", reason: "blocked", tries: 1,
			inject: func(f *Fake, _ *atomic.Int64) { f.Inject(c40Cities, Page(http.StatusForbidden, html, blocked)) }},
	}
}

// TestFaults runs the real binary against the fake with one fault each and
// checks the outcome: retries and waits as configured, the failing network
// marked with the right reason and carried forward, every other network
// complete, exit code 1, the previous snapshot untouched, verify passing.
func TestFaults(t *testing.T) {
	s := setup(t)
	for _, c := range faultCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fake, err := New(s.pages, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer fake.Close()
			var huge atomic.Int64
			c.inject(fake, &huge)
			store := s.copyStore(t)
			before := hashTree(t, filepath.Join(store, "snapshots", s.baseID))

			r := s.exec(context.Background(), fake.Env(), s.runCmd(store)...)
			want := 0
			if c.failed != "" {
				want = 1
			}
			if r.code != want {
				t.Fatalf("exit %d, want %d (took %s)\n%s\n%s", r.code, want, r.took, r.stdout, tail(r.stderr, 3000))
			}
			t.Logf("run took %s", r.took.Round(time.Millisecond))
			if testing.Verbose() {
				t.Logf("summary:\n%s", r.stdout)
			}
			checkTries(t, fake.Requests(c.url), c.tries, c.extra, c.gaps)
			if c.check != nil {
				c.check(t, fake, &huge)
			}
			s.checkOutcome(t, store, c.failed, c.degraded, c.reason)
			s.checkUntouched(t, store, before)
			s.checkVerify(t, store)
			if left, _ := os.ReadDir(filepath.Join(store, "tmp")); len(left) > 0 {
				t.Errorf("the run left %d temporary folders", len(left))
			}
		})
	}
}

// checkTries checks how often a URL was asked for and the waits between.
func checkTries(t *testing.T, reqs []Request, tries, extra int, gaps []time.Duration) {
	t.Helper()
	if len(reqs) < tries || len(reqs) > tries+extra {
		t.Errorf("%d requests to the faulty URL, want %d (+%d)", len(reqs), tries, extra)
		return
	}
	for i, least := range gaps {
		if gap := reqs[i+1].At.Sub(reqs[i].At); gap < least {
			t.Errorf("retry %d came after %s, want at least %s", i+1, gap.Round(time.Millisecond), least)
		}
	}
}

// checkSnapshot checks the new LATEST: failed (if any) failed with reason
// and carried forward from the baseline, every other network fresh and
// complete.
func (s *suite) checkSnapshot(t *testing.T, store, failed, reason string) {
	t.Helper()
	s.checkOutcome(t, store, failed, "", reason)
}

// checkOutcome is checkSnapshot that also allows one network degraded
// (if any) with reason: fresh, complete, and passed.
func (s *suite) checkOutcome(t *testing.T, store, failed, degraded, reason string) {
	t.Helper()
	latest := checkNoHalfSnapshot(t, store)
	if latest == s.baseID {
		t.Fatal("no new snapshot was committed")
	}
	st, _ := output.OpenStoreReadOnly(store)
	m, err := st.Manifest(latest)
	if err != nil {
		t.Fatal(err)
	}
	if m.ParentID != s.baseID {
		t.Errorf("parent %s, want the baseline %s", m.ParentID, s.baseID)
	}
	tables, err := st.Read(context.Background(), latest)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, mb := range tables.Members {
		rows[mb.Network] = append(rows[mb.Network], mb.MemberKey)
		switch {
		case mb.Network == failed && (!mb.Stale || mb.CarriedFrom != s.baseID):
			t.Errorf("%s row %s: stale %v carried_from %q, want carried forward from %s", failed, mb.MemberKey, mb.Stale, mb.CarriedFrom, s.baseID)
		case mb.Network != failed && mb.Stale:
			t.Errorf("%s row %s is stale but the network did not fail", mb.Network, mb.MemberKey)
		}
	}
	for _, id := range s.networks {
		ns := m.Networks[id]
		switch {
		case id == failed:
			if ns.Status != output.StatusFailed || !strings.Contains(ns.Error, reason) || ns.CarriedFrom != s.baseID {
				t.Errorf("%s: status %s, error %q, carried from %q; want failed with %q, carried from %s", id, ns.Status, ns.Error, ns.CarriedFrom, reason, s.baseID)
			}
		case id == degraded:
			if ns.Status != output.StatusDegraded || !strings.Contains(ns.Error, reason) {
				t.Errorf("%s: status %s, error %q; want degraded with %q", id, ns.Status, ns.Error, reason)
			}
		case ns.Status != output.StatusOK:
			t.Errorf("%s: status %s (%s), want ok: a fault elsewhere must not touch it", id, ns.Status, ns.Error)
		}
		got, want := slices.Sorted(slices.Values(rows[id])), slices.Sorted(slices.Values(s.baseKeys[id]))
		if !slices.Equal(got, want) || ns.Members != len(want) {
			t.Errorf("%s: %d rows (manifest %d), want the baseline's %d", id, len(got), ns.Members, len(want))
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
