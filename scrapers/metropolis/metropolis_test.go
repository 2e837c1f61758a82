package metropolis

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

const id = "metropolis"

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

// TestMemberTypes checks that metropolitan and regional governments are not
// passed off as cities, and that the member page's fields reach the member.
func TestMemberTypes(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), network(t), "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, name, typ, region, since string
	}{
		{"area-metropolitana-de-barcelona", "Área Metropolitana de Barcelona", citynets.TypeRegion, "Europe", "1985-01-01"},
		{"berlin", "Berlin", citynets.TypeCity, "Europe", "1991-01-01"},
		{"gauteng", "Gauteng", citynets.TypeRegion, "Africa", ""},
		{"greater-manchester-combined-authority", "Greater Manchester Combined Authority", citynets.TypeRegion, "Europe", ""},
		{"goyang", "Goyang", citynets.TypeCity, "Asia & Pacific", "2017-01-01"},
		{"montevideo", "Montevideo", citynets.TypeCity, "Americas & Caribbean", ""},
	}
	byKey := map[string]citynets.Member{}
	for _, m := range res.Members {
		byKey[m.MemberKey] = m
	}
	for _, tt := range tests {
		m, ok := byKey[tt.key]
		if !ok {
			t.Errorf("no member with key %q", tt.key)
			continue
		}
		var since string
		if !m.MemberSince.IsZero() {
			since = m.MemberSince.Format("2006-01-02")
		}
		if m.Name != tt.name || m.MemberType != tt.typ || m.NetworkRegion != tt.region || since != tt.since {
			t.Errorf("%s = (%q, %s, %q, %q), want (%q, %s, %q, %q)", tt.key,
				m.Name, m.MemberType, m.NetworkRegion, since, tt.name, tt.typ, tt.region, tt.since)
		}
		if m.Attributes["partner_type"] != "Member" {
			t.Errorf("%s: partner_type = %q, want Member", tt.key, m.Attributes["partner_type"])
		}
	}
	if len(res.Members) != 10 || res.Claimed() != 10 || res.Pages != 12 {
		t.Errorf("members %d, claimed %d, pages %d; want 10, 10, 12 (2 list pages + 10 member pages)",
			len(res.Members), res.Claimed(), res.Pages)
	}
	for _, n := range res.Notes {
		if strings.Contains(n, "unaudited") {
			t.Errorf("sample has an unaudited label: %s", n)
		}
	}
}

// TestUnauditedLabel checks take-then-audit: a label the spec does not map
// is kept as an attribute and reported, not dropped.
func TestUnauditedLabel(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), network(t), "testdata/new-label")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, `unaudited detail label "Mayor"`) }) {
		t.Errorf("notes %q do not report the Mayor label", res.Notes)
	}
	if got := res.Members[0].Attributes["mayor"]; got != "Kai Wegner" {
		t.Errorf("berlin attributes.mayor = %q, want Kai Wegner", got)
	}
}

// TestGuardDrop checks that a list cut short fails against the last good
// snapshot, whatever the page claims.
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
	res.Claims = nil // the drop alone must fail it
	err = spec.Guard.Check(res, 140)
	if err == nil || !strings.Contains(err.Error(), "down from 140") {
		t.Errorf("guard = %v, want a drop from 140", err)
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

// FuzzParse runs the scraper over the sample case with one of its pages (list
// or member page) replaced by fuzzed HTML: it must not panic, and whatever it
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
		_ = spec.Guard.Check(res, 10)
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
	for _, c := range res.Claims {
		if c.Count < 0 || c.Parsed != len(res.Members) {
			t.Fatalf("claim %+v for %d members", c, len(res.Members))
		}
	}
}
