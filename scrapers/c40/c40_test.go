package c40

import (
	"os"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

func TestCases(t *testing.T) {
	n, err := scrapers.Lookup("c40")
	if err != nil {
		t.Fatal(err)
	}
	scrapertest.RunCases(t, n)
}

// TestHomepageNamesInOrder checks the must-hold of the foundation issue: the
// parse yields exactly the fixture's 97 names, in page order, with the
// claimed count 97. names.txt is shared/sites/c40-homepage-2026.txt.
func TestHomepageNamesInOrder(t *testing.T) {
	n, _ := scrapers.Lookup("c40")
	res, err := scrapertest.Scrape(t.Context(), n, "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	want := readLines(t, "testdata/sample/names.txt")
	if len(res.Members) != len(want) {
		t.Fatalf("parsed %d members, want %d", len(res.Members), len(want))
	}
	for i, m := range res.Members {
		if m.Name != want[i] {
			t.Errorf("member %d = %q, want %q", i, m.Name, want[i])
		}
	}
	if got := res.Claimed(); got != 97 {
		t.Errorf("claimed = %d, want 97", got)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}
