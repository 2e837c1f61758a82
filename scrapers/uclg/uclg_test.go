package uclg

import (
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "uclg"

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, scrapertest.Network(t, id))
}

// TestSections checks that each section's members carry the section as
// network_region and that associations are told from cities.
func TestSections(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), "testdata/sample")
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
		case m.MemberKey != scrapers.MemberKey(m.Name, m.CountryPublished):
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
	scrapertest.CheckGuardDrop(t, scrapertest.Network(t, id), "testdata/short-list", "testdata/sample/specs", 15)
}

// TestSampleSpec checks that the spec of the bundled sample (floor lowered to
// 10 for its 15 section members) keeps every selector of the embedded spec.
func TestSampleSpec(t *testing.T) {
	scrapertest.CheckSampleSpec(t, scrapertest.Network(t, id))
}

// FuzzParse runs the scraper over the sample case with one of its two
// section pages replaced by fuzzed HTML: it must not panic, it may fail (a
// section that leads nowhere), and whatever it yields must keep the engine's
// invariants.
func FuzzParse(f *testing.F) {
	scrapertest.FuzzCase(f, scrapertest.Network(f, id), scrapertest.FuzzOptions{AnyError: true, LastGood: 15})
}
