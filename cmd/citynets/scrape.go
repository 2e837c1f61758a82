package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/scrapers"
)

func newScrapeCmd(app *App) *cobra.Command {
	var f fetchFlags
	cmd := &cobra.Command{
		Use:   "scrape ID",
		Short: "Print one network's members as JSON lines (writes no snapshot)",
		Long: `scrape runs one network's scraper (against its live site, or --replay) and
prints each member as it was parsed, one JSON object a line, before any
matching; it writes no snapshot. A result the network's guard would refuse
is still printed, with a warning.`,
		Example: `  # C40's members from the bundled sample, one JSON object a line
  citynets scrape c40 --replay examples/sample.warc.gz --specs examples/specs

  # from the live site, with the members' names only (needs jq)
  citynets scrape iclei | jq -r .name`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := scrapers.Lookup(args[0])
			if err != nil {
				return usageError(err)
			}
			spec, err := scrapers.LoadSpec(n, f.specs)
			if err != nil {
				return usageError(err)
			}
			c, err := collect(cmd.Context(), &f, app, n, spec)
			if c == nil {
				return err
			}
			if c.Result == nil {
				return fmt.Errorf("scrape %s: %s", n.ID, scrapers.Reason(err))
			}
			enc := json.NewEncoder(app.Stdout)
			enc.SetEscapeHTML(false)
			for _, m := range c.Result.Members {
				if err := enc.Encode(m); err != nil {
					return err
				}
			}
			if err != nil {
				app.Logger.Warn("guard would fail this result", "network", n.ID, "reason", scrapers.Reason(err))
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// collect runs scrapers.Collect for the one-off commands (scrape, check):
// from the replay archive when given, else the network; no WARC is written
// and there is no last good snapshot to compare with. A nil Collection
// means nothing was tried (the archive could not be opened); otherwise the
// error is Collect's verdict.
func collect(ctx context.Context, f *fetchFlags, app *App, n scrapers.Network, spec *scrapers.Spec) (*scrapers.Collection, error) {
	return collectJob(ctx, f, app, scrapers.Job{Network: n, Spec: spec})
}

// collectJob is collect for a job that says more (check --suggest sets
// Suggest and Known).
func collectJob(ctx context.Context, f *fetchFlags, app *App, j scrapers.Job) (*scrapers.Collection, error) {
	base, err := pipeline.BaseTransportIn(f.replay, app.StoreDir)
	if err != nil {
		return nil, err
	}
	cfg := f.config()
	cfg.Offline = f.replay != "" // base is the archive: no delays, no retries
	j.AsOf, j.Fetch, j.Base, j.Logger = time.Now().UTC(), cfg, base, app.Logger
	return scrapers.Collect(ctx, j)
}
