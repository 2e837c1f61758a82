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

// TestPeople checks that the member is the city, keyed by the city (its
// name and country), and that the people of one city (Bonn's mayor and
// former mayor) are one member with its people as attributes, in list
// order, their profile slugs beside them.
func TestPeople(t *testing.T) {
	res, err := scrapertest.Scrape(t.Context(), scrapertest.Network(t, id), "testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, city, country, mayors, titles, roles, profiles string
	}{
		{"seoul|south korea", "Seoul", "South Korea", "Park Won-soon", "Mayor", "Chair from June 2012", "park-won-soon"},
		{"bonn|germany", "Bonn", "Germany", "Jürgen Nimptsch; Bärbel Dieckmann", "Mayor; Former Mayor",
			"Vice-Chair from 2009; Chair until 2009", "juergen-nimptsch; baerbel-dieckmann"},
		{"kyoto|japan", "Kyoto", "Japan", "Yorikane Masumoto", "Former Mayor", "Founder (2005)", "yorikane-masumoto"},
		// No profile link and no role: those attributes are absent.
		{"albuquerque|usa", "Albuquerque", "USA", "Martin Chavez", "Former Mayor", "", ""},
	}
	byKey := map[string]citynets.Member{}
	for _, m := range res.Members {
		byKey[m.MemberKey] = m
		if m.MemberType != citynets.TypeCity {
			t.Errorf("%s: member type %q, want city", m.MemberKey, m.MemberType)
		}
		for _, one := range []string{"mayor", "title", "role", "profile"} {
			if _, ok := m.Attributes[one]; ok {
				t.Errorf("%s: attribute %q left beside its plural", m.MemberKey, one)
			}
		}
	}
	for _, tt := range tests {
		m, ok := byKey[tt.key]
		if !ok {
			t.Errorf("no member with key %q (have %v)", tt.key, keysOf(byKey))
			continue
		}
		a := m.Attributes
		if m.Name != tt.city || m.CountryPublished != tt.country || a["mayors"] != tt.mayors || a["titles"] != tt.titles ||
			a["roles"] != tt.roles || a["profiles"] != tt.profiles {
			t.Errorf("%s = (%q, %q, %v), want (%q, %q, %s / %s / %s / %s)", tt.key, m.Name, m.CountryPublished, a,
				tt.city, tt.country, tt.mayors, tt.titles, tt.roles, tt.profiles)
		}
	}
	if len(res.Members) != 5 {
		t.Errorf("%d members, want 5 (six people, two of them Bonn's)", len(res.Members))
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
