package enrich

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/citynets/citynets/internal/geo"
	"github.com/citynets/citynets/internal/sharedtest"
)

// The matcher eval reads ClimActor-derived name variants (Hsu, A., Yeo,
// Z.Y., Rauber, R. et al. "ClimActor, harmonized transnational data on
// climate network participation by city and regional governments",
// Scientific Data 7, 374 (2020)) from the shared folder beside the
// repository (see internal/sharedtest: without it the eval skips, or fails
// when CI is set); the data is test data only and is never copied into the
// repository.
var (
	evalPath = flag.String("eval.data", "", "ClimActor-derived name variants (CSV; default ../shared/eval/name_variants.dev.csv beside the module)")
	evalDump = flag.String("eval.dump", "", "write every wrong and unmatched row to this TSV file")
)

// Regression limits on the dev split, set just past what the matcher
// achieves with the embedded cities1000 gazetteer. The project's targets
// are ≥ 75 % correct and ≤ 2 % wrong over all rows, ≥ 60 % correct and
// ≤ 3 % wrong on the hard clean subset; the wrong-rate targets are not
// met: about half of the wrong rows are errors of the reference itself
// (rounded or swapped coordinates, a homonym's point) and most of the rest
// are places missing from cities1000 whose namesake is present (see
// README.md).
const (
	floorAllCorrect  = 0.75
	ceilAllWrong     = 0.042
	floorHardCorrect = 0.65
	ceilHardWrong    = 0.063

	targetAllWrong  = 0.02
	targetHardWrong = 0.03

	// On the rows whose reference agrees with the gazetteer (see
	// referenceConsistent) the wrong-rate targets are met; these limits
	// keep them met.
	ceilConsistentAllWrong  = 0.01
	ceilConsistentHardWrong = 0.02
)

type evalRow struct {
	variant, iso2 string
	admin1        string
	canonical     string
	lat, lng      float64
	hard          bool
}

// evalRates is one subset's outcome.
type evalRates struct {
	n, correct, wrong, unmatched int
}

func (r evalRates) String() string {
	pct := func(x int) float64 { return 100 * float64(x) / float64(max(r.n, 1)) }
	return fmt.Sprintf("n=%d correct=%.1f%% wrong=%.1f%% unmatched=%.1f%%", r.n, pct(r.correct), pct(r.wrong), pct(r.unmatched))
}

func readEval(t testing.TB, path string) []evalRow {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("eval data: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range []string{"variant_name", "iso2", "lat", "lng", "variant_kind", "noise", "ambiguous_variant", "coord_flag"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("eval data lacks column %s", c)
		}
	}
	var out []evalRow
	for _, r := range rows[1:] {
		lat, err1 := strconv.ParseFloat(r[col["lat"]], 64)
		lng, err2 := strconv.ParseFloat(r[col["lng"]], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad coordinates in %v", r)
		}
		out = append(out, evalRow{
			variant:   r[col["variant_name"]],
			iso2:      r[col["iso2"]],
			admin1:    r[col["admin1"]],
			canonical: r[col["canonical_name"]],
			lat:       lat,
			lng:       lng,
			hard: r[col["variant_kind"]] == "different" && r[col["noise"]] == "" &&
				r[col["ambiguous_variant"]] == "0" && r[col["coord_flag"]] == "ok",
		})
	}
	return out
}

// TestEvalNameVariants scores the matcher per shared/eval/README.md: a row
// is correct when the returned place lies within 25 km of the reference
// point, wrong when farther, unmatched when nothing is returned.
func TestEvalNameVariants(t *testing.T) {
	path := *evalPath
	if path == "" {
		path = sharedtest.Path(t, "eval/name_variants.dev.csv")
	}
	rows := readEval(t, path)
	m := testMatcher(t)
	var all, hard, allCons, hardCons evalRates
	byMethod := map[string]*evalRates{}
	var dump strings.Builder
	for _, r := range rows {
		res := m.Resolve(r.variant, r.iso2)
		outcome := "correct"
		switch {
		case !res.Match.Resolved():
			outcome = "unmatched"
		case geo.DistanceKm(res.Match.Latitude, res.Match.Longitude, r.lat, r.lng) > sameCityKm:
			outcome = "wrong"
		}
		if byMethod[res.Match.Method] == nil {
			byMethod[res.Match.Method] = &evalRates{}
		}
		cons := referenceConsistent(m, r)
		for _, s := range []*evalRates{&all, &hard, byMethod[res.Match.Method], &allCons, &hardCons} {
			if (s == &hard || s == &hardCons) && !r.hard || (s == &allCons || s == &hardCons) && !cons {
				continue
			}
			s.n++
			switch outcome {
			case "correct":
				s.correct++
			case "wrong":
				s.wrong++
			default:
				s.unmatched++
			}
		}
		if *evalDump != "" {
			got := ""
			if res.Match.Resolved() {
				got = fmt.Sprintf("%s %s %s/%s %.0fkm %s %.2f", res.Match.PlaceID, res.Match.PlaceName, res.Match.CountryCode, res.Match.Admin1Code,
					geo.DistanceKm(res.Match.Latitude, res.Match.Longitude, r.lat, r.lng), res.Match.Method, res.Match.Score)
			}
			why := ""
			if len(res.Candidates) > 0 {
				why = res.Candidates[0].Why
			}
			for i, c := range res.Candidates {
				if i > 0 {
					why += fmt.Sprintf(" || %s %s/%s %s pop=%d %.0fkm %.2f", c.Name, c.CountryCode, c.Admin1Code, c.FeatureCode, c.Population, geo.DistanceKm(c.Latitude, c.Longitude, r.lat, r.lng), c.Score)
				}
			}
			fmt.Fprintf(&dump, "%s\t%v\t%s\t%s\t%.4f,%.4f\t%s\t%s\t%s\t%s\n", outcome, r.hard, r.variant, r.iso2, r.lat, r.lng, got, why, r.admin1, res.Match.Admin1Name)
		}
	}
	if *evalDump != "" {
		if err := os.WriteFile(*evalDump, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("eval all rows:    %v", all)
	t.Logf("eval hard clean:  %v", hard)
	t.Logf("excluding rows whose reference point is > 25 km from every gazetteer place named like ClimActor's canonical name:")
	t.Logf("eval all consistent:  %v", allCons)
	t.Logf("eval hard consistent: %v", hardCons)
	for _, k := range []string{"exact", "alias", "fuzzy", "override"} {
		if r := byMethod[k]; r != nil {
			t.Logf("  method %-8s %d rows: %d correct, %d wrong", k, r.n, r.correct, r.wrong)
		}
	}
	check := func(name string, got, limit float64, floor bool) {
		if (floor && got < limit) || (!floor && got > limit) {
			t.Errorf("%s = %.3f, limit %.3f", name, got, limit)
		}
	}
	rate := func(x, n int) float64 { return float64(x) / float64(n) }
	check("all correct", rate(all.correct, all.n), floorAllCorrect, true)
	check("all wrong", rate(all.wrong, all.n), ceilAllWrong, false)
	check("hard correct", rate(hard.correct, hard.n), floorHardCorrect, true)
	check("hard wrong", rate(hard.wrong, hard.n), ceilHardWrong, false)
	check("consistent all wrong", rate(allCons.wrong, allCons.n), ceilConsistentAllWrong, false)
	check("consistent hard wrong", rate(hardCons.wrong, hardCons.n), ceilConsistentHardWrong, false)
	if rate(all.wrong, all.n) > targetAllWrong || rate(hard.wrong, hard.n) > targetHardWrong {
		t.Logf("wrong-rate targets (%.0f %% all, %.0f %% hard) not met on all rows", 100*targetAllWrong, 100*targetHardWrong)
	}
}

// referenceConsistent reports whether the reference point lies within
// 25 km of a gazetteer place that bears ClimActor's canonical name in the
// row's country, or no such place exists. When places of that name exist
// but all lie far from the point, the point is wrong or means a place the
// gazetteer lacks: no match can be correct there.
func referenceConsistent(m *Matcher, r evalRow) bool {
	name, _, _ := strings.Cut(r.canonical, ",")
	found := false
	for _, post := range m.g.Lookup(Normalize(name)) {
		p := m.g.At(post.Index())
		if p.CountryCode != r.iso2 {
			continue
		}
		found = true
		if geo.DistanceKm(p.Latitude, p.Longitude, r.lat, r.lng) <= sameCityKm {
			return true
		}
	}
	return !found
}
