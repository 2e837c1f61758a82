package metropolis

import (
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "metropolis"

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, scrapertest.Network(t, id))
}

// TestMemberTypes checks that metropolitan and regional governments are not
// passed off as cities, and that the member page's fields reach the member.
func TestMemberTypes(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), "testdata/sample")
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
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), "testdata/new-label")
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
	scrapertest.CheckGuardDrop(t, scrapertest.Network(t, id), "testdata/short-list", "testdata/sample/specs", 140)
}

// TestSampleSpec checks that the spec of the bundled sample (floor lowered to
// 5 for its 10 members) is the embedded spec but for its guard.
func TestSampleSpec(t *testing.T) {
	scrapertest.CheckSampleSpec(t, scrapertest.Network(t, id))
}

// FuzzParse runs the scraper over the sample case with one of its pages (list
// or member page) replaced by fuzzed HTML: it must not panic, it may fail (a
// page that leads nowhere), and whatever it yields must keep the engine's
// invariants and count every member in the claim.
func FuzzParse(f *testing.F) {
	scrapertest.FuzzCase(f, scrapertest.Network(f, id), scrapertest.FuzzOptions{
		AnyError: true,
		LastGood: 140,
		Check:    checkClaims,
	})
}

// checkClaims asserts what every Metropolis result must satisfy beyond
// scrapertest.CheckInvariants: its one source's claim counts every member.
func checkClaims(t *testing.T, res *scrapers.Result) {
	t.Helper()
	for _, c := range res.Claims {
		if c.Count < 0 || c.Parsed != len(res.Members) {
			t.Fatalf("claim %+v for %d members", c, len(res.Members))
		}
	}
}
