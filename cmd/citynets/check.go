package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/scrapers"
)

// checkFlags are check's flags: the fetch flags and which networks; check
// writes nothing, so it takes none of run's store or matcher flags.
type checkFlags struct {
	fetchFlags
	networks string
	json     bool
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

Exits 1 when any network's verdict is not ok.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				f.networks = args[0]
			}
			nets, err := scrapers.Select(f.networks)
			if err != nil {
				return usageError(err)
			}
			failed := 0
			for _, n := range nets {
				if !checkOne(cmd, app, &f.fetchFlags, n) {
					failed++
				}
			}
			if failed > 0 {
				return &codeError{code: exitNetworkFail, err: fmt.Errorf("%d of %d networks failed the check", failed, len(nets))}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	registerNetworks(fl, &f.networks)
	f.fetchFlags.register(fl)
	return cmd
}

// checkOne prints one network's report and says whether it passed.
func checkOne(cmd *cobra.Command, app *App, f *fetchFlags, n scrapers.Network) bool {
	w := app.Stdout
	fmt.Fprintf(w, "== %s (%s)\n", n.ID, n.Name)
	spec, err := scrapers.LoadSpec(n, f.specs)
	if err != nil {
		fmt.Fprintf(w, "   verdict: FAIL  spec: %s\n", termSafe(err.Error()))
		return false
	}
	if spec.Origin != "" {
		fmt.Fprintf(w, "   spec: %s\n", spec.Origin)
	}
	fetcher, err := newFetcher(f, spec, app)
	if err != nil {
		fmt.Fprintf(w, "   verdict: FAIL  %s\n", termSafe(err.Error()))
		return false
	}
	s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: fetcher, Logger: app.Logger, AsOf: time.Now().UTC()}
	res, err := s.Run(cmd.Context())
	if err != nil {
		fmt.Fprintf(w, "   robots: %s\n   verdict: FAIL  %s\n", robotsVerdict(err), termSafe(scrapers.Reason(err)))
		return false
	}
	printReport(w, res)
	if err := spec.Guard.Check(res, 0); err != nil {
		fmt.Fprintf(w, "   verdict: FAIL  %s\n", termSafe(err.Error()))
		return false
	}
	fmt.Fprintf(w, "   verdict: ok  (%d members, variant %s)\n", len(res.Members), termSafe(res.Variant))
	return true
}

func robotsVerdict(err error) string {
	if strings.Contains(scrapers.Reason(err), "robots.txt") {
		return "disallowed"
	}
	return "allowed"
}

func printReport(w io.Writer, res *scrapers.Result) {
	fmt.Fprintf(w, "   variant %s, %d pages, %d bytes, robots: allowed\n", termSafe(res.Variant), res.Pages, res.Bytes)
	for _, p := range res.Reports {
		fmt.Fprintf(w, "   [%s] %d %s: %d items%s\n", termSafe(p.Source), p.Status, termSafe(p.URL), p.Items, termSafe(fieldCounts(p.Fields)))
	}
	for _, c := range res.Claims {
		bound := ""
		if c.AtLeast {
			bound = "at least "
		}
		fmt.Fprintf(w, "   claimed %s%d, parsed %d (%s)\n", bound, c.Count, c.Parsed, termSafe(c.URL))
	}
	if len(res.Claims) == 0 {
		fmt.Fprintln(w, "   claimed: the pages state no count")
	}
	for _, n := range res.Notes {
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
