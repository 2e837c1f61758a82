package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets/output"
)

// TestSamplePlaces runs the bundled sample (`make demo`'s archive and
// specs) and compares how every member resolves — network, name,
// published country, place id and name, method and score — with
// testdata/sample_places.golden.tsv. A matcher or gazetteer change that
// moves any sample member shows here as a diff to check by hand before
// -update.
func TestSamplePlaces(t *testing.T) {
	store := t.TempDir()
	rep := sampleRun(t, store, "../../examples/sample.warc.gz", "", nil)
	members, err := output.ReadMembers(t.Context(), filepath.Join(store, "snapshots", rep.SnapshotID, "members.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, m := range members {
		rows = append(rows, fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t%.3f",
			m.Network, m.Name, m.CountryPublished, m.Match.PlaceID, m.Match.PlaceName, m.Match.Method, m.Match.Score))
	}
	slices.Sort(rows)
	got := "# How every member of the bundled sample (examples/sample.warc.gz, examples/specs) resolves:\n" +
		"# network, name, published country, place id, place name, method, score. Written by\n" +
		"# internal/pipeline's TestSamplePlaces (-update) after the changes are checked by hand.\n" +
		strings.Join(rows, "\n") + "\n"
	golden := filepath.Join("testdata", "sample_places.golden.tsv")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run with -update to create): %v", golden, err)
	}
	if got != string(want) {
		t.Errorf("sample members resolve differently from %s (check, then -update):\n%s", golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
