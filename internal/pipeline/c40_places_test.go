package pipeline

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets/internal/sharedtest"
)

// updating reports whether -update was given; the flag itself is declared
// by scrapertest, which this package's tests import.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// c40Lists are the complete dated C40 member lists of the shared folder
// and the columns holding the name in each (see sites/real/lists/SOURCE.md).
var c40Lists = []struct{ file, column string }{
	{"c40_2019_climactor.csv", "name"},
	{"c40_2023_c40dw-current-members.csv", "city"},
	{"c40_2024-11_c40tools-capacity-tiers.csv", "city_as_published"},
	{"c40_2026_homepage.csv", "city"},
}

// TestC40ListPlaces resolves every name of the dated C40 lists with the
// real matcher, the list's country as its hint, and keeps name, country
// → place_id in output/testdata/spells/c40_places.tsv, which output's
// spells scenario (TestSpellsC40Lists) reads: output may not import
// enrich, so the matcher's answers reach it through this file, and this
// test fails when the matcher would now answer differently. (Without the
// country, "London, UK" of 2019 resolves to nothing.)
func TestC40ListPlaces(t *testing.T) {
	m, err := NewMatcher(context.Background(), "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, l := range c40Lists {
		path := sharedtest.Path(t, "sites/real/lists/"+l.file)
		names, countries := readListColumn(t, path, l.column), readListColumn(t, path, "country")
		for i := range names {
			rows = append(rows, names[i]+"\t"+countries[i])
		}
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var b strings.Builder
	b.WriteString("# Every name and country of the dated C40 lists in shared/sites/real/lists (2019, 2023,\n")
	b.WriteString("# 2024-11, 2026) with the place the real matcher resolves them to (name, country, geonames id,\n")
	b.WriteString("# place name). Written by internal/pipeline's TestC40ListPlaces (-update); read by output's\n")
	b.WriteString("# TestSpellsC40Lists.\n")
	for _, row := range rows {
		name, country, _ := strings.Cut(row, "\t")
		r := m.Resolve(name, country)
		fmt.Fprintf(&b, "%s\t%s\t%s\n", row, strings.TrimPrefix(r.Match.PlaceID, "geonames:"), r.Match.PlaceName)
	}
	golden := filepath.Join("..", "..", "output", "testdata", "spells", "c40_places.tsv")
	if updating() {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run with -update to create): %v", golden, err)
	}
	if b.String() != string(want) {
		t.Errorf("the matcher's places differ from %s (check, then -update):\n%s", golden, b.String())
	}
}

// readListColumn reads one column of a CSV file with a header row, each
// value with surrounding spaces trimmed, as a scraper's field would be.
func readListColumn(t *testing.T, path, column string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := slices.Index(rows[0], column)
	if col < 0 {
		t.Fatalf("%s: no column %q", path, column)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, strings.TrimSpace(r[col]))
	}
	return out
}
