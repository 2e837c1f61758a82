package iclei

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "iclei"

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, scrapertest.Network(t, id))
}

func scrape(t *testing.T, dir string) *scrapers.Result {
	t.Helper()
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestFirstPage checks the nine first members of the members search, as
// shared/sites/README.md gives them: every field, in page order, with a
// missing field absent rather than empty or guessed.
func TestFirstPage(t *testing.T) {
	want := []struct {
		name, country, leader, title, population, since string
	}{
		{"City of Newark, CA", "United States", "Alan L. Nagy", "Mayor", "45810", "27.11.2007"},
		{"City of Edmonton, AB", "Canada", "Don Iveson", "Mayor", "899447", "17.01.1992"},
		{"Kalyan Dombivali Municipal Corporation", "India", "Vinita Vishwanath Rane", "Mayor", "1247327", "23.03.2009"},
		{"Tenali Municipal Corporation", "India", "", "", "164937", "01.12.2011"},
		{"Village of Mount Kisco, NY", "United States", "Peter Grunthal", "Village Trustee", "11103", "01.03.2018"},
		{"Municipality of Teresina", "Brazil", "Firmino da Silveira Soares Filho", "Mayor", "850198", "18.07.2017"},
		{"City of Surabaya", "Indonesia", "Tri Rismaharini", "Mayor", "3457409", "01.06.2004"},
		{"City of Madison, WI", "United States", "Paul R. Soglin", "Mayor", "252551", ""},
		{"City of Pittsburgh, PA", "United States", "William Peduto", "Mayor", "303625", "13.01.2016"},
	}
	res := scrape(t, "testdata/sample")
	if res.Variant != "members-search" {
		t.Errorf("variant = %q, want members-search", res.Variant)
	}
	if len(res.Members) < len(want) {
		t.Fatalf("%d members, want at least %d", len(res.Members), len(want))
	}
	for i, w := range want {
		m := res.Members[i]
		if m.Name != w.name || m.CountryPublished != w.country {
			t.Errorf("member %d = %q (%q), want %q (%q)", i, m.Name, m.CountryPublished, w.name, w.country)
		}
		attrs := map[string]string{"leader": w.leader, "title": w.title, "population": w.population}
		for k, v := range attrs {
			got, has := m.Attributes[k]
			if got != v || has != (v != "") {
				t.Errorf("%s: %s = %q (present %v), want %q", w.name, k, got, has, v)
			}
		}
		var since time.Time
		if w.since != "" {
			since, _ = time.Parse("02.01.2006", w.since)
		}
		if !m.MemberSince.Equal(since) {
			t.Errorf("%s: member since %v, want %v", w.name, m.MemberSince, since)
		}
		if m.MemberType != citynets.TypeCity || !strings.HasSuffix(m.SourceURL, "page=1") {
			t.Errorf("%s: type %q source %q", w.name, m.MemberType, m.SourceURL)
		}
	}
	if len(res.Notes) != 0 {
		t.Errorf("notes: %q", res.Notes)
	}
}

// TestCommaCountry checks the members search as its page text reads,
// "City of Newark, CA, United States": wherever the comma before the
// country sits (before the span, inside it, or with no span at all), the
// name keeps its state and loses the country, and the country has no
// comma. The names and countries are the real rows of
// shared/sites/real/lists/iclei_members-search-page1_c2018-2019.csv.
func TestCommaCountry(t *testing.T) {
	want := [][2]string{
		{"City of Newark, CA", "United States"},
		{"City of Edmonton, AB", "Canada"},
		{"Kalyan Dombivali Municipal Corporation", "India"},
		{"Tenali Municipal Corporation", "India"},
		{"Village of Mount Kisco, NY", "United States"},
		{"Municipality of Teresina", "Brazil"},
		{"City of Surabaya", "Indonesia"},
		{"City of Madison, WI", "United States"},
		{"City of Pittsburgh, PA", "United States"},
		{"Ansan City", "Republic of Korea"},
	}
	res := scrape(t, "testdata/comma-country")
	if len(res.Members) != len(want) {
		t.Fatalf("%d members, want %d", len(res.Members), len(want))
	}
	for i, m := range res.Members {
		if m.Name != want[i][0] || m.CountryPublished != want[i][1] {
			t.Errorf("member %d = %q (%q), want %q (%q)", i, m.Name, m.CountryPublished, want[i][0], want[i][1])
		}
		if strings.HasSuffix(m.Name, ",") || strings.HasPrefix(m.CountryPublished, ",") {
			t.Errorf("member %d: name %q, country %q keep the comma", i, m.Name, m.CountryPublished)
		}
	}
}

// TestPaging checks that the pages are read until one has no next link, and
// no further.
func TestPaging(t *testing.T) {
	res := scrape(t, "testdata/sample")
	if res.Pages != 3 || len(res.Members) != 23 {
		t.Errorf("%d pages, %d members; want 3 pages, 23 members", res.Pages, len(res.Members))
	}
	for _, m := range res.Members {
		if !strings.HasPrefix(m.MemberKey, "member-") {
			t.Errorf("%s: key %q is not the link's id", m.Name, m.MemberKey)
		}
	}
}

// TestMemberTypes checks the type read from the published name.
func TestMemberTypes(t *testing.T) {
	want := map[string]string{
		"Lagos State":                          citynets.TypeRegion,
		"Uganda Local Governments Association": citynets.TypeAssociation,
		"Seoul Metropolitan Government":        citynets.TypeCity,
		"Metropolitan District of Quito":       citynets.TypeCity,
		"Village of Mount Kisco, NY":           citynets.TypeCity,
	}
	for _, m := range scrape(t, "testdata/sample").Members {
		if w, ok := want[m.Name]; ok && m.MemberType != w {
			t.Errorf("%s: type %q, want %q", m.Name, m.MemberType, w)
		}
	}
}

// TestWordPress checks the fallback when the members search is gone: ICLEI
// Africa's cards (icon words stripped, the year kept) and the guessed
// sitemap of iclei.org.
func TestWordPress(t *testing.T) {
	res := scrape(t, "testdata/wordpress")
	if res.Variant != "wordpress" {
		t.Fatalf("variant = %q, want wordpress", res.Variant)
	}
	var names []string
	for _, m := range res.Members {
		names = append(names, m.Name)
		for _, w := range []string{"arrow_outward", "star", "MEMBER"} {
			if strings.Contains(m.Name, w) {
				t.Errorf("name %q holds %q", m.Name, w)
			}
		}
	}
	want := []string{"Walvis Bay", "Nansana Municipality", "Tswelopele Local Municipality", "Freetown City Council",
		"City of Cape Town", "City of Tshwane", "City of Bonn", "City of Heidelberg"}
	if !slices.Equal(names, want) {
		t.Fatalf("names = %q, want %q", names, want)
	}
	walvis, bonn := res.Members[0], res.Members[6]
	if walvis.NetworkRegion != "ICLEI Africa" || walvis.MemberSince.Year() != 2003 || walvis.Attributes["member_since_published"] != "2003" {
		t.Errorf("Walvis Bay = %+v", walvis)
	}
	if !res.Members[4].MemberSince.IsZero() {
		t.Errorf("Cape Town: member since %v, want none", res.Members[4].MemberSince)
	}
	if bonn.MemberKey != "city-of-bonn" || bonn.CountryPublished != "Germany" || bonn.NetworkRegion != "" {
		t.Errorf("Bonn = %+v", bonn)
	}
}

// TestGuardFloor checks that the live floor rejects the sample: 23 members
// is what a parse that stopped early looks like.
func TestGuardFloor(t *testing.T) {
	spec, err := scrapers.LoadSpec(scrapertest.Network(t, id), "")
	if err != nil {
		t.Fatal(err)
	}
	err = spec.Guard.Check(scrape(t, "testdata/sample"), 0)
	if err == nil || !strings.Contains(err.Error(), "below the floor of 500") {
		t.Errorf("guard = %v, want the floor of 500 to fail", err)
	}
}

// TestSampleSpec checks that the lowered spec the sample archive is run with
// (examples/specs, and the sample case's copy; testdata/gen_sample.py writes
// it) differs from the embedded one only in its guard, so the demo exercises
// the real selectors.
func TestSampleSpec(t *testing.T) {
	scrapertest.CheckSampleSpec(t, scrapertest.Network(t, id))
}
