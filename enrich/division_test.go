package enrich

import (
	"strconv"
	"strings"
	"testing"

	"github.com/citynets/citynets"
)

// TestDivisionSeat checks how names of counties and districts resolve:
// to the division's seat, as an alternate name at a lower score, only
// when the name names no place itself, and never when several divisions
// of the country bear it.
func TestDivisionSeat(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		name, country string
		want          int64  // 0: unmatched
		why           string // in the first candidate's Why
	}{
		{"Kent County Council", "GB", 2643179, "seat of Kent"},        // Maidstone
		{"Orange County, CA", "US", 5392900, "seat of Orange County"}, // Santa Ana
		{"Hauts-de-Seine", "FR", 2990970, "seat of Hauts-de-Seine"},   // Nanterre
		{"Orange, CA", "US", 5379513, `name "orange"`},                // a town's own name first
		{"Washington County", "US", 0, "ambiguous"},                   // thirty of them
		{"Kent County Council", "US", 0, ""},
		{"Pays Seine-Eure", "FR", 0, ""}, // one side of a name is not the member's name                          // no such division there
	}
	for _, tt := range tests {
		res := m.Resolve(tt.name, tt.country)
		why := ""
		if len(res.Candidates) > 0 {
			why = res.Candidates[0].Why
		}
		want := ""
		if tt.want != 0 {
			want = "geonames:" + strconv.FormatInt(tt.want, 10)
		}
		if res.Match.PlaceID != want || !strings.Contains(why, tt.why) {
			t.Errorf("Resolve(%q, %s) = %q (%s), want %q with %q", tt.name, tt.country, res.Match.PlaceID, why, want, tt.why)
			continue
		}
		if strings.Contains(tt.why, "seat of") && (res.Match.Method != citynets.MatchAlias || res.Match.Score >= 0.9) {
			t.Errorf("Resolve(%q): method %s, score %v; want alias under 0.9", tt.name, res.Match.Method, res.Match.Score)
		}
	}
}
