package pipeline

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
)

// hangingSite routes requests for one host to a loopback server that
// answers robots.txt with 404 and never answers any other page, and every
// other request to a replay archive.
type hangingSite struct {
	host   string
	server *url.URL
	replay http.RoundTripper
}

func (h hangingSite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != h.host {
		return h.replay.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.URL.Scheme, r.URL.Host = h.server.Scheme, h.server.Host
	r.Host = ""
	return http.DefaultTransport.RoundTrip(r)
}

// newHangingServer starts the loopback server; it lets its hanging
// handlers go when the test ends.
func newHangingServer(t *testing.T) *url.URL {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() {
		close(release)
		srv.Close()
	})
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestDeadlineFailsHangingNetwork runs a good night, then a night on which
// c40's homepage hangs and the run's deadline is 300 ms: c40 must be
// stopped and fail with "deadline exceeded", its members carried from the
// good night, while metropolis is fresh and the snapshot is committed.
func TestDeadlineFailsHangingNetwork(t *testing.T) {
	store := t.TempDir()
	specs := "../../examples/specs"
	nets := "c40,metropolis"
	fast := fetch.Config{Delay: -1}
	good, err := Run(t.Context(), Options{StoreDir: store, Replay: archive(t, nil, "c40", "metropolis"), SpecsDir: specs, Networks: nets, Fetch: fast})
	if err != nil || good.Failed() != 0 {
		t.Fatalf("good night: %v", err)
	}
	replay, err := fetch.OpenReplay(archive(t, nil, "metropolis"))
	if err != nil {
		t.Fatal(err)
	}
	site := hangingSite{host: "www.c40.org", server: newHangingServer(t), replay: replay}
	begin := time.Now()
	rep, err := Run(t.Context(), Options{StoreDir: store, Transport: site, SpecsDir: specs, Networks: nets,
		Fetch: fast, Deadline: 300 * time.Millisecond})
	if err != nil {
		t.Fatalf("run: %v (after %s)", err, time.Since(begin))
	}
	st := rep.Manifest.Networks["c40"]
	if st.Status != output.StatusFailed || !strings.Contains(st.Error, "deadline exceeded") {
		t.Fatalf("c40 = %+v, want failed with deadline exceeded", st)
	}
	if st.CarriedFrom != good.SnapshotID || st.Members != 97 {
		t.Errorf("c40 carried %d members from %q, want 97 from %s", st.Members, st.CarriedFrom, good.SnapshotID)
	}
	if m := rep.Manifest.Networks["metropolis"]; m.Status != output.StatusOK {
		t.Errorf("metropolis = %+v, want ok", m)
	}
	if rep.Failed() != 1 {
		t.Errorf("%d networks failed, want 1", rep.Failed())
	}
	checkRows(t, store, rep.SnapshotID, good.SnapshotID, "metropolis")
}
