package uclg

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "uclg"

func network(t testing.TB) scrapers.Network {
	t.Helper()
	n, err := scrapers.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, network(t))
}

// TestSections checks that each section's members carry the section as
// network_region and that associations are told from cities.
func TestSections(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), network(t), "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, country, typ, region string
	}{
		{"Association of Cities of Vietnam (ACVN)", "Viet Nam", citynets.TypeAssociation, "Asia-Pacific (UCLG ASPAC)"},
		{"Surabaya", "Indonesia", citynets.TypeCity, "Asia-Pacific (UCLG ASPAC)"},
		{"Seoul Metropolitan Government", "Republic of Korea", citynets.TypeCity, "Asia-Pacific (UCLG ASPAC)"},
		{"Deutscher Städtetag", "Germany", citynets.TypeAssociation, "Europe (CEMR)"},
		{"Local Government Association (LGA)", "United Kingdom", citynets.TypeAssociation, "Europe (CEMR)"},
	}
	byName := map[string]citynets.Member{}
	for _, m := range res.Members {
		byName[m.Name] = m
	}
	for _, tt := range tests {
		m, ok := byName[tt.name]
		switch {
		case !ok:
			t.Errorf("no member %q", tt.name)
		case m.CountryPublished != tt.country || m.MemberType != tt.typ || m.NetworkRegion != tt.region:
			t.Errorf("%s = (%q, %s, %q), want (%q, %s, %q)", tt.name, m.CountryPublished, m.MemberType, m.NetworkRegion, tt.country, tt.typ, tt.region)
		case m.MemberKey != citynets.MemberKey(m.Name, m.CountryPublished):
			t.Errorf("%s: key %q is not the name-and-country key", tt.name, m.MemberKey)
		}
	}
	if got := byName["Vereniging van Nederlandse Gemeenten (VNG)"].Attributes["website"]; got != "https://vng.nl/" {
		t.Errorf("VNG website = %q", got)
	}
	if len(res.Members) != 15 || res.Pages != 2 {
		t.Errorf("members %d, pages %d; want 15 from 2 pages", len(res.Members), res.Pages)
	}
}

// TestGuardDrop checks that sections cut short fail against the last good
// snapshot even under the sample's lowered floor.
func TestGuardDrop(t *testing.T) {
	n := network(t)
	res, err := scrapertest.Scrape(t.Context(), n, "testdata/short-list")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := scrapers.LoadSpec(n, "testdata/sample/specs")
	if err != nil {
		t.Fatal(err)
	}
	err = spec.Guard.Check(res, 15)
	if err == nil || !strings.Contains(err.Error(), "down from 15") {
		t.Errorf("guard = %v, want a drop from 15", err)
	}
}

// TestSampleSpec checks that the lowered spec the sample archive is run with
// (examples/specs, and the sample case's copy) differs from the embedded one
// only in its guard, so the demo exercises the real selectors.
func TestSampleSpec(t *testing.T) {
	sample := readFile(t, "testdata/sample/specs/"+id+".yaml")
	if ex, err := os.ReadFile("../../examples/specs/" + id + ".yaml"); err == nil && !bytes.Equal(ex, sample) {
		t.Errorf("examples/specs/%s.yaml differs from testdata/sample/specs/%s.yaml", id, id)
	}
	if a, b := withoutGuard(t, sample), withoutGuard(t, network(t).Spec); !reflect.DeepEqual(a, b) {
		t.Errorf("the sample spec differs from the embedded spec outside guard:\n%v\n%v", a, b)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func withoutGuard(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "guard")
	return m
}

// FuzzParse runs the scraper over the sample case with one of its two
// section pages replaced by fuzzed HTML: it must not panic, and whatever it
// yields must keep the engine's invariants.
func FuzzParse(f *testing.F) {
	n := network(f)
	base, err := scrapertest.LoadCase("testdata/sample")
	if err != nil {
		f.Fatal(err)
	}
	spec, err := scrapers.LoadSpec(n, "testdata/sample/specs")
	if err != nil {
		f.Fatal(err)
	}
	urls := make([]string, 0, len(base.Pages))
	for u := range base.Pages {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for i, u := range urls {
		f.Add(uint8(i), base.Pages[u].Body)
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		pages := make(map[string]*scrapers.Page, len(base.Pages))
		for u, p := range base.Pages {
			pages[u] = p
		}
		target := urls[int(which)%len(urls)]
		p := *pages[target]
		p.Body = body
		pages[target] = &p
		s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: &scrapertest.MapFetcher{Pages: pages}, AsOf: scrapertest.FetchedAt}
		res, err := s.Run(t.Context())
		if err != nil {
			return // a page that leads nowhere may fail the scrape; only a panic is a bug
		}
		checkInvariants(t, res, pages)
		_ = spec.Guard.Check(res, 15)
	})
}

// checkInvariants holds for every result, whatever the pages said.
func checkInvariants(t *testing.T, res *scrapers.Result, pages map[string]*scrapers.Page) {
	t.Helper()
	keys := map[string]bool{}
	for _, m := range res.Members {
		switch {
		case m.Network != id:
			t.Fatalf("member of network %q", m.Network)
		case m.Name == "" || m.Name != strings.Join(strings.Fields(m.Name), " "):
			t.Fatalf("name %q is empty or not clean", m.Name)
		case m.MemberKey == "":
			t.Fatalf("%q has no key", m.Name)
		case keys[m.MemberKey]:
			t.Fatalf("key %q twice", m.MemberKey)
		case !slices.Contains([]string{citynets.TypeCity, citynets.TypeRegion, citynets.TypeAssociation, citynets.TypeOther}, m.MemberType):
			t.Fatalf("%q has member type %q", m.Name, m.MemberType)
		case pages[m.SourceURL] == nil:
			t.Fatalf("%q comes from %q, a page that was never served", m.Name, m.SourceURL)
		case !m.MemberSince.IsZero() && m.MemberSince.Location().String() != "UTC":
			t.Fatalf("%q member since %v is not a UTC date", m.Name, m.MemberSince)
		}
		keys[m.MemberKey] = true
	}
}
