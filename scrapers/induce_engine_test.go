package scrapers_test

// The markup-mutation suite read by the real spec engine: for every case
// the induced source is rendered as YAML (what `check --suggest` prints and
// what a repaired snapshot stores), loaded with ParseSpec and collected
// with Collect under the network's live guard, its floor scaled to the
// page. The engine's rows are what a repaired run would keep, so they are
// what is scored, and they must equal the members the inducer itself
// reported in its evidence. scrapers/induce/suite_test.go runs the same
// cases on the inducer alone; this run writes the README's table.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/induce"
	"github.com/citynets/citynets/scrapers/induce/mutate"
)

const (
	// mutationSeeds is seed set A, committed with the generator.
	mutationSeeds = "induce/testdata/mutations/seeds.txt"
	// mutationResults receives set A's table with -update.
	mutationResults = "induce/testdata/mutations/results.md"
)

// update rewrites mutationResults. Another test file linked into this
// binary may define -update first; then that flag is read.
var update = func() *bool {
	if flag.Lookup("update") != nil {
		return nil
	}
	return flag.Bool("update", false, "rewrite golden files")
}()

func updating() bool {
	if update != nil {
		return *update
	}
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// engineCase is one case's verdict plus any disagreement between the
// engine and the inducer, which fails the test whatever the verdict.
type engineCase struct {
	mutate.Case
	disagree string
}

func TestInducedSpecsThroughEngine(t *testing.T) {
	fx, err := mutate.LoadFixtures("..")
	if err != nil {
		t.Fatal(err)
	}
	setA, err := mutate.ReadSeeds(mutationSeeds)
	if err != nil {
		t.Fatal(err)
	}
	seedB, setB, err := mutate.SeedSetB()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("mutation seed %d (set B; %s=%d reproduces it)", seedB, mutate.SeedEnv, seedB)
	guards := liveGuards(t)
	for _, set := range []struct {
		name  string
		seeds []int64
	}{{"A", setA}, {"B", setB}} {
		start := time.Now()
		runs := runEngineSuite(t, fx, guards, set.seeds)
		cases := make([]mutate.Case, len(runs))
		for i, r := range runs {
			cases[i] = r.Case
			if r.disagree != "" {
				t.Errorf("set %s: %s/%s seed %d: the engine and the inducer disagree: %s", set.name, r.Network, r.Mutation, r.Seed, r.disagree)
			}
		}
		table := mutate.Table(cases)
		t.Logf("seed set %s %v through the engine (%d cases, %s):\n%s", set.name, set.seeds, len(cases), time.Since(start).Round(time.Millisecond), table)
		failures, notes := mutate.Verdicts(set.name, cases)
		for _, n := range notes {
			t.Log(n)
		}
		for _, f := range failures {
			t.Error(f)
		}
		if set.name == "A" && updating() {
			doc := mutate.ResultsDoc("go test ./scrapers/ -run TestInducedSpecsThroughEngine -update", set.seeds, table)
			if err := os.WriteFile(mutationResults, doc, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// liveGuards are the guards of the networks' own spec files: a repaired
// list must pass the same floor, drop and claimed count as a written one.
func liveGuards(t *testing.T) map[string]scrapers.Guard {
	t.Helper()
	out := map[string]scrapers.Guard{}
	for _, id := range mutate.Networks() {
		b, err := os.ReadFile(id + "/spec.yaml")
		if err != nil {
			t.Fatal(err)
		}
		s, err := scrapers.ParseSpec(b)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		out[id] = s.Guard
	}
	return out
}

// runEngineSuite runs every case of a seed set on all cores.
func runEngineSuite(t *testing.T, fx *mutate.Fixtures, guards map[string]scrapers.Guard, seeds []int64) []engineCase {
	t.Helper()
	jobs, err := mutate.Jobs(fx, seeds)
	if err != nil {
		t.Fatal(err)
	}
	return mutate.RunAll(jobs,
		func(s *mutate.Set, j mutate.Job) engineCase {
			return runEngineCase(s, j.Base.Members, j.Scenario.Known, guards[s.Network])
		},
		func(j mutate.Job, err error) engineCase { return engineCase{Case: j.FailedCase(err)} })
}

// runEngineCase induces a source from the set's first page, renders it as
// a spec, collects it with the engine under the live guard scaled to the
// page, and scores the engine's rows.
func runEngineCase(s *mutate.Set, p, known []mutate.Member, live scrapers.Guard) engineCase {
	res := engineCase{Case: mutate.Case{Network: s.Network, Mutation: s.Mutation, Seed: s.Seed}}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	k := make([]induce.Known, len(known))
	for i, m := range known {
		k[i] = induce.Known{Name: m.Name, Country: m.Country}
	}
	start := time.Now()
	out, err := induce.Induce(ctx, []induce.Page{{URL: s.Pages[0].URL, HTML: s.Pages[0].HTML}}, k, induce.Options{Fetch: s.Fetch})
	switch {
	case errors.Is(err, induce.ErrNoStructure):
		res.Outcome, res.Detail = mutate.Refused, err.Error()
		return res
	case err != nil:
		res.Outcome, res.Detail = mutate.Failed, err.Error()
		return res
	}
	spec, err := inducedSpec(s.Network, out, live, len(p))
	if err != nil {
		res.Outcome, res.Detail, res.disagree = mutate.Failed, err.Error(), err.Error()
		return res
	}
	c, err := scrapers.Collect(ctx, scrapers.Job{
		Network: scrapers.Network{ID: s.Network}, Spec: spec, Fetcher: siteFetcher{s},
		AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), LastGood: len(known),
	})
	res.Elapsed = time.Since(start)
	var ge *scrapers.GuardError
	if err != nil && !errors.As(err, &ge) || c.Result == nil {
		res.Outcome, res.Detail = mutate.Failed, scrapers.Reason(err)
		res.disagree = fmt.Sprintf("the engine failed (%s) where the inducer read %d members", scrapers.Reason(err), len(out.Members))
		return res
	}
	res.disagree = compareRows(c.Result, out.Members)
	names := make([]string, len(c.Result.Members))
	for i, m := range c.Result.Members {
		names[i] = m.Name
	}
	sc := mutate.ScoreNames(names, p, known)
	why := mutate.Guard(sc, len(p), live.ClaimedTolerance, s.Claimed)
	if err != nil {
		why = scrapers.Reason(err)
	}
	mutate.Judge(&res.Case, sc, len(names), why, fmt.Sprintf("items %q fields %v", out.Source.Items, out.Source.Fields))
	return res
}

// inducedSpec is the induced source as a spec file: the rendered variant
// under the network's id, with the live guard, its floor scaled to the p
// members on the pages. Required fields are left out: the repair guard is
// floor, drop and claimed count, and an induced source reads name, country
// and key only.
func inducedSpec(network string, r *induce.Result, live scrapers.Guard, p int) (*scrapers.Spec, error) {
	y, err := r.YAML("induced")
	if err != nil {
		return nil, err
	}
	text := "id: " + network + "\nvariants:\n" + string(y) + "guard: {min_members: 1}\n"
	spec, err := scrapers.ParseSpec([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("the induced YAML is no spec: %w\n%s", err, text)
	}
	g := live
	g.MinMembers, g.Required = mutate.Floor(p), nil
	spec.Guard = g
	return spec, nil
}

// compareRows says how the engine's rows differ from the inducer's
// members (name and country, in order), "" when they are the same.
func compareRows(r *scrapers.Result, members []induce.Record) string {
	eng := make([]string, len(r.Members))
	for i, m := range r.Members {
		eng[i] = m.Name + " | " + m.CountryPublished
	}
	ind := make([]string, len(members))
	for i, m := range members {
		ind[i] = m.Name + " | " + m.Country
	}
	if slices.Equal(eng, ind) {
		return ""
	}
	for i := range min(len(eng), len(ind)) {
		if eng[i] != ind[i] {
			return fmt.Sprintf("%d rows, the inducer read %d; row %d: engine %q, inducer %q", len(eng), len(ind), i, eng[i], ind[i])
		}
	}
	return fmt.Sprintf("%d rows, the inducer read %d", len(eng), len(ind))
}

// siteFetcher serves a generated set to the engine as the fetch layer
// would: a 200 page with its hash, or an error for a URL the site lacks.
type siteFetcher struct{ s *mutate.Set }

func (f siteFetcher) Fetch(ctx context.Context, u string) (*fetch.Page, error) {
	b, err := f.s.Fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	return &fetch.Page{
		URL: u, Status: http.StatusOK, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body: b, SHA256: hex.EncodeToString(sum[:]), FetchedAt: time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC),
	}, nil
}

var _ fetch.Fetcher = siteFetcher{}
