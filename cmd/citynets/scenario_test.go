package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// updating reports whether -update was given; the flag itself is declared
// by scrapertest, which this package's tests import.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// c40Archive writes the c40 sample pages with the homepage listing names.
func c40Archive(t *testing.T, names []string) string {
	t.Helper()
	pages, err := scrapertest.FixturePages("../../scrapers/c40/testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	var items strings.Builder
	for _, n := range names {
		items.WriteString("<li>" + html.EscapeString(n) + "</li>\n")
	}
	list := regexp.MustCompile(`(?s)(<ul[^>]*>)\s*<li>.*?</li>\s*(</ul>)`)
	claim := regexp.MustCompile(`C40 has \d+ member cities`)
	for i := range pages {
		if pages[i].URL == "https://www.c40.org/" {
			body := list.ReplaceAllString(string(pages[i].Body), "${1}\n"+strings.ReplaceAll(items.String(), "$", "$$")+"${2}")
			pages[i].Body = []byte(claim.ReplaceAllString(body, "C40 has "+strconv.Itoa(len(names))+" member cities"))
		}
	}
	path := filepath.Join(t.TempDir(), "c40.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

func nameList(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestC40From2019To2026 is the change-detection scenario of
// shared/sites/README.md, end to end: two archives (the 2019 list and
// today's), two runs through the real pipeline and matcher, then
// `citynets diff --format json`. The joins, leaves and renames are kept in
// a golden file.
func TestC40From2019To2026(t *testing.T) {
	store := t.TempDir()
	for _, list := range []string{"../../output/testdata/diff/c40_2019.txt", "../../scrapers/c40/testdata/sample/names.txt"} {
		warc := c40Archive(t, nameList(t, list))
		if code, out, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run %s: exit %d\n%s\n%s", list, code, out, errOut)
		}
	}
	code, out, errOut := run(t, "diff", "--store", store, "--format", "json")
	if code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	var rep diffReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("diff JSON: %v\n%s", err, out)
	}
	var got bytes.Buffer
	for _, c := range rep.Changes {
		got.WriteString(strings.Join([]string{c.Change, c.Cause, deref(c.OldName), deref(c.NewName)}, "\t") + "\n")
	}
	golden := "testdata/c40_2019_2026.golden.tsv"
	if updating() {
		os.WriteFile(golden, got.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("changes differ from %s (-update rewrites):\n%s", golden, got.String())
	}
	counts := map[string]int{}
	for _, c := range rep.Changes {
		counts[c.Change]++
	}
	if counts["joined"] != 8 || counts["left"] != 5 || counts["renamed"] != 5 || counts["modified"] != 0 {
		t.Errorf("changes %v, want 8 joined, 5 left, 5 renamed", counts)
	}
}

// TestDiffSelfAndBadIDs: a snapshot against itself has no changes; an
// unknown id exits 2 naming the nearest ids; --fail-if-changed exits 1.
func TestDiffSelfAndBadIDs(t *testing.T) {
	store := t.TempDir()
	warc := sampleWARC(t)
	run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q")
	id := strings.TrimSpace(readFile(t, filepath.Join(store, "LATEST")))
	code, out, _ := run(t, "diff", id, id, "--store", store, "--format", "json")
	if code != exitOK || !strings.Contains(out, `"changes": []`) {
		t.Errorf("self diff: exit %d\n%s", code, out)
	}
	code, _, errOut := run(t, "diff", id[:8]+"X", id, "--store", store)
	if code != exitUsage || !strings.Contains(errOut, id) {
		t.Errorf("unknown id: exit %d, %q; want 2 naming %s", code, errOut, id)
	}
	run(t, "run", "--networks", "c40", "--replay", c40Archive(t, []string{"Lagos", "Lima"}), "--store", store, "-q", "--specs", t.TempDir())
	if code, _, _ := run(t, "diff", "--store", store, "--fail-if-changed"); code != exitOK {
		t.Errorf("failed network must give no changes, --fail-if-changed exit %d", code)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRebuildWithAnotherGazetteer: re-deriving a snapshot from its own
// archive with a different gazetteer changes only derived values, so every
// change is of cause "processing", and the rebuilt snapshot's parent is the
// original.
func TestRebuildWithAnotherGazetteer(t *testing.T) {
	store := t.TempDir()
	if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", sampleWARC(t), "--store", store, "-q"); code != exitOK {
		t.Fatalf("run: %d %s", code, errOut)
	}
	orig := strings.TrimSpace(readFile(t, filepath.Join(store, "LATEST")))
	// A tiny GeoNames dump that knows two C40 cities, under other ids.
	dir := t.TempDir()
	row := func(id, name, lat, lng, cc, a1, pop string) string {
		return strings.Join([]string{id, name, name, "", lat, lng, "P", "PPLC", cc, "", a1, "", "", "", pop, "", "10", "Europe/X", "2024-01-01"}, "\t") + "\n"
	}
	os.WriteFile(filepath.Join(dir, "cities.txt"), []byte(row("990001", "London", "51.5", "-0.12", "GB", "ENG", "8900000")+row("990002", "Paris", "48.85", "2.35", "FR", "11", "2100000")), 0o644)
	os.WriteFile(filepath.Join(dir, "admin1.txt"), []byte("GB.ENG\tEngland\tEngland\t6269131\nFR.11\tÎle-de-France\tIle-de-France\t3012874\n"), 0o644)
	gz := filepath.Join(dir, "tiny.bin.gz")
	if code, _, errOut := run(t, "gazetteer", "update", "--cities", filepath.Join(dir, "cities.txt"), "--admin1", filepath.Join(dir, "admin1.txt"), "-o", gz); code != exitOK {
		t.Fatalf("gazetteer update: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "rebuild", orig, "--store", store, "--gazetteer-file", gz, "-q"); code != exitOK {
		t.Fatalf("rebuild: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "diff", "--store", store, "--format", "json")
	var rep diffReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitOK {
		t.Fatalf("diff: exit %d, %v: %s", code, err, errOut)
	}
	if rep.From != orig || len(rep.Changes) < 90 {
		t.Fatalf("diff %s → %s has %d changes; want the original as parent and ~97 place changes", rep.From, rep.To, len(rep.Changes))
	}
	for _, c := range rep.Changes {
		if c.Cause != "processing" || c.Change != "modified" {
			t.Errorf("%s %s %s: want modified/processing", c.MemberKey, c.Change, c.Cause)
		}
	}
}

// TestGazetteerUpdateDivisions: a gazetteer built with admin2 names finds a
// county by its name, as its seat; one built without them does not.
func TestGazetteerUpdateDivisions(t *testing.T) {
	dir := t.TempDir()
	seat := strings.Join([]string{"990010", "Tinytown", "Tinytown", "", "54.1", "-2.1", "P", "PPLA2", "GB", "", "ENG", "X1", "", "", "12000", "", "10", "Europe/London", "2024-01-01"}, "\t") + "\n"
	os.WriteFile(filepath.Join(dir, "cities.txt"), []byte(seat), 0o644)
	os.WriteFile(filepath.Join(dir, "admin1.txt"), []byte("GB.ENG\tEngland\tEngland\t6269131\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "admin2.txt"), []byte("GB.ENG.X1\tTinyshire\tTinyshire\t990011\n"), 0o644)
	for _, tt := range []struct {
		admin2 []string
		code   int
		want   string
	}{
		{[]string{"--admin2", filepath.Join(dir, "admin2.txt")}, exitOK, "geonames:990010  Tinytown"},
		{nil, 1, ""},
	} {
		file := filepath.Join(dir, fmt.Sprintf("g%d.bin", len(tt.admin2)))
		args := append([]string{"gazetteer", "update", "--cities", filepath.Join(dir, "cities.txt"), "--admin1", filepath.Join(dir, "admin1.txt"), "-o", file}, tt.admin2...)
		if code, _, errOut := run(t, args...); code != exitOK {
			t.Fatalf("gazetteer update: %d %s", code, errOut)
		}
		code, out, _ := run(t, "geocode", "Tinyshire County Council", "--country", "GB", "--gazetteer-file", file, "-q")
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("geocode with admin2 %v: exit %d, %q; want %d, %q", tt.admin2, code, out, tt.code, tt.want)
		}
	}
}
