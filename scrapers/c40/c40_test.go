package c40

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "c40"

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, scrapertest.Network(t, id))
}

func scrape(t *testing.T, dir string) (*scrapers.Result, error) {
	t.Helper()
	return scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), dir)
}

// TestHomepageNamesInOrder checks the must-hold of the foundation issue: the
// parse yields exactly the fixture's 97 names, in page order, with the
// claimed count 97. names.txt is shared/sites/c40-homepage-2026.txt.
func TestHomepageNamesInOrder(t *testing.T) {
	res, err := scrape(t, "testdata/sample")
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

// TestRegions checks that /cities/ gives every member one of C40's seven
// regions, with the fixture's count per region, and no notes (every name on
// /cities/ matched a homepage member).
func TestRegions(t *testing.T) {
	res, err := scrape(t, "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"Africa": 14, "Central East Asia": 13, "East, Southeast Asia & Oceania": 13,
		"Europe": 17, "Latin America": 13, "North America": 17, "South and West Asia": 10,
	}
	got := map[string]int{}
	for _, m := range res.Members {
		got[m.NetworkRegion]++
		if !strings.HasPrefix(m.Attributes["page"], "https://www.c40.org/cities/") {
			t.Errorf("%s: page = %q, want its /cities/ link", m.Name, m.Attributes["page"])
		}
		if s, ok := m.Attributes["status"]; ok {
			t.Errorf("%s: status %q in the sample", m.Name, s)
		}
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("region %q: %d members, want %d", r, got[r], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("regions = %v, want exactly the seven", got)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "lists") {
			t.Errorf("unexpected note: %s", n)
		}
	}
}

// TestCityPage checks the fields read from a city page: values as published,
// the government body cut out of the footnote, and nothing for a page
// without data.
func TestCityPage(t *testing.T) {
	res, err := scrape(t, "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]citynets.Member{}
	for _, m := range res.Members {
		byName[m.Name] = m
	}
	tests := []struct {
		city, attr, want string
	}{
		{"Addis Ababa", "population", "5.9 million"},
		{"Addis Ababa", "area", "554 km2"},
		{"Addis Ababa", "gdp", "$ 87.2 billion"},
		{"Addis Ababa", "government", "Addis Ababa City Administration"},
		{"Addis Ababa", "slug", "addis-ababa"},
		{"London", "government", "Greater London Authority"},
		{"London", "population", ""},
		{"Dhaka (North & South)", "slug", "dhaka"},
		{"Accra", "government", ""},
	}
	for _, tt := range tests {
		m, ok := byName[tt.city]
		if !ok {
			t.Fatalf("no member %q", tt.city)
		}
		if got := m.Attributes[tt.attr]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.city, tt.attr, got, tt.want)
		}
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "unaudited") {
			t.Errorf("unexpected note: %s", n)
		}
	}
}

// TestClaim checks the homepage's claimed count: read when the sentence is
// split over adjacent elements with nothing between them (claim-split), and
// reported in the notes when a redesign dropped it (claim-missing), instead
// of the guard silently comparing nothing.
func TestClaim(t *testing.T) {
	tests := []struct {
		dir     string
		claimed int
		note    bool
	}{
		{"testdata/sample", 97, false},
		{"testdata/claim-split", 97, false},
		{"testdata/claim-missing", -1, true},
	}
	const note = `source homepage: claimed count expected (pattern "C40 has (\\d+) member cities") but not found on https://www.c40.org/`
	for _, tt := range tests {
		res, err := scrape(t, tt.dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Claimed(); got != tt.claimed {
			t.Errorf("%s: claimed = %d, want %d", tt.dir, got, tt.claimed)
		}
		if got := slices.Contains(res.Notes, note); got != tt.note {
			t.Errorf("%s: notes %q; want the note %q: %v", tt.dir, res.Notes, note, tt.note)
		}
	}
}

// TestBlocked checks that a 403 on /cities/, an optional source, keeps the
// homepage's 97 members without regions and reports the source as failed,
// "blocked" (never zero members), with the fields the run must carry from
// the last good snapshot.
func TestBlocked(t *testing.T) {
	res, err := scrape(t, "testdata/blocked")
	if err != nil {
		t.Fatalf("scrape failed: %v; want the homepage's members, degraded", err)
	}
	if len(res.Members) != 97 {
		t.Errorf("%d members, want the homepage's 97", len(res.Members))
	}
	for _, m := range res.Members {
		if m.NetworkRegion != "" || len(m.Attributes) != 0 {
			t.Errorf("%s: region %q attributes %v, want none from a blocked /cities/", m.Name, m.NetworkRegion, m.Attributes)
		}
	}
	if len(res.Degraded) != 1 {
		t.Fatalf("degraded = %+v, want the cities source", res.Degraded)
	}
	d := res.Degraded[0]
	if d.Source != "cities" || !errors.Is(d.Err, fetch.ErrBlocked) || !strings.HasPrefix(d.Reason(), "optional source cities failed: blocked") {
		t.Errorf("degraded %s: %v (%q), want cities blocked", d.Source, d.Err, d.Reason())
	}
	var he *fetch.HTTPError
	if !errors.As(d.Err, &he) || he.Status != 403 || he.URL != "https://www.c40.org/cities/" {
		t.Errorf("error %v: want an HTTPError 403 for /cities/", d.Err)
	}
	want := []string{"attributes.area", "attributes.gdp", "attributes.government", "attributes.page", "attributes.population", "attributes.slug", "region"}
	if !slices.Equal(d.Fields, want) {
		t.Errorf("fields = %q, want %q", d.Fields, want)
	}
}

// TestExtraCityIsANote checks that a city on /cities/ but not on the
// homepage is reported, not added.
func TestExtraCityIsANote(t *testing.T) {
	res, err := scrape(t, "testdata/extra-city")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Members) != 97 {
		t.Errorf("%d members, want the homepage's 97", len(res.Members))
	}
	for _, m := range res.Members {
		if m.Name == "Venice" {
			t.Errorf("Venice became a member: %+v", m)
		}
	}
	want := `source cities lists "Venice", which no primary source lists`
	found := false
	for _, n := range res.Notes {
		found = found || n == want
	}
	if !found {
		t.Errorf("notes %q lack %q", res.Notes, want)
	}
}

// TestInactive checks the older "Temporarily Inactive" group: a status, not
// a region.
func TestInactive(t *testing.T) {
	res, err := scrape(t, "testdata/inactive")
	if err != nil {
		t.Fatal(err)
	}
	inactive := map[string]bool{"Caracas": true, "Moscow": true, "Venice": true}
	for _, m := range res.Members {
		switch {
		case inactive[m.Name]:
			if m.Attributes["status"] != "temporarily inactive" || m.NetworkRegion != "" {
				t.Errorf("%s: status %q region %q, want temporarily inactive and no region", m.Name, m.Attributes["status"], m.NetworkRegion)
			}
		case m.Attributes["status"] != "" || m.NetworkRegion == "":
			t.Errorf("%s: status %q region %q, want a region and no status", m.Name, m.Attributes["status"], m.NetworkRegion)
		}
	}
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		heading, status string
		ok              bool
	}{
		{"Temporarily Inactive", "temporarily inactive", true},
		{"  TEMPORARILY   inactive ", "temporarily inactive", true},
		{"Inactive", "inactive", true},
		{"Europe", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		s, ok := statusOf(tt.heading)
		if s != tt.status || ok != tt.ok {
			t.Errorf("statusOf(%q) = %q, %v; want %q, %v", tt.heading, s, ok, tt.status, tt.ok)
		}
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
