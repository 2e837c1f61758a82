package enrich

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// c40Names is C40's member list as its homepage showed it in 2026 (97
// names, no countries): a committed copy of the shared folder's
// sites/c40-homepage-2026.txt (see shared/sites/README.md), so that the
// golden test runs in a clean clone.
const c40Names = "testdata/c40_names.txt"

// TestC40Golden resolves C40's homepage names without countries and
// compares name → place_id, place, country and method with
// testdata/c40.golden.tsv (rewrite it with -update after checking the
// diff by eye).
func TestC40Golden(t *testing.T) {
	names := readLines(t, c40Names)
	m := testMatcher(t)
	var b strings.Builder
	b.WriteString("# C40 homepage names (shared/sites/c40-homepage-2026.txt) resolved without a country; regenerate with go test ./enrich -run TestC40Golden -update\n")
	resolved := 0
	for _, n := range names {
		r := m.Resolve(n, "")
		if r.Match.Resolved() {
			resolved++
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", n, r.Match.PlaceID, r.Match.PlaceName, r.Match.CountryCode, r.Match.Method)
	}
	if resolved < len(names)-2 {
		t.Errorf("%d of %d C40 names resolved", resolved, len(names))
	}
	golden := "testdata/c40.golden.tsv"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Errorf("line %d:\n got  %s\n want %s", i+1, gl[i], wl[i])
			}
		}
		if len(gl) != len(wl) {
			t.Errorf("got %d lines, want %d", len(gl), len(wl))
		}
	}
}

// readLines returns the file's non-blank lines, trimmed, without the
// comment lines that start with "#".
func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
