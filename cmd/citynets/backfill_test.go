package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/internal/sharedtest"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// c40Capture renders one of the shared dated C40 lists in the current
// homepage design (the spec's fixture page with its list and count
// replaced), captured at at.
func c40Capture(t *testing.T, file, column, at string) []waybacktest.Capture {
	f, err := os.Open(sharedtest.Path(t, "sites/real/lists/"+file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == column {
			col = i
		}
	}
	seen := map[string]bool{}
	var items strings.Builder
	for _, r := range rows[1:] {
		name := strings.Join(strings.Fields(r[col]), " ")
		if !seen[name] {
			seen[name] = true
			fmt.Fprintf(&items, "<li>%s</li>\n", name)
		}
	}
	home, err := os.ReadFile("../../scrapers/c40/testdata/sample/home.html")
	if err != nil {
		t.Fatal(err)
	}
	page := regexp.MustCompile(`(?s)(<ul[^>]*>).*?(</ul>)`).ReplaceAllString(string(home), "${1}"+items.String()+"${2}")
	page = regexp.MustCompile(`C40 has \d+ member cities`).ReplaceAllString(page, fmt.Sprintf("C40 has %d member cities", len(seen)))
	when, _ := time.Parse(time.DateOnly, at)
	return []waybacktest.Capture{
		{URL: "https://www.c40.org/", Time: when, Body: []byte(page)},
		{URL: "https://www.c40.org/cities/", Time: when, Body: []byte("<html><body><main></main></body></html>")},
	}
}

// TestBackfillCommand backfills C40 from a fake archive through the CLI,
// then diffs two backfilled snapshots: Kolkata left and Fortaleza joined
// between C40's 2023 and 2024-11 lists. A failed step exits 1.
func TestBackfillCommand(t *testing.T) {
	caps := append(c40Capture(t, "c40_2023_c40dw-current-members.csv", "city", "2023-08-15"),
		c40Capture(t, "c40_2024-11_c40tools-capacity-tiers.csv", "city_as_published", "2024-11-07")...)
	srv := waybacktest.New(t, caps)
	store := t.TempDir()
	args := []string{"--store", store, "--log-format", "json", "-q", "backfill", "--from", "2024-01-01", "--to", "2025-01-01", "--every", "6m",
		"--networks", "c40", "--archive-url", srv.URL(), "--cdx-interval", "-1ns", "--capture-interval", "-1ns"}
	code, out, errOut := run(t, args...)
	if code != exitOK {
		t.Fatalf("backfill: exit %d\n%s\n%s", code, out, errOut)
	}
	ids := regexp.MustCompile(`(?m)^(\d{4}-\d\d-\d\d)\s+(\S+)\s+committed`).FindAllStringSubmatch(out, -1)
	if len(ids) != 3 {
		t.Fatalf("want 3 committed steps:\n%s", out)
	}
	code, diff, errOut := run(t, "--store", store, "diff", ids[1][2], ids[2][2], "--network", "c40", "--format", "csv")
	if code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"joined", "Fortaleza", "left", "Kolkata"} {
		if !strings.Contains(diff, want) {
			t.Errorf("diff %s %s lacks %q:\n%s", ids[1][2], ids[2][2], want, diff)
		}
	}
	// The map of a backfilled date, named by the date prefix of its id.
	mapFile := filepath.Join(t.TempDir(), "map-2024.html")
	if code, _, errOut := run(t, "--store", store, "map", ids[0][2][:len("20240101T000000Z")], "-o", mapFile); code != exitOK {
		t.Errorf("map of the first step: exit %d: %s", code, errOut)
	} else if b, _ := os.ReadFile(mapFile); !strings.Contains(string(b), "Kolkata") {
		t.Error("the map of the first step does not show Kolkata")
	}
	code, again, _ := run(t, args...)
	if code != exitOK || strings.Count(again, "existing") != 3 {
		t.Errorf("re-run: exit %d, want every step existing:\n%s", code, again)
	}
	// A year with no capture: the step is committed with c40 failed, exit 1.
	args[7] = "2023-01-01"
	if code, out, _ := run(t, args...); code != exitNetworkFail || !strings.Contains(out, "no capture") {
		t.Errorf("backfill before the first capture: exit %d, want 1 with the reason:\n%s", code, out)
	}
	for _, bad := range [][]string{
		{"--every", "2w", "--from", "2024-01-01"},
		{"--from", "2024-13-01"},
		{"--from", "2025-01-01", "--to", "2024-01-01"},
		{"--from", "2024-01-01", "--archive-url", "ftp://archive.example"},
		{"--from", "2024-01-01", "--networks", "nope"},
	} {
		if code, _, _ := run(t, append([]string{"--store", store, "backfill"}, bad...)...); code != exitUsage {
			t.Errorf("backfill %v: exit %d, want 2", bad, code)
		}
	}
}

// TestBackfillDemo runs make demo-backfill's backfill: the bundled
// recorded Wayback session (examples/wayback-sample.warc.gz, made-up
// changes on the c40 and iclei samples, see
// internal/pipeline/backfill_demo_test.go) replayed into a new store, each
// yearly step committed with its members, and the invented joins and
// leaves in diff.
func TestBackfillDemo(t *testing.T) {
	store := t.TempDir()
	code, out, errOut := run(t, "--store", store, "-q", "backfill", "--replay", "../../examples/wayback-sample.warc.gz",
		"--from", "2019-01-01", "--to", "2026-01-01", "--every", "1y", "--networks", "c40,iclei", "--specs", "../../examples/specs")
	if code != exitOK {
		t.Fatalf("backfill: exit %d\n%s\n%s", code, out, errOut)
	}
	rows := regexp.MustCompile(`(?m)^(\d{4})-01-01\s+(\S+)\s+committed\s+(\d+)\s+(\d+)\s*$`).FindAllStringSubmatch(out, -1)
	// Members and changes per step, C40's and ICLEI's together. 2022 is
	// C40's first step read in the new design: every member's source URL
	// changes (96 modified), and Lagos State joins ICLEI.
	want := [][2]string{{"118", "118"}, {"118", "2"}, {"118", "2"}, {"119", "97"}, {"119", "0"}, {"120", "1"}, {"120", "2"}, {"120", "2"}}
	if len(rows) != len(want) {
		t.Fatalf("%d committed steps, want %d:\n%s", len(rows), len(want), out)
	}
	ids := map[string]string{}
	for i, r := range rows {
		ids[r[1]] = r[2]
		if r[1] != strconv.Itoa(2019+i) || r[3] != want[i][0] || r[4] != want[i][1] {
			t.Errorf("step %s-01-01: %s members, %s changes; want %d-01-01 with %s, %s", r[1], r[3], r[4], 2019+i, want[i][0], want[i][1])
		}
	}
	for _, d := range []struct {
		from, to string
		want     []string // network,change,cause,name
	}{
		{"2019", "2020", []string{"iclei,joined,source,Village of Mount Kisco, NY", "iclei,left,source,City of Leeds"}},
		{"2020", "2021", []string{"c40,joined,source,Lisbon", "c40,left,source,Caracas"}},
		{"2021", "2022", []string{"iclei,joined,source,Lagos State"}},
		{"2022", "2023", nil},
		{"2023", "2024", []string{"c40,joined,source,Rome"}},
		{"2024", "2025", []string{"iclei,joined,source,Uganda Local Governments Association", "iclei,left,source,Tenali Municipal Corporation"}},
		{"2025", "2026", []string{"c40,joined,source,Fortaleza", "c40,left,source,Kolkata"}},
	} {
		code, diff, errOut := run(t, "--store", store, "diff", ids[d.from], ids[d.to], "--format", "csv")
		if code != exitOK {
			t.Fatalf("diff %s %s: exit %d: %s", d.from, d.to, code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(diff)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range recs[1:] {
			if f[7] == "joined" || f[7] == "left" {
				got = append(got, strings.Join([]string{f[2], f[7], f[8], f[10] + f[11]}, ","))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, d.want) {
			t.Errorf("diff %s → %s: joins and leaves %q, want %q", d.from, d.to, got, d.want)
		}
	}
	// The map dates each step by the day it describes, not the day the
	// backfill wrote it: the heading of 2021's map and every stop of the
	// time slider.
	page := filepath.Join(t.TempDir(), "map.html")
	if code, _, errOut := run(t, "--store", store, "map", ids["2021"], "-o", page); code != exitOK {
		t.Fatalf("map: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(page); !strings.Contains(string(b), "1 January 2021") {
		t.Error("the map of the 2021 step is not dated 1 January 2021")
	}
	if code, _, errOut := run(t, "--store", store, "map", "--all", "-o", page); code != exitOK {
		t.Fatalf("map --all: exit %d: %s", code, errOut)
	}
	b, _ := os.ReadFile(page)
	for year := 2019; year <= 2026; year++ {
		if want := fmt.Sprintf(`"date":"%d-01-01"`, year); !strings.Contains(string(b), want) {
			t.Errorf("the time slider has no stop %s", want)
		}
	}
}
