package wmccc

import (
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

const id = "wmccc"

func TestCases(t *testing.T) {
	scrapertest.RunCases(t, scrapertest.Network(t, id))
}

// TestVariants checks the order of the variants: the live site first, the
// Wayback capture when the live site answers 404.
func TestVariants(t *testing.T) {
	tests := []struct {
		dir, variant, urlPrefix string
	}{
		{"testdata/sample", "typo3-wayback-2014", "https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/"},
		{"testdata/live", "typo3-live", "http://www.worldmayorscouncil.org/"},
	}
	for _, tt := range tests {
		res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), tt.dir)
		if err != nil {
			t.Fatal(err)
		}
		if res.Variant != tt.variant {
			t.Errorf("%s: variant %q, want %q", tt.dir, res.Variant, tt.variant)
		}
		for _, m := range res.Members {
			if !strings.HasPrefix(m.SourceURL, tt.urlPrefix) {
				t.Errorf("%s: %s read from %s", tt.dir, m.Name, m.SourceURL)
			}
		}
		if len(res.Claims) != 1 || res.Claims[0].Count != 80 || !res.Claims[0].AtLeast || res.Claims[0].Parsed != 6 {
			t.Errorf("%s: claims %+v, want one of at least 80 with 6 parsed", tt.dir, res.Claims)
		}
		// The claim is read on members.html, the members on the full list
		// its link leads to.
		if res.Claims[0].URL != tt.urlPrefix+"members.html" {
			t.Errorf("%s: claim read on %s", tt.dir, res.Claims[0].URL)
		}
		if !slices.ContainsFunc(res.Members, func(m citynets.Member) bool {
			return m.SourceURL == tt.urlPrefix+"members/list-of-members.html"
		}) {
			t.Errorf("%s: no member read from the linked full list", tt.dir)
		}
	}
}

// TestPeople checks that the member is the city and the person an
// attribute, and that two people of one city stay two members.
func TestPeople(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, city, country, mayor, title, role string
	}{
		{"park-won-soon", "Seoul", "South Korea", "Park Won-soon", "Mayor", "Chair from June 2012"},
		{"juergen-nimptsch", "Bonn", "Germany", "Jürgen Nimptsch", "Mayor", "Vice-Chair from 2009"},
		{"baerbel-dieckmann", "Bonn", "Germany", "Bärbel Dieckmann", "Former Mayor", "Chair until 2009"},
		{"yorikane-masumoto", "Kyoto", "Japan", "Yorikane Masumoto", "Former Mayor", "Founder (2005)"},
		// No profile link: the name-based key, with the person appended.
		{"albuquerque|usa|martin chavez", "Albuquerque", "USA", "Martin Chavez", "Former Mayor", ""},
	}
	byKey := map[string]citynets.Member{}
	for _, m := range res.Members {
		byKey[m.MemberKey] = m
		if m.MemberType != citynets.TypeCity {
			t.Errorf("%s: member type %q, want city", m.MemberKey, m.MemberType)
		}
	}
	for _, tt := range tests {
		m, ok := byKey[tt.key]
		if !ok {
			t.Errorf("no member with key %q (have %v)", tt.key, keysOf(byKey))
			continue
		}
		a := m.Attributes
		if m.Name != tt.city || m.CountryPublished != tt.country || a["mayor"] != tt.mayor || a["title"] != tt.title || a["role"] != tt.role {
			t.Errorf("%s = (%q, %q, %v), want (%q, %q, %s / %s / %s)", tt.key, m.Name, m.CountryPublished, a, tt.city, tt.country, tt.mayor, tt.title, tt.role)
		}
	}
	if len(res.Members) != 6 {
		t.Errorf("%d members, want 6", len(res.Members))
	}
}

func keysOf(m map[string]citynets.Member) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestGuardDrop checks that a capture holding half the list fails against
// the last good snapshot.
func TestGuardDrop(t *testing.T) {
	scrapertest.CheckGuardDrop(t, scrapertest.Network(t, id), "testdata/short-list", "", 6)
}

// FuzzParse runs the scraper over the sample case with one of its pages
// (the live 404, the archived members page or list) replaced by fuzzed
// HTML: it must not panic, it may fail (a capture that leads nowhere), and
// whatever it yields must keep the engine's invariants.
func FuzzParse(f *testing.F) {
	scrapertest.FuzzCase(f, scrapertest.Network(f, id), scrapertest.FuzzOptions{AnyError: true, LastGood: 6})
}
