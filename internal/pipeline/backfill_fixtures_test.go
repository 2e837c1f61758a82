package pipeline

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/internal/sharedtest"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// member is one published member of a dated fixture set.
type member struct{ name, country string }

// datedSet is a network's membership as captured at one time, and the
// page design the capture is rendered in.
type datedSet struct {
	at      time.Time
	members []member
	design  string
}

// names are a set's distinct published names, whitespace collapsed.
func (d datedSet) names() []string {
	var out []string
	for _, m := range d.members {
		out = append(out, collapse(m.name))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// c40Sets reads C40's dated member lists from ../shared (see its
// SOURCE.md): the 2017 CDP rows (partial: only the cities that reported),
// ClimActor's 2019 list, C40's 2023 and 2024-11 lists and the 2026
// homepage. Lists before 2021 are rendered in the reconstructed old design,
// the others in the current one. Capture times are set a little after
// each list's date.
func c40Sets(t *testing.T) []datedSet {
	lists := []struct {
		file, column, at, design string
	}{
		{"c40_2017_cdp-flag-partial.csv", "city_short_name", "2017-06-01", "c40-old"},
		{"c40_2019_climactor.csv", "name", "2019-06-01", "c40-old"},
		{"c40_2023_c40dw-current-members.csv", "city", "2023-08-15", "c40-new"},
		{"c40_2024-11_c40tools-capacity-tiers.csv", "city_as_published", "2024-11-07", "c40-new"},
		{"c40_2026_homepage.csv", "city", "2026-03-01", "c40-new"},
	}
	var out []datedSet
	for _, l := range lists {
		p := sharedtest.Path(t, "sites/real/lists/"+l.file)
		out = append(out, datedSet{at: day(l.at), members: readColumn(t, p, l.column), design: l.design})
	}
	return out
}

// readColumn reads one column of a CSV file as members' names.
func readColumn(t *testing.T, path, column string) []member {
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
	var out []member
	for _, r := range rows[1:] {
		out = append(out, member{name: r[col]})
	}
	return out
}

// icleiSets reads the made-up dated ICLEI sets of testdata (see the file's
// header): the first two are rendered in a reconstructed old design no
// spec variant reads (self-repair must), the others in the members
// search the spec knows.
func icleiSets(t *testing.T) []datedSet {
	f, err := os.Open("testdata/backfill/iclei_sets.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []datedSet
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") || line == "":
		case strings.HasPrefix(line, "== "):
			design := "iclei-new"
			if len(out) < 2 {
				design = "iclei-old"
			}
			out = append(out, datedSet{at: day(strings.TrimPrefix(line, "== ")), design: design})
		default:
			name, country, _ := strings.Cut(line, "\t")
			out[len(out)-1].members = append(out[len(out)-1].members, member{name, country})
		}
	}
	return out
}

// captures renders each dated set as the pages of its design.
func captures(t testing.TB, sets ...[]datedSet) []waybacktest.Capture {
	var out []waybacktest.Capture
	ids := map[string]int{} // a stable member id per ICLEI name
	for _, ss := range sets {
		for _, s := range ss {
			for url, body := range render(t, s, ids) {
				out = append(out, waybacktest.Capture{URL: url, Time: s.at, Body: []byte(body)})
			}
		}
	}
	return out
}

func render(t testing.TB, s datedSet, ids map[string]int) map[string]string {
	switch s.design {
	case "c40-new":
		return map[string]string{
			"https://www.c40.org/":        c40Home(t, s.names()),
			"https://www.c40.org/cities/": "<!DOCTYPE html><html><body><main><h1>Our cities</h1></main></body></html>",
		}
	case "c40-old":
		return map[string]string{"https://www.c40.org/cities": c40Old(s.names())}
	case "iclei-new":
		return map[string]string{icleiPage1: icleiNew(s.members, ids)}
	case "iclei-old":
		return map[string]string{icleiPage1: icleiOld(s.members)}
	}
	t.Fatalf("no design %q", s.design)
	return nil
}

// c40Home is the current design: the spec's fixture homepage
// (scrapers/c40/testdata/sample/home.html) with its two marquee lists and
// its claimed count replaced.
func c40Home(t testing.TB, names []string) string {
	b, err := os.ReadFile("../../scrapers/c40/testdata/sample/home.html")
	if err != nil {
		t.Fatal(err)
	}
	var items strings.Builder
	for _, n := range names {
		fmt.Fprintf(&items, "<li>%s</li>\n", html.EscapeString(n))
	}
	lists := regexp.MustCompile(`(?s)(<ul[^>]*>).*?(</ul>)`)
	page := lists.ReplaceAllString(string(b), "${1}"+strings.ReplaceAll(items.String(), "$", "$$")+"${2}")
	claim := regexp.MustCompile(`C40 has \d+ member cities`)
	return claim.ReplaceAllString(page, fmt.Sprintf("C40 has %d member cities", len(names)))
}

// c40Old is c40.org/cities before the 2021 redesign. RECONSTRUCTED, not
// captured: the old markup is not known; this is the guess the spec's
// cities-2012 variant reads.
func c40Old(names []string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<!-- Reconstructed, not captured: c40.org/cities before 2021 (markup guessed). -->\n")
	b.WriteString(`<html><head><title>Cities | C40</title></head><body><div id="content"><h1>C40 Cities</h1><ul class="city-list">` + "\n")
	for _, n := range names {
		fmt.Fprintf(&b, `<li class="city"><a href="/cities/%s">%s</a></li>`+"\n", slug(n), html.EscapeString(n))
	}
	b.WriteString("</ul></div></body></html>\n")
	return b.String()
}

func slug(s string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// icleiPage1 is the members search's first page, as the engine asks for it.
const icleiPage1 = "https://iclei.org/en/members-search.html?order_by=1&page=1"

// icleiNew is the members search (the spec's members-search variant), all
// members on one page, each with a stable id.
func icleiNew(ms []member, ids map[string]int) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><!-- Made-up members (see iclei_sets.txt) in the members search's markup (scrapers/iclei/testdata/sample). -->` + "\n")
	b.WriteString(`<html><body><div id="content"><h1>Our members</h1><div class="members-list"><ul>` + "\n")
	for _, m := range ms {
		id, ok := ids[m.name]
		if !ok {
			id = 101 + len(ids)
			ids[m.name] = id
		}
		fmt.Fprintf(&b, `<li><a class="open" id="member-%d" href="#">%s <span>%s</span></a><div class="slide"><h3>%s</h3></div></li>`+"\n",
			id, html.EscapeString(m.name), html.EscapeString(m.country), html.EscapeString(m.name))
	}
	b.WriteString("</ul></div></div></body></html>\n")
	return b.String()
}

// icleiOld is an older ICLEI member list. RECONSTRUCTED, not captured, and
// unknown to every spec variant on purpose: a table of name and country.
func icleiOld(ms []member) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><!-- Reconstructed, not captured: a made-up older ICLEI member list design. -->` + "\n")
	b.WriteString(`<html><body><div id="main"><h1>ICLEI Members</h1><table class="memberlist"><tr><th>Member</th><th>Country</th></tr>` + "\n")
	for _, m := range ms {
		fmt.Fprintf(&b, `<tr class="member"><td class="member-name">%s</td><td class="member-country">%s</td></tr>`+"\n", html.EscapeString(m.name), html.EscapeString(m.country))
	}
	b.WriteString("</table></div></body></html>\n")
	return b.String()
}

// nearestBefore is the set captured last at or before at, nil when none.
func nearestBefore(sets []datedSet, at time.Time) *datedSet {
	var out *datedSet
	for i := range sets {
		if !sets[i].at.After(at) {
			out = &sets[i]
		}
	}
	return out
}
