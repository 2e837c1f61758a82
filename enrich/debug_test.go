package enrich

import (
	"os"
	"strings"
	"testing"
)

func TestDebugResolve(t *testing.T) {
	q := os.Getenv("RESOLVE")
	if q == "" {
		t.Skip()
	}
	m := testMatcher(t)
	for _, line := range strings.Split(q, ";;") {
		name, cc, _ := strings.Cut(line, "|")
		r := m.Resolve(name, cc)
		t.Logf("%q / %q -> %+v country=%s", name, cc, r.Match, r.Country)
		for _, c := range r.Candidates {
			t.Logf("    %s %s %s/%s %s pop=%d %.2f %s", c.PlaceID, c.Name, c.CountryCode, c.Admin1Code, c.FeatureCode, c.Population, c.Score, c.Why)
		}
		p := parse(Repair(name))
		t.Logf("    parsed %+v forms %+v", p, m.forms(p, r.Country))
	}
}
