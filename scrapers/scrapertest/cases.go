package scrapertest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
)

var update = flag.Bool("update", false, "rewrite expected.jsonl golden files")

// RunCases runs every case folder under testdata/ through the network's
// scraper and guard.
func RunCases(t *testing.T, n scrapers.Network) {
	t.Helper()
	dirs, err := filepath.Glob("testdata/*/urls.tsv")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no case folders under testdata/ (%v)", err)
	}
	for _, u := range dirs {
		dir := filepath.Dir(u)
		t.Run(filepath.Base(dir), func(t *testing.T) { runCase(t, n, dir) })
	}
}

// runCase collects the case as a run would (scrapers.Collect: each variant
// guarded in turn) and checks the kept result against the golden file and
// the verdict against guard.txt, or the failure against error.txt.
func runCase(t *testing.T, n scrapers.Network, dir string) {
	f, err := LoadCase(dir)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := scrapers.LoadSpec(n, filepath.Join(dir, "specs"))
	if err != nil {
		t.Fatal(err)
	}
	c, verdict := scrapers.Collect(context.Background(), scrapers.Job{Network: n, Spec: spec, Fetcher: f, AsOf: FetchedAt})
	if want := readOptional(t, dir, "error.txt"); want != "" {
		if c.Result != nil || verdict == nil || !strings.Contains(verdict.Error(), want) {
			t.Fatalf("result %v, error = %v; want no result and an error containing %q", c.Result != nil, verdict, want)
		}
		return
	}
	if c.Result == nil {
		t.Fatalf("scrape: %v", verdict)
	}
	checkGolden(t, filepath.Join(dir, "expected.jsonl"), c.Result.Members)
	switch want := readOptional(t, dir, "guard.txt"); {
	case want == "" || want == "ok":
		if verdict != nil {
			t.Errorf("guard failed: %v", verdict)
		}
	case verdict == nil || !strings.Contains(verdict.Error(), want):
		t.Errorf("guard = %v, want a failure containing %q", verdict, want)
	}
}

// Scrape runs the network over one case folder, with the case's spec
// override when it has one.
func Scrape(ctx context.Context, n scrapers.Network, dir string) (*scrapers.Result, error) {
	f, err := LoadCase(dir)
	if err != nil {
		return nil, err
	}
	spec, err := scrapers.LoadSpec(n, filepath.Join(dir, "specs"))
	if err != nil {
		return nil, err
	}
	s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: f, AsOf: FetchedAt}
	return s.Run(ctx)
}

// MembersJSONL is the golden form of members: one JSON object per line.
func MembersJSONL(ms []citynets.Member) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, m := range ms {
		_ = enc.Encode(m)
	}
	return b.Bytes()
}

func checkGolden(t *testing.T, path string, ms []citynets.Member) {
	t.Helper()
	got := MembersJSONL(ms)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(%d members; -update rewrites)", path, i+1, g, w, len(ms))
			}
		}
	}
}

func readOptional(t *testing.T, dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
