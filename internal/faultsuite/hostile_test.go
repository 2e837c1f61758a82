package faultsuite

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
)

// hostileEnv is what one hostile case works on: the fake sites, a copy of
// the baseline store, and a folder outside the store holding canary files
// that no run may touch.
type hostileEnv struct {
	fake    *Fake
	store   string
	outside string
	args    []string // extra run arguments
	env     []string // nil: the fake's environment
	parent  string   // the snapshot the run must build on, when prepare made one
}

// hostileCase is a page a site serves or a folder the store holds that an
// attacker (or a broken site) controls, and what the run must make of it.
type hostileCase struct {
	name    string
	prepare func(t *testing.T, s *suite, h *hostileEnv)
	code    int // the exit code the run must give
	check   func(t *testing.T, s *suite, h *hostileEnv, r result)
}

// TestHostile runs the binary once per case and then checks what every
// case shares: the store verifies, DuckDB reads every table of every
// snapshot, and no file outside the store changed.
func TestHostile(t *testing.T) {
	s := setup(t)
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			h := newHostileEnv(t, s)
			c.prepare(t, s, h)
			outside := hashTree(t, h.outside)
			env := h.env
			if env == nil {
				env = h.fake.Env()
			}
			r := s.exec(context.Background(), env, s.runCmd(h.store, h.args...)...)
			if r.code != c.code {
				t.Fatalf("exit %d, want %d (took %s)\n%s\n%s", r.code, c.code, r.took, r.stdout, tail(r.stderr, 3000))
			}
			if c.check != nil {
				c.check(t, s, h, r)
			}
			if _, err := os.Lstat(filepath.Join(h.store, "snapshots")); err == nil {
				s.checkVerify(t, h.store)
				checkDuckDB(t, h.store)
			}
			checkSame(t, "outside the store", outside, hashTree(t, h.outside))
		})
	}
}

func newHostileEnv(t *testing.T, s *suite) *hostileEnv {
	t.Helper()
	fake, err := New(s.pages, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	h := &hostileEnv{fake: fake, store: s.copyStore(t), outside: filepath.Join(t.TempDir(), "outside")}
	for name, body := range map[string]string{"canary.txt": "do not touch\n", "dir/canary.txt": "nor this\n"} {
		path := filepath.Join(h.outside, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func checkSame(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("%s: %d files, had %d", what, len(after), len(before))
	}
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("%s: %s changed or vanished", what, name)
		}
	}
}

const utf8HTML = "text/html; charset=utf-8"

func hostileCases(t *testing.T) []hostileCase {
	list0 := fixture(t, "metropolis/testdata/sample/list-0.html")
	noMeta := bytes.Replace(list0, []byte(`<meta charset="utf-8">`), nil, 1)
	if bytes.Equal(noMeta, list0) {
		t.Fatal("the metropolis list fixture no longer declares its charset in <meta>")
	}
	latin1 := func(page []byte) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes(page)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	metaLatin1 := bytes.Replace(list0, []byte(`<meta charset="utf-8">`), []byte(`<meta charset="iso-8859-1">`), 1)
	serve := func(u, ct string, body []byte) func(*testing.T, *suite, *hostileEnv) {
		return func(_ *testing.T, _ *suite, h *hostileEnv) { h.fake.Inject(u, Page(http.StatusOK, ct, body)) }
	}
	return append(append(append(charsetCases(list0, noMeta, metaLatin1, latin1, serve),
		bombCases(t)...), storeCases()...), append(redirectCases(), deadlineCases()...)...)
}

// charsetCases: text that is not UTF-8 must come out as the same valid
// UTF-8 names the UTF-8 page gives, or repaired with U+FFFD and counted.
func charsetCases(list0, noMeta, metaLatin1 []byte, latin1 func([]byte) []byte,
	serve func(string, string, []byte) func(*testing.T, *suite, *hostileEnv)) []hostileCase {
	sameAsBaseline := func(t *testing.T, s *suite, h *hostileEnv, _ result) {
		s.checkSnapshot(t, h.store, "", "")
		wantName(t, h.store, "metropolis", "Área Metropolitana de Barcelona")
	}
	stray := bytes.Replace(list0, []byte(">Berlin<"), []byte(">Ber\xfflin<"), 1)
	long := bytes.Replace(list0, []byte(">Berlin<"), []byte(">"+strings.Repeat("Berlin ", 400<<10/7)+"<"), 1)
	return []hostileCase{
		{name: "Latin-1 declared in the header", code: 0, check: sameAsBaseline,
			prepare: serve(metroList0, "text/html; charset=iso-8859-1", latin1(noMeta))},
		{name: "Latin-1 declared in meta", code: 0, check: sameAsBaseline,
			prepare: serve(metroList0, "text/html", latin1(metaLatin1))},
		{name: "Latin-1 undeclared", code: 0, check: sameAsBaseline,
			prepare: serve(metroList0, "text/html", latin1(noMeta))},
		{name: "a stray 0xFF byte in a name", code: 0, prepare: serve(metroList0, utf8HTML, stray),
			check: func(t *testing.T, _ *suite, h *hostileEnv, _ result) {
				wantName(t, h.store, "metropolis", "Ber\uFFFDlin")
				wantCount(t, h.store, "metropolis", "invalid_utf8", 1)
			}},
		{name: "a 400 KB name", code: 0, prepare: serve(metroList0, utf8HTML, long),
			check: func(t *testing.T, _ *suite, h *hostileEnv, _ result) {
				wantCount(t, h.store, "metropolis", "truncated", 1)
				for _, m := range latestMembers(t, h.store) {
					if n := utf8.RuneCountInString(m.Name); n > 1000 {
						t.Errorf("a name of %d characters was stored", n)
					}
				}
			}},
	}
}

// bombSize is what every bomb inflates to: far beyond the body cap.
const bombSize = 512 << 20

var bomb = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for range bombSize >> 20 {
		zw.Write(zero)
	}
	zw.Close()
	return b.Bytes()
})

// maxBombRSS bounds the process while it meets a bomb: the body cap is
// 10 MiB, so a process that inflated the bomb would hold 512 MiB.
const maxBombRSS = 300 << 20

func bombCases(t *testing.T) []hostileCase {
	served := func(header http.Header) func(*testing.T, *suite, *hostileEnv) {
		return func(_ *testing.T, _ *suite, h *hostileEnv) {
			h.fake.Inject(metroList0, func(w http.ResponseWriter, _ *http.Request, _ int, _ http.Handler) {
				for k, v := range header {
					w.Header()[k] = v
				}
				w.WriteHeader(http.StatusOK)
				w.Write(bomb())
			})
		}
	}
	failedSmall := func(t *testing.T, s *suite, h *hostileEnv, r result) {
		s.checkSnapshot(t, h.store, "metropolis", "cap")
		if r.maxRSS > maxBombRSS {
			t.Errorf("the run peaked at %d MiB resident: the bomb was inflated", r.maxRSS>>20)
		}
	}
	return []hostileCase{
		{name: "gzip bomb", code: 1, check: failedSmall,
			prepare: served(http.Header{"Content-Type": {utf8HTML}, "Content-Encoding": {"gzip"}})},
		{name: "x-gzip bomb", code: 1, check: failedSmall,
			prepare: served(http.Header{"Content-Type": {utf8HTML}, "Content-Encoding": {"x-gzip"}})},
		{name: "application/x-gzip bomb", code: 1, check: failedSmall,
			prepare: served(http.Header{"Content-Type": {"application/x-gzip"}})},
		{name: "an archive that inflates beyond the archive cap", code: 2,
			prepare: func(t *testing.T, _ *suite, h *hostileEnv) {
				path := filepath.Join(t.TempDir(), "bomb.warc.gz")
				if err := os.WriteFile(path, bomb(), 0o644); err != nil {
					t.Fatal(err)
				}
				h.env, h.args = offline(), []string{"--replay", path}
			},
			check: func(t *testing.T, s *suite, h *hostileEnv, r result) {
				if got := latestOf(h.store); got != s.baseID || snapshotCount(h.store) != 1 {
					t.Errorf("a refused archive changed the store: LATEST %s, %d snapshots", got, snapshotCount(h.store))
				}
				if !strings.Contains(r.stderr, "archive limit") {
					t.Errorf("the refusal does not name the archive limit:\n%s", tail(r.stderr, 500))
				}
				if r.maxRSS > maxBombRSS {
					t.Errorf("the run peaked at %d MiB resident reading a bomb archive", r.maxRSS>>20)
				}
			}},
		{name: "gzip bomb in a replayed archive", code: 1, check: failedSmall,
			prepare: func(t *testing.T, s *suite, h *hostileEnv) {
				h.env = offline()
				h.args = []string{"--replay", replayWithBomb(t, s)}
			}},
	}
}

// replayWithBomb is the suite's archive with the first metropolis list
// page replaced by a gzip bomb.
func replayWithBomb(t *testing.T, s *suite) string {
	t.Helper()
	pages := slices.Clone(s.pages)
	found := false
	for i, p := range pages {
		if p.URL == metroList0 {
			pages[i].Body = bomb()
			pages[i].Header = http.Header{"Content-Encoding": {"gzip"}}
			found = true
		}
	}
	if !found {
		t.Fatalf("no fixture page for %s", metroList0)
	}
	path := filepath.Join(t.TempDir(), "bomb.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

// storeCases: a store whose LATEST is broken keeps its lineage; one with
// symlinks where the store keeps its own files is refused (exit 3) and
// nothing they point at is touched.
func storeCases() []hostileCase {
	// A store with two snapshots: with one, a missing LATEST is easy to
	// guess (the only snapshot has no parent).
	secondNight := func(t *testing.T, s *suite, h *hostileEnv) {
		r := s.exec(context.Background(), h.fake.Env(), s.runCmd(h.store)...)
		if r.code != 0 {
			t.Fatalf("second night: exit %d\n%s", r.code, r.stderr)
		}
		h.parent = latestOf(h.store)
	}
	lineage := func(t *testing.T, _ *suite, h *hostileEnv, _ result) {
		st, err := output.OpenStoreReadOnly(h.store)
		if err != nil {
			t.Fatal(err)
		}
		latest := latestOf(h.store)
		m, err := st.Manifest(latest)
		if err != nil {
			t.Fatal(err)
		}
		if m.ParentID != h.parent {
			t.Fatalf("the run's parent is %q, want the newest snapshot %s", m.ParentID, h.parent)
		}
		for _, c := range latestTables(t, h.store).Changes {
			if c.Change == "joined" {
				t.Errorf("%s %s joined again: the lineage broke", c.Network, c.MemberKey)
			}
		}
	}
	// unlink removes the planted link once the run refused the store: the
	// shared checks then show that the store was left whole.
	unlink := func(name string) func(*testing.T, *suite, *hostileEnv, result) {
		return func(t *testing.T, s *suite, h *hostileEnv, r result) {
			if !strings.Contains(r.stderr, "symlink") {
				t.Errorf("the refusal does not say why:\n%s", tail(r.stderr, 500))
			}
			if v := s.exec(context.Background(), nil, "--store", h.store, "snapshots", "verify"); v.code != 3 {
				t.Errorf("verify of the store with a symlink: exit %d, want 3", v.code)
			}
			if err := os.Remove(filepath.Join(h.store, name)); err != nil {
				t.Fatal(err)
			}
			if name == "LATEST" { // put back what the link replaced
				if err := os.WriteFile(filepath.Join(h.store, name), []byte(s.baseID+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := latestOf(h.store); got != s.baseID {
				t.Errorf("LATEST is %q, want %s", got, s.baseID)
			}
		}
	}
	symlink := func(name, target string) func(*testing.T, *suite, *hostileEnv) {
		return func(t *testing.T, _ *suite, h *hostileEnv) {
			path := filepath.Join(h.store, name)
			os.RemoveAll(path)
			if err := os.Symlink(filepath.Join(h.outside, target), path); err != nil {
				t.Fatal(err)
			}
		}
	}
	return []hostileCase{
		{name: "empty LATEST", code: 0, check: lineage, prepare: func(t *testing.T, s *suite, h *hostileEnv) {
			secondNight(t, s, h)
			if err := os.WriteFile(filepath.Join(h.store, "LATEST"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "deleted LATEST", code: 0, check: lineage, prepare: func(t *testing.T, s *suite, h *hostileEnv) {
			secondNight(t, s, h)
			if err := os.Remove(filepath.Join(h.store, "LATEST")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "symlinked tmp", code: 3, prepare: symlink("tmp", "dir"), check: unlink("tmp")},
		{name: "symlinked .lock", code: 3, prepare: symlink(".lock", "canary.txt"), check: unlink(".lock")},
		{name: "symlinked LATEST", code: 3, prepare: symlink("LATEST", "canary.txt"), check: unlink("LATEST")},
	}
}

// redirectCases: robots.txt is obeyed at every hop of a redirect, with the
// robots.txt of the host the hop goes to.
func redirectCases() []hostileCase {
	robots := func(rules string) Fault {
		return Page(http.StatusOK, "text/plain", []byte("User-agent: *\n"+rules+"\n"))
	}
	notFetched := func(u string) func(*testing.T, *suite, *hostileEnv, result) {
		return func(t *testing.T, s *suite, h *hostileEnv, _ result) {
			s.checkSnapshot(t, h.store, "metropolis", "robots.txt")
			host, path, _ := strings.Cut(strings.TrimPrefix(u, "https://"), "/")
			for _, r := range h.fake.Requests("https://" + host) {
				if r.Target == "/"+path {
					t.Errorf("the disallowed %s was fetched", u)
				}
			}
		}
	}
	const private = "https://www.metropolis.org/private/members"
	const other = "https://metropolis.org/members-list?page=0"
	return []hostileCase{
		{name: "redirect into a disallowed path", code: 1, check: notFetched(private),
			prepare: func(_ *testing.T, _ *suite, h *hostileEnv) {
				h.fake.Inject("https://www.metropolis.org/robots.txt", robots("Disallow: /private/"))
				h.fake.Inject(metroList0, Redirect(private))
			}},
		{name: "redirect onto another host", code: 1, check: notFetched(other),
			prepare: func(_ *testing.T, _ *suite, h *hostileEnv) {
				h.fake.Inject("https://metropolis.org/robots.txt", robots("Disallow: /members-list"))
				h.fake.Inject(metroList0, Redirect(other))
			}},
	}
}

func latestTables(t *testing.T, store string) *citynets.Tables {
	t.Helper()
	st, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.Latest()
	if err != nil {
		t.Fatal(err)
	}
	tables, err := st.Read(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

func latestMembers(t *testing.T, store string) []citynets.Member {
	return latestTables(t, store).Members
}

func wantName(t *testing.T, store, network, name string) {
	t.Helper()
	for _, m := range latestMembers(t, store) {
		if m.Network == network && m.Name == name {
			return
		}
	}
	t.Errorf("%s has no member named %q", network, name)
}

// wantCount checks a per-network counter of the LATEST manifest.
func wantCount(t *testing.T, store, network, counter string, want int) {
	t.Helper()
	st, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := st.Latest()
	m, err := st.Manifest(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := networkCounter(m.Networks[network], counter); got != want {
		t.Errorf("%s: %s = %d, want %d", network, counter, got, want)
	}
}

// deadlineCases: a network still fetching when the run's deadline comes is
// stopped and failed; the rest is committed.
func deadlineCases() []hostileCase {
	const perRequest = 30 * time.Second
	return []hostileCase{
		{name: "a network past the run's deadline", code: 1,
			prepare: func(_ *testing.T, _ *suite, h *hostileEnv) {
				h.fake.Inject(metroKazan, h.fake.Hang())
				h.args = []string{"--timeout", perRequest.String(), "--deadline", "2s"}
			},
			check: func(t *testing.T, s *suite, h *hostileEnv, r result) {
				s.checkSnapshot(t, h.store, "metropolis", "deadline exceeded")
				if r.took >= perRequest {
					t.Errorf("the run took %s: the deadline did not stop the hanging fetch", r.took)
				}
			}},
	}
}

// TestHostileRebuildOlder rebuilds an older snapshot between two nightly
// runs, then prunes: the rebuild must not become the parent of the next
// night, so what was seen in between stays in history.
func TestHostileRebuildOlder(t *testing.T) {
	s := setup(t)
	h := newHostileEnv(t, s)
	outside := hashTree(t, h.outside)
	list0 := fixture(t, "metropolis/testdata/sample/list-0.html")
	// One night only, Berlin's entry is a new member under its own key.
	neo := bytes.Replace(list0, []byte(`"/partners/berlin" hreflang="en">Berlin<`), []byte(`"/partners/neo-berlin" hreflang="en">Neo Berlin<`), 1)
	if bytes.Equal(neo, list0) {
		t.Fatal("the metropolis fixture no longer links Berlin as expected")
	}
	h.fake.Inject(metroList0, Page(http.StatusOK, utf8HTML, neo))
	h.fake.Inject("https://www.metropolis.org/partners/neo-berlin", Page(http.StatusOK, utf8HTML, fixture(t, "metropolis/testdata/sample/partner-berlin.html")))
	ctx := context.Background()
	mustRun := func(args ...string) result {
		t.Helper()
		r := s.exec(ctx, h.fake.Env(), args...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", args, r.code, r.stdout, tail(r.stderr, 3000))
		}
		return r
	}
	mustRun(s.runCmd(h.store)...)
	between := latestOf(h.store)
	h.fake.Inject(metroList0, Page(http.StatusOK, utf8HTML, list0))
	mustRun("--store", h.store, "rebuild", s.baseID)
	if got := latestOf(h.store); got != between {
		t.Fatalf("after rebuilding the older %s, LATEST is %s, want %s", s.baseID, got, between)
	}
	mustRun(s.runCmd(h.store)...)
	st, err := output.OpenStoreReadOnly(h.store)
	if err != nil {
		t.Fatal(err)
	}
	last := latestOf(h.store)
	m, err := st.Manifest(last)
	if err != nil {
		t.Fatal(err)
	}
	if m.ParentID != between {
		t.Fatalf("the night after the rebuild has parent %q, want %s", m.ParentID, between)
	}
	mustRun("--store", h.store, "snapshots", "prune", "--keep", "1")
	found := false
	for _, e := range latestTables(t, h.store).History {
		found = found || e.Name == "Neo Berlin"
	}
	if !found {
		t.Error("history lost the member seen only between the rebuilt snapshot and the latest")
	}
	s.checkVerify(t, h.store)
	checkDuckDB(t, h.store)
	checkSame(t, "outside the store", outside, hashTree(t, h.outside))
}

// networkCounter reads one of a network's repair counters by its JSON name.
func networkCounter(ns output.NetworkStatus, counter string) int {
	switch counter {
	case "invalid_utf8":
		return ns.InvalidUTF8
	case "truncated":
		return ns.Truncated
	}
	panic("unknown counter " + counter)
}
