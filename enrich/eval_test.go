package enrich

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/citynets/citynets/enrich/gazetteer"
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
	evalGaz  = flag.String("eval.gazetteer", "", "score this compact gazetteer file instead of the embedded one (no regression limits then)")
	evalDump = flag.String("eval.dump", "", "write every wrong and unmatched row to this TSV file")
)

// Regression limits on the dev split, set just past what the matcher
// achieves with the embedded gazetteer (README.md's matcher table), so a
// change that loses right answers or adds wrong ones fails. Raw rates are
// over every row; verified rates over the rows whose reference point rule
// V25 confirms (see evalRow.verified), where a "wrong" is the matcher's and
// not the reference's.
//
// Measured with the embedded cities500 (2023) gazetteer: raw 80.48 % /
// 4.36 % (hard 74.38 % / 7.30 %), verified 97.88 % / 0.73 % (hard verified
// 93.46 % / 2.15 %); the limits leave about 0.2 points. The raw wrong
// rates rose with division names (a county resolves to its seat, which
// can lie farther than 25 km from the point ClimActor gives the county).
//
// Issue 13's targets: verified ≥ 97 % correct and ≤ 0.6 % wrong, hard
// verified ≥ 91 % and ≤ 1.5 %, raw ≥ 80 % correct. Those not met are
// logged; most of the remaining verified wrong rows are the reference's
// own errors (a point at another namesake than the name's state says).
var evalLimits = []evalLimit{
	{"all", "correct", 0.802, true},
	{"all", "wrong", 0.046, false},
	{"hard", "correct", 0.741, true},
	{"hard", "wrong", 0.0765, false},
	{"verified", "correct", 0.9765, true},
	{"verified", "wrong", 0.0078, false},
	{"hard verified", "correct", 0.931, true},
	{"hard verified", "wrong", 0.024, false},
}

var evalTargets = []evalLimit{
	{"all", "correct", 0.80, true},
	{"verified", "correct", 0.970, true},
	{"verified", "wrong", 0.006, false},
	{"hard verified", "correct", 0.91, true},
	{"hard verified", "wrong", 0.015, false},
}

// evalLimit bounds one rate of one subset: a floor when floor is set,
// else a ceiling.
type evalLimit struct {
	subset, rate string
	limit        float64
	floor        bool
}

// met reports whether the subset's rate keeps within the limit.
func (l evalLimit) met(s evalRates) (got float64, ok bool) {
	n := float64(max(s.n, 1))
	switch l.rate {
	case "correct":
		got = float64(s.correct) / n
	case "wrong":
		got = float64(s.wrong) / n
	}
	if l.floor {
		return got, got >= l.limit
	}
	return got, got <= l.limit
}

type evalRow struct {
	variant, iso2 string
	admin1        string
	canonical     string
	lat, lng      float64
	hard          bool
	// verified is rule V25 of shared/eval/README.md: the reference point
	// lies within 25 km of a place bearing the standard name in cities1000
	// (2013) or cities500 (2023). It does not depend on the gazetteer under
	// test, so every gazetteer is scored on the same rows.
	verified bool
}

// evalRates is one subset's outcome.
type evalRates struct {
	n, correct, wrong, unmatched int
}

func (r evalRates) String() string {
	pct := func(x int) float64 { return 100 * float64(x) / float64(max(r.n, 1)) }
	return fmt.Sprintf("n=%d correct=%.2f%% wrong=%.2f%% unmatched=%.2f%%", r.n, pct(r.correct), pct(r.wrong), pct(r.unmatched))
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
	for _, c := range []string{"variant_name", "iso2", "lat", "lng", "variant_kind", "noise", "ambiguous_variant", "coord_flag", "ref_verified"} {
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
			verified: r[col["ref_verified"]] == "1",
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
	if *evalGaz != "" {
		m = fileMatcher(t, *evalGaz)
	}
	subsets := map[string]*evalRates{}
	for _, k := range evalSubsets {
		subsets[k] = &evalRates{}
	}
	byMethod := map[string]*evalRates{}
	var dump strings.Builder
	for _, r := range rows {
		res := m.Resolve(r.variant, r.iso2)
		outcome := evalOutcome(res, r)
		if byMethod[res.Match.Method] == nil {
			byMethod[res.Match.Method] = &evalRates{}
		}
		byMethod[res.Match.Method].add(outcome)
		for _, k := range evalSubsets {
			if r.in(k) {
				subsets[k].add(outcome)
			}
		}
		if *evalDump != "" {
			dumpRow(&dump, outcome, r, res)
		}
	}
	if *evalDump != "" {
		if err := os.WriteFile(*evalDump, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range evalSubsets {
		t.Logf("eval %-14s %v", k+":", *subsets[k])
	}
	for _, k := range []string{"exact", "alias", "fuzzy", "override"} {
		if r := byMethod[k]; r != nil {
			t.Logf("  method %-8s %d rows: %d correct, %d wrong", k, r.n, r.correct, r.wrong)
		}
	}
	for _, l := range evalLimits {
		if *evalGaz != "" {
			break // the limits are the embedded gazetteer's
		}
		if got, ok := l.met(*subsets[l.subset]); !ok {
			t.Errorf("%s %s = %.4f, limit %.4f", l.subset, l.rate, got, l.limit)
		}
	}
	for _, l := range evalTargets {
		if got, ok := l.met(*subsets[l.subset]); !ok {
			t.Logf("target not met: %s %s = %.1f %%, target %.1f %%", l.subset, l.rate, 100*got, 100*l.limit)
		}
	}
}

// evalSubsets are the subsets shared/eval/README.md asks to report, in
// print order.
var evalSubsets = []string{"all", "hard", "verified", "hard verified"}

// in reports whether a row belongs to a subset of evalSubsets.
func (r evalRow) in(subset string) bool {
	switch subset {
	case "hard":
		return r.hard
	case "verified":
		return r.verified
	case "hard verified":
		return r.hard && r.verified
	}
	return true
}

func (s *evalRates) add(outcome string) {
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

// evalOutcome scores one row: correct within 25 km of the reference point,
// wrong farther away, unmatched when nothing was returned.
func evalOutcome(res Result, r evalRow) string {
	switch {
	case !res.Match.Resolved():
		return "unmatched"
	case geo.DistanceKm(res.Match.Latitude, res.Match.Longitude, r.lat, r.lng) > sameCityKm:
		return "wrong"
	}
	return "correct"
}

// dumpRow writes one row's outcome, the match and the runner-ups, for
// looking at what the matcher gets wrong.
func dumpRow(w *strings.Builder, outcome string, r evalRow, res Result) {
	got := ""
	if res.Match.Resolved() {
		got = fmt.Sprintf("%s %s %s/%s %.0fkm %s %.2f", res.Match.PlaceID, res.Match.PlaceName, res.Match.CountryCode, res.Match.Admin1Code,
			geo.DistanceKm(res.Match.Latitude, res.Match.Longitude, r.lat, r.lng), res.Match.Method, res.Match.Score)
	}
	why := ""
	for i, c := range res.Candidates {
		if i == 0 {
			why = c.Why
			continue
		}
		why += fmt.Sprintf(" || %s %s/%s %s pop=%d %.0fkm %.2f", c.Name, c.CountryCode, c.Admin1Code, c.FeatureCode, c.Population, geo.DistanceKm(c.Latitude, c.Longitude, r.lat, r.lng), c.Score)
	}
	fmt.Fprintf(w, "%s\t%v\t%v\t%s\t%s\t%.4f,%.4f\t%s\t%s\t%s\t%s\n", outcome, r.hard, r.verified, r.variant, r.iso2, r.lat, r.lng, got, why, r.admin1, res.Match.Admin1Name)
}

// fileMatcher is the matcher over a gazetteer file, with the committed
// overrides whose places it holds.
func fileMatcher(t *testing.T, path string) *Matcher {
	t.Helper()
	g, err := gazetteer.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o, err := DefaultOverrides()
	if err != nil {
		t.Fatal(err)
	}
	return NewMatcher(g, o)
}
