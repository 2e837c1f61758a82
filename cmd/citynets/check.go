package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// checkFlags are check's flags: the fetch flags and which networks; check
// writes nothing, so it takes none of run's store or matcher flags.
type checkFlags struct {
	fetchFlags
	networks string
	json     bool
	suggest  bool
}

func newCheckCmd(app *App) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [ID]",
		Short: "Fetch each network's live pages and show what every selector matched; writes nothing",
		Long: `check runs each scraper against its live site (or --replay) without writing a
snapshot, and prints per network and page the HTTP status, how many items and
fields each selector matched, the count the page claims against the count
parsed, the robots.txt verdict and the guard's verdict. Use it after editing a
spec override (--specs) to see whether the fix works.

With --suggest, a network whose verdict is not ok is read once more with a
structure induced from the members already known (the newest snapshot in
--store, else the network's known.txt): check prints that spec, ready to
save as <dir>/<id>.yaml for --specs, with its evidence, or why induction
refused.

Exits 1 when any network's verdict is not ok.`,
		Example: `  # every network against the bundled sample and the demo's specs
  citynets check --replay examples/sample.warc.gz --specs examples/specs

  # one network against its live site, with your edited spec
  citynets check c40 --specs ~/citynets-specs

  # a broken scraper: print an induced spec to drop into ~/citynets-specs
  citynets check c40 --suggest

  # as JSON, for a script
  citynets check wmccc --replay examples/sample.warc.gz --specs examples/specs --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				f.networks = args[0]
			}
			nets, err := scrapers.Select(f.networks)
			if err != nil {
				return usageError(err)
			}
			checks := make([]*networkCheck, 0, len(nets))
			failed, belowFloor := 0, 0
			for _, n := range nets {
				c := checkOne(cmd, app, &f, n)
				checks = append(checks, c)
				if c.Verdict != verdictOK {
					failed++
				}
				if c.belowFloor {
					belowFloor++
				}
				if !f.json {
					printCheck(app.Stdout, c)
				}
			}
			if f.json {
				if err := writeJSON(app.Stdout, checks); err != nil {
					return err
				}
			}
			if failed > 0 {
				msg := fmt.Sprintf("%d of %d networks failed the check", failed, len(nets))
				if hint := sampleHint(&f.fetchFlags, belowFloor); hint != "" {
					msg += "\n" + hint
				}
				return &codeError{code: exitNetworkFail, err: errors.New(msg)}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	registerNetworks(fl, &f.networks)
	f.fetchFlags.register(fl)
	fl.BoolVar(&f.json, "json", false, "print a JSON array, one object per network, instead of the report")
	fl.BoolVar(&f.suggest, "suggest", false, "when a network fails, induce its list's structure from the members already known (the newest snapshot in --store, else its known.txt) and print it as a spec to save in a --specs folder")
	return cmd
}

// The verdicts of a network's check.
const (
	verdictOK   = "ok"
	verdictFail = "fail"
)

// networkCheck is what check found for one network: what the table prints,
// and one object of the --json array.
type networkCheck struct {
	Network string       `json:"network"`
	Name    string       `json:"name"`
	Spec    string       `json:"spec,omitempty"` // the override file read, when not the embedded spec
	Robots  string       `json:"robots,omitempty"`
	Variant string       `json:"variant,omitempty"`
	Pages   int          `json:"pages"`
	Bytes   int64        `json:"bytes"`
	Reports []pageCheck  `json:"page_reports"`
	Claims  []claimCheck `json:"claims"`
	Notes   []string     `json:"notes"`
	Members int          `json:"members"`
	Verdict string       `json:"verdict"` // ok or fail
	Reason  string       `json:"reason,omitempty"`
	// Suggestion is what --suggest induced for a network that failed.
	Suggestion *suggestion `json:"suggestion,omitempty"`

	scraped    bool // the scraper ran: pages, reports and claims mean something
	belowFloor bool // the guard failed with fewer members than its floor
}

// pageCheck is one page: its status and what each selector matched.
type pageCheck struct {
	Source string         `json:"source"`
	Status int            `json:"status"`
	URL    string         `json:"url"`
	Items  int            `json:"items"`
	Fields map[string]int `json:"fields"`
}

// claimCheck is a count a page claims against the count parsed.
type claimCheck struct {
	URL     string `json:"url"`
	Count   int    `json:"count"`
	AtLeast bool   `json:"at_least"`
	Parsed  int    `json:"parsed"`
}

// checkOne checks one network; the verdict says whether it passed.
func checkOne(cmd *cobra.Command, app *App, cf *checkFlags, n scrapers.Network) *networkCheck {
	f := &cf.fetchFlags
	c := &networkCheck{Network: n.ID, Name: n.Name, Reports: []pageCheck{}, Claims: []claimCheck{}, Notes: []string{}, Verdict: verdictFail}
	spec, err := scrapers.LoadSpec(n, f.specs)
	if err != nil {
		c.Reason = "spec: " + err.Error()
		return c
	}
	c.Spec = spec.Origin
	j := scrapers.Job{Network: n, Spec: spec}
	knownFrom := ""
	if cf.suggest {
		j.Suggest = true
		j.Known, knownFrom = pipeline.KnownMembers(cmd.Context(), app.StoreDir, n)
	}
	col, err := collectJob(cmd.Context(), f, app, j)
	if col != nil && col.Repair != nil {
		c.Suggestion = newSuggestion(col.Repair, knownFrom)
	}
	if col == nil {
		c.Reason = err.Error()
		return c
	}
	c.Robots = robotsVerdict(col.Attempts)
	if col.Result == nil {
		c.Reason = scrapers.Reason(err)
		return c
	}
	c.fill(col.Result)
	if err != nil {
		c.Reason = scrapers.Reason(err)
		c.belowFloor = len(col.Result.Members) < spec.Guard.MinMembers
		return c
	}
	c.Verdict = verdictOK
	return c
}

// fill copies what the scraper saw.
func (c *networkCheck) fill(res *scrapers.Result) {
	c.scraped = true
	c.Variant, c.Pages, c.Bytes, c.Members = res.Variant, res.Pages, res.Bytes, len(res.Members)
	for _, p := range res.Reports {
		fields := p.Fields
		if fields == nil {
			fields = map[string]int{}
		}
		c.Reports = append(c.Reports, pageCheck{Source: p.Source, Status: p.Status, URL: p.URL, Items: p.Items, Fields: fields})
	}
	for _, cl := range res.Claims {
		c.Claims = append(c.Claims, claimCheck{URL: cl.URL, Count: cl.Count, AtLeast: cl.AtLeast, Parsed: cl.Parsed})
	}
	c.Notes = append(c.Notes, pipeline.DescribeNotes(res)...)
}

// printCheck prints one network's check for a person.
func printCheck(w io.Writer, c *networkCheck) {
	fmt.Fprintf(w, "== %s (%s)\n", c.Network, c.Name)
	if c.Spec != "" {
		fmt.Fprintf(w, "   spec: %s\n", termSafe(c.Spec))
	}
	if c.scraped {
		printReport(w, c)
	} else if c.Robots != "" {
		fmt.Fprintf(w, "   robots: %s\n", c.Robots)
	}
	if c.Verdict != verdictOK {
		fmt.Fprintf(w, "   verdict: FAIL  %s\n", termSafe(c.Reason))
		if c.Suggestion != nil {
			printSuggestion(w, c)
		}
		return
	}
	fmt.Fprintf(w, "   verdict: ok  (%d members, variant %s)\n", c.Members, termSafe(c.Variant))
}

// sampleHint points at the demo's specs when a replayed archive left
// networks below their guard floors and no --specs was given: the bundled
// sample's lists are shorter than the live ones, so checking it with the
// embedded specs fails three networks, which a new user takes for a bug.
func sampleHint(f *fetchFlags, belowFloor int) string {
	if f.replay == "" || f.specs != "" {
		return ""
	}
	if strings.HasSuffix(filepath.ToSlash(f.replay), "examples/sample.warc.gz") {
		return "hint: the bundled sample holds shorter lists than the live sites; check it with the demo's specs, which lower the guard floors:\n" +
			"  citynets check --replay " + f.replay + " --specs examples/specs"
	}
	if belowFloor > 0 {
		return fmt.Sprintf("hint: %d networks parsed fewer members than their guard's floor; if this archive holds sample pages rather than full lists, "+
			"give --specs a folder of specs with lower floors (examples/specs does this for the bundled sample)", belowFloor)
	}
	return ""
}

// robotsVerdict is "disallowed" when robots.txt refused a page to any
// variant tried. It asks errors.Is, never the message: a page whose URL or
// content merely mentions robots.txt is no refusal.
func robotsVerdict(attempts []scrapers.Attempt) string {
	for _, a := range attempts {
		if errors.Is(a.Err, fetch.ErrRobots) {
			return "disallowed"
		}
	}
	return "allowed"
}

func printReport(w io.Writer, c *networkCheck) {
	fmt.Fprintf(w, "   variant %s, %d pages, %d bytes, robots: %s\n", termSafe(c.Variant), c.Pages, c.Bytes, c.Robots)
	for _, p := range c.Reports {
		fmt.Fprintf(w, "   [%s] %d %s: %d items%s\n", termSafe(p.Source), p.Status, termSafe(p.URL), p.Items, termSafe(fieldCounts(p.Fields)))
	}
	for _, cl := range c.Claims {
		bound := ""
		if cl.AtLeast {
			bound = "at least "
		}
		fmt.Fprintf(w, "   claimed %s%d, parsed %d (%s)\n", bound, cl.Count, cl.Parsed, termSafe(cl.URL))
	}
	switch {
	case len(c.Claims) > 0:
	case slices.ContainsFunc(c.Notes, func(n string) bool { return strings.Contains(n, scrapers.ClaimNotFound) }):
		fmt.Fprintln(w, "   claimed: expected but not found (see the notes)")
	default:
		fmt.Fprintln(w, "   claimed: the pages state no count")
	}
	for _, n := range c.Notes {
		fmt.Fprintf(w, "   note: %s\n", termSafe(n))
	}
}

func fieldCounts(fs map[string]int) string {
	if len(fs) == 0 {
		return ""
	}
	keys := make([]string, 0, len(fs))
	for k := range fs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, fs[k])
	}
	return "; fields: " + strings.Join(parts, ", ")
}
