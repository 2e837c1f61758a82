package mutate

// What the markup-mutation suite measures, shared by its two runs: the
// inducer's own extraction (scrapers/induce) and the induced spec read by
// the real spec engine (scrapers). Both score a case the same way and
// print the same table, so the README's table and a failing case mean the
// same thing whichever run produced them.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The numbers: a case passes when at least PassRecovered of the
// members on the pages are read and at most PassJunk of the rows are not
// members; a list must hold GuardFloor × members distinct names (the
// spec's floor scaled to the page) and GuardKnown of the known names; a
// network must pass MinPass of its cases in each seed set.
const (
	PassRecovered = 0.95
	PassJunk      = 0.01
	GuardFloor    = 0.80
	GuardKnown    = 0.60
	MinPass       = 0.90
)

// SeedEnv names the environment variable that reproduces seed set B.
const SeedEnv = "CITYNETS_MUTATION_SEED"

// setBSize is how many seeds set B derives from its printed seed.
const setBSize = 3

// Outcome is a case's verdict.
type Outcome string

// The verdicts. Only Wrong fails a case outright: every other non-pass
// leaves the network failing as it did before repair.
const (
	Pass    Outcome = "pass"
	Refused Outcome = "refused" // induction refused (no structure holds the known members)
	Guarded Outcome = "guard"   // a list, but the guard rejects it
	Failed  Outcome = "error"   // another error
	Wrong   Outcome = "WRONG"   // a list that passes the guard but is not the members
)

// Case is one case's measurement.
type Case struct {
	Network, Mutation string
	Seed              int64
	Recovered, Junk   float64
	Rows              int
	Outcome           Outcome
	Detail            string
	Elapsed           time.Duration
}

// Score is a list of extracted names measured against the truth.
type Score struct {
	Recovered, Junk, KnownRecall float64
	// Distinct is how many different names the rows hold.
	Distinct         int
	Missing, JunkRow []string // up to three examples of each
}

// ScoreNames compares extracted names with the members p after collapsing
// white space, and nothing else: a name with its country still glued on is
// not recovered.
func ScoreNames(names []string, p, known []Member) Score {
	inP := map[string]bool{}
	for _, m := range p {
		inP[collapse(m.Name)] = true
	}
	isKnown := map[string]bool{}
	for _, m := range known {
		isKnown[collapse(m.Name)] = true
	}
	var sc Score
	got := map[string]bool{}
	junk := 0
	for _, name := range names {
		n := collapse(name)
		got[n] = true
		if !inP[n] {
			junk++
			if len(sc.JunkRow) < 3 {
				sc.JunkRow = append(sc.JunkRow, n)
			}
		}
	}
	sc.Distinct = len(got)
	hit, knownHit := 0, 0
	for n := range got {
		if inP[n] {
			hit++
		}
		if isKnown[n] {
			knownHit++
		}
	}
	for _, m := range p {
		if !got[collapse(m.Name)] && len(sc.Missing) < 3 {
			sc.Missing = append(sc.Missing, m.Name)
		}
	}
	sc.Recovered = float64(hit) / float64(max(len(p), 1))
	if len(names) > 0 {
		sc.Junk = float64(junk) / float64(len(names))
	}
	sc.KnownRecall = float64(knownHit) / float64(max(len(isKnown), 1))
	return sc
}

// Floor is the guard's floor scaled to a page set of p members.
func Floor(p int) int { return int(math.Ceil(GuardFloor * float64(p))) }

// Guard is the part of the repair guard the suite applies on top of a
// list's own: at least Floor(p) distinct members, GuardKnown of the known
// names, and each count stated (by the page, or read by the induced spec;
// 0 or less for none) within tol. It returns why the list fails, "" when
// it passes.
func Guard(sc Score, p int, tol float64, claims ...int) string {
	if floor := Floor(p); sc.Distinct < floor {
		return fmt.Sprintf("%d members, floor %d", sc.Distinct, floor)
	}
	if sc.KnownRecall < GuardKnown {
		return fmt.Sprintf("%.0f %% of the known names, want %.0f %%", 100*sc.KnownRecall, 100*GuardKnown)
	}
	for _, c := range claims {
		if c > 0 && math.Abs(float64(sc.Distinct-c)) > tol*float64(c) {
			return fmt.Sprintf("%d members, the page claims %d", sc.Distinct, c)
		}
	}
	return ""
}

// Judge sets a case's scores and its verdict from a list that passed the
// guard (guardWhy "") or did not.
func Judge(c *Case, sc Score, rows int, guardWhy, describe string) {
	c.Rows, c.Recovered, c.Junk = rows, sc.Recovered, sc.Junk
	switch {
	case guardWhy != "":
		c.Outcome, c.Detail = Guarded, guardWhy
	case sc.Recovered >= PassRecovered && sc.Junk <= PassJunk:
		c.Outcome = Pass
		if len(sc.JunkRow) > 0 || len(sc.Missing) > 0 && sc.Recovered < 1 {
			c.Detail = fmt.Sprintf("missing e.g. %q; junk e.g. %q", sc.Missing, sc.JunkRow)
		}
	default:
		c.Outcome = Wrong
		c.Detail = fmt.Sprintf("%s; missing e.g. %q; junk e.g. %q", describe, sc.Missing, sc.JunkRow)
	}
}

// Fetch serves the set's pages by URL (query parameters in any order), as
// the site would: the start page also answers to its first page number, a
// page number past the end answers the last page where the site clamps
// (Drupal), and anything else is not found.
func (s *Set) Fetch(ctx context.Context, raw string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if b, ok := s.page(raw); ok {
		return b, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", raw, err)
	}
	q := u.Query()
	if n, err := strconv.Atoi(q.Get("page")); err == nil {
		q.Del("page")
		u.RawQuery = q.Encode()
		if b, ok := s.page(u.String()); ok && n <= 1 {
			return b, nil
		}
		if s.Clamp == "page" && n > 0 && len(s.Pages) > 0 && sameList(raw, s.Pages[0].URL) {
			return s.Pages[len(s.Pages)-1].HTML, nil
		}
	}
	return nil, fmt.Errorf("GET %s: %w", raw, ErrNotFound)
}

// page is the page at raw, compared with its query parameters sorted.
func (s *Set) page(raw string) ([]byte, bool) {
	want := canonical(raw)
	for _, ps := range [][]Page{s.Pages, s.Extra} {
		for _, p := range ps {
			if canonical(p.URL) == want {
				return p.HTML, true
			}
		}
	}
	return nil, false
}

// ErrNotFound is the error of Set.Fetch for a URL the site does not serve.
var ErrNotFound = errors.New("404 Not Found")

// canonical is a URL with its query parameters sorted and no fragment.
func canonical(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.RawQuery = u.Query().Encode()
	return u.String()
}

// sameList reports whether two URLs differ only in their query.
func sameList(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Host == ub.Host && ua.Path == ub.Path
}

// ReadSeeds reads a seed set: one int64 a line, '#' starts a comment.
func ReadSeeds(path string) ([]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var seeds []int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		n, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		seeds = append(seeds, n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(seeds) == 0 {
		return nil, fmt.Errorf("%s: no seeds", path)
	}
	return seeds, nil
}

// SeedSetB returns seed set B and the seed it derives from: the value of
// SeedEnv when set, else a fresh random one, which the caller prints so a
// failure can be reproduced.
func SeedSetB() (seed int64, set []int64, err error) {
	seed = rand.Int64()
	if v := os.Getenv(SeedEnv); v != "" {
		if seed, err = strconv.ParseInt(v, 10, 64); err != nil {
			return 0, nil, fmt.Errorf("%s: %w", SeedEnv, err)
		}
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x6d757461))
	set = make([]int64, setBSize)
	for i := range set {
		set[i] = r.Int64()
	}
	return seed, set, nil
}

// Verdicts sorts a seed set's cases into failures (a wrong list that
// passes the guard; a network that passes under MinPass of its cases) and
// notes (every case that did not pass cleanly), for the test to report.
func Verdicts(set string, cases []Case) (failures, notes []string) {
	passed, total := map[string]int{}, map[string]int{}
	for _, c := range cases {
		total[c.Network]++
		id := fmt.Sprintf("set %s: %s/%s seed %d", set, c.Network, c.Mutation, c.Seed)
		switch c.Outcome {
		case Pass:
			passed[c.Network]++
			if c.Detail != "" {
				notes = append(notes, fmt.Sprintf("%s: pass, recovered %.1f %%, junk %.1f %%: %s", id, 100*c.Recovered, 100*c.Junk, c.Detail))
			}
		case Wrong:
			failures = append(failures, fmt.Sprintf("%s: WRONG list passes the guard: recovered %.1f %%, junk %.1f %% (%d rows): %s",
				id, 100*c.Recovered, 100*c.Junk, c.Rows, c.Detail))
		default:
			notes = append(notes, fmt.Sprintf("%s: %s: %s", id, c.Outcome, c.Detail))
		}
	}
	for _, id := range Networks() {
		if total[id] == 0 {
			continue
		}
		if share := float64(passed[id]) / float64(total[id]); share < MinPass {
			failures = append(failures, fmt.Sprintf("set %s: %s passes %d of %d cases (%.0f %%), want %.0f %%",
				set, id, passed[id], total[id], 100*share, 100*MinPass))
		}
	}
	return failures, notes
}

// Table is the mutation × network table in markdown: per cell the mean
// share of members recovered, the worst junk share among the cases that
// returned a list, and how many cases passed (with the others' verdicts).
func Table(cases []Case) string {
	type cell struct {
		n, passed int
		rec, junk float64
		other     map[Outcome]int
	}
	cells := map[[2]string]*cell{}
	for _, r := range cases {
		k := [2]string{r.Mutation, r.Network}
		c := cells[k]
		if c == nil {
			c = &cell{other: map[Outcome]int{}}
			cells[k] = c
		}
		c.n++
		c.rec += r.Recovered
		if r.Rows > 0 {
			c.junk = math.Max(c.junk, r.Junk)
		}
		if r.Outcome == Pass {
			c.passed++
		} else {
			c.other[r.Outcome]++
		}
	}
	var b strings.Builder
	nets := Networks()
	b.WriteString("| mutation | " + strings.Join(nets, " | ") + " |\n|---|" + strings.Repeat("---|", len(nets)) + "\n")
	totals := map[string][2]int{}
	for _, m := range Mutations() {
		b.WriteString("| " + m.Name + " |")
		for _, id := range nets {
			c := cells[[2]string{m.Name, id}]
			if c == nil {
				b.WriteString(" – |")
				continue
			}
			t := totals[id]
			totals[id] = [2]int{t[0] + c.passed, t[1] + c.n}
			fmt.Fprintf(&b, " %.1f %% / %.1f %% · %d/%d pass", 100*c.rec/float64(c.n), 100*c.junk, c.passed, c.n)
			var keys []string
			for o, n := range c.other {
				keys = append(keys, fmt.Sprintf("%d %s", n, o))
			}
			sort.Strings(keys)
			if len(keys) > 0 {
				b.WriteString(" (" + strings.Join(keys, ", ") + ")")
			}
			b.WriteString(" |")
		}
		b.WriteString("\n")
	}
	b.WriteString("| **passed** |")
	for _, id := range nets {
		t := totals[id]
		fmt.Fprintf(&b, " **%d/%d (%.0f %%)** |", t[0], t[1], 100*float64(t[0])/float64(max(t[1], 1)))
	}
	b.WriteString("\n")
	return b.String()
}

// ResultsDoc is the results file the README quotes: seed set A's table
// with what its cells mean. command is how to regenerate it.
func ResultsDoc(command string, seeds []int64, table string) []byte {
	var s []string
	for _, n := range seeds {
		s = append(s, strconv.FormatInt(n, 10))
	}
	return []byte("<!-- Written by `" + command + "`; do not edit. -->\n" +
		"Markup-mutation suite, seed set A (" + strings.Join(s, ", ") + "), the induced spec read by the spec engine:\n" +
		"per mutation and network, the mean share of the members recovered / the worst share of rows that are\n" +
		"not members / cases that pass (recovered ≥ 95 % and junk ≤ 1 %, under the guard with its floor scaled\n" +
		"to the page). A case that does not pass is refused (the inducer says no structure holds the known\n" +
		"members) or fails the guard: the network fails as before. No case may return a wrong list that passes\n" +
		"the guard.\n\n" + table)
}

// Job is one case of a seed set: a network's base page set, the scenario
// of known members drawn for it, and one mutation to apply.
type Job struct {
	Base     *Set
	Scenario Scenario
	Mutation Mutation
}

// Jobs lists every case of the seed sets: each seed, each network, each
// mutation.
func Jobs(fx *Fixtures, seeds []int64) ([]Job, error) {
	var jobs []Job
	for _, seed := range seeds {
		for _, id := range Networks() {
			base, err := Generate(fx, id, seed)
			if err != nil {
				return nil, err
			}
			sc := NewScenario(base)
			for _, m := range Mutations() {
				jobs = append(jobs, Job{Base: base, Scenario: sc, Mutation: m})
			}
		}
	}
	return jobs, nil
}

// FailedCase is the case of a job whose mutation could not be applied.
func (j Job) FailedCase(err error) Case {
	return Case{Network: j.Base.Network, Mutation: j.Mutation.Name, Seed: j.Base.Seed, Outcome: Failed, Detail: err.Error()}
}

// RunAll applies each job's mutation and runs the mutated set on all
// cores, keeping job order; a mutation that fails gives failed(job, err).
func RunAll[T any](jobs []Job, run func(*Set, Job) T, failed func(Job, error) T) []T {
	out := make([]T, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			s, err := Mutate(j.Base, j.Mutation)
			if err != nil {
				out[i] = failed(j, err)
				return
			}
			out[i] = run(s, j)
		}()
	}
	wg.Wait()
	return out
}
