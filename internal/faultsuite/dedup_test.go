package faultsuite

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/citynets/citynets/output"
)

// conditionalSite makes every page of the fake (and each host's
// robots.txt) conditional, as Conditional says; edit changes the page at
// changed.
func (s *suite) conditionalSite(f *Fake, ignore bool, changed string, edit func([]byte) []byte, sent *atomic.Int64) {
	hosts := map[string]bool{}
	for _, p := range s.pages {
		var e func([]byte) []byte
		if p.URL == changed {
			e = edit
		}
		f.Inject(p.URL, Conditional(ignore, e, sent))
		if u, err := url.Parse(p.URL); err == nil {
			hosts[u.Scheme+"://"+u.Host] = true
		}
	}
	for h := range hosts {
		f.Inject(h+"/robots.txt", Conditional(ignore, nil, sent))
	}
}

// latestManifest reads the newest snapshot's manifest.
func latestManifest(t *testing.T, store string) *output.Manifest {
	t.Helper()
	st, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.Latest()
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(filepath.Join(st.Path(id), output.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// archiveOf lists the records of the newest snapshot's archive.
func archiveOf(t *testing.T, store string) []output.ArchiveRecord {
	t.Helper()
	m := latestManifest(t, store)
	raw, err := os.ReadFile(filepath.Join(store, "snapshots", m.ID, output.RawWARC))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := output.ScanArchive(raw)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestConditionalNights runs nights against a fake that serves ETags: an
// unchanged night downloads at most 5 % of the first night's body bytes
// and archives the pages as revisits; a changed page is fetched and
// archived in full; a site that ignores the conditional headers still
// works (its unchanged pages are archived as identical-payload revisits).
// Every store verifies.
func TestConditionalNights(t *testing.T) {
	s := setup(t)
	store := filepath.Join(t.TempDir(), "store")
	night := func(name string, ignore bool, changed string, edit func([]byte) []byte) (sent int64, m *output.Manifest) {
		t.Helper()
		fake, err := New(s.pages, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer fake.Close()
		var n atomic.Int64
		s.conditionalSite(fake, ignore, changed, edit, &n)
		r := s.exec(context.Background(), fake.Env(), s.runCmd(store)...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d\n%s\n%s", name, r.code, r.stdout, tail(r.stderr, 3000))
		}
		s.checkVerify(t, store)
		m = latestManifest(t, store)
		t.Logf("%s: %d body bytes served; %s", name, n.Load(), costLine(m))
		return n.Load(), m
	}

	first, _ := night("first night", false, "", nil)
	second, m := night("unchanged night", false, "", nil)
	if second*20 > first {
		t.Errorf("the unchanged night downloaded %d body bytes, more than 5%% of the first night's %d", second, first)
	}
	if c := sumCosts(m); c.NotModified == 0 || c.Requests == 0 {
		t.Errorf("the unchanged night's manifest counts %+v: want requests and 304s", c)
	}

	changed := metroBerlin
	edit := func(b []byte) []byte { return append(append([]byte{}, b...), "\n<!-- changed -->\n"...) }
	third, _ := night("one page changed", false, changed, edit)
	reqs := archivedAs(changed, archiveOf(t, store))
	if reqs != "response" {
		t.Errorf("the changed page %s is archived as %q, want a full response", changed, reqs)
	}
	if third < 10 || third*20 > first {
		t.Errorf("one changed page: %d body bytes downloaded (first night %d)", third, first)
	}

	fourth, m := night("conditionals ignored", true, changed, edit)
	if c := sumCosts(m); c.NotModified != 0 || c.Revisits == 0 {
		t.Errorf("a site ignoring conditionals: %+v, want no 304 and revisits", c)
	}
	if fourth < first/2 {
		t.Errorf("a site ignoring conditionals sent only %d bytes (first night %d)", fourth, first)
	}
}

// archivedAs is the type of the record archived for rawURL.
func archivedAs(rawURL string, recs []output.ArchiveRecord) string {
	for _, r := range recs {
		if r.URI == rawURL && (r.Type == "response" || r.Revisit()) {
			return r.Type
		}
	}
	return "missing"
}

func sumCosts(m *output.Manifest) output.NetworkStatus {
	var c output.NetworkStatus
	for _, st := range m.Networks {
		c.Requests += st.Requests
		c.NotModified += st.NotModified
		c.Revisits += st.Revisits
		c.BytesDownloaded += st.BytesDownloaded
		c.BytesStored += st.BytesStored
	}
	return c
}

func costLine(m *output.Manifest) string {
	c := sumCosts(m)
	return "requests " + itoa(c.Requests) + ", 304 " + itoa(c.NotModified) + ", revisits " + itoa(c.Revisits) +
		", downloaded " + itoa(int(c.BytesDownloaded)) + ", archived " + itoa(int(c.BytesStored))
}

func itoa(n int) string { return strconv.Itoa(n) }
