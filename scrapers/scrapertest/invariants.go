package scrapertest

import (
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// memberTypes are the member types a parse may give.
var memberTypes = []string{citynets.TypeCity, citynets.TypeRegion, citynets.TypeAssociation, citynets.TypeOther}

// CheckInvariants fails t for every member of res that breaks what any parse
// of any network must give, whatever the pages said: the network's id, a
// clean non-empty name, a key given once, a known member type, a source that
// is one of the served pages with its hash, and a member-since date in UTC.
// served is what the fetcher answered with. A network's fuzz target runs it
// on every result; what only one network promises stays in its own test.
func CheckInvariants(t testing.TB, n scrapers.Network, res *scrapers.Result, served map[string]*fetch.Page) {
	t.Helper()
	keys := map[string]bool{}
	for _, m := range res.Members {
		switch {
		case m.Network != n.ID:
			t.Errorf("%q: member of network %q, want %q", m.Name, m.Network, n.ID)
		case m.Name == "" || m.Name != strings.Join(strings.Fields(m.Name), " "):
			t.Errorf("name %q is empty or not clean", m.Name)
		case m.MemberKey == "":
			t.Errorf("%q has no key", m.Name)
		case keys[m.MemberKey]:
			t.Errorf("%q: key %q twice", m.Name, m.MemberKey)
		case !slices.Contains(memberTypes, m.MemberType):
			t.Errorf("%q has member type %q", m.Name, m.MemberType)
		case served[m.SourceURL] == nil:
			t.Errorf("%q comes from %q, a page that was never served", m.Name, m.SourceURL)
		case m.SourceSHA256 == "":
			t.Errorf("%q: no source hash", m.Name)
		case !m.MemberSince.IsZero() && m.MemberSince.Location().String() != "UTC":
			t.Errorf("%q member since %v is not a UTC date", m.Name, m.MemberSince)
		}
		keys[m.MemberKey] = true
	}
}
