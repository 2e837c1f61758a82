package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/scrapers"
)

// networkRow is one line of "networks", and one object of its --json array.
type networkRow struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Site     string   `json:"site"`
	ListURLs []string `json:"list_urls"`
}

func newNetworksCmd(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "networks",
		Short: "List the supported networks, with their list URLs",
		Long: `networks lists the networks citynets knows: the id that --networks, check
and scrape take, the network's name, its site, and the member-list URLs its
embedded spec starts from. --json prints a JSON array of objects with the
fields id, name, site and list_urls.`,
		Example: `  citynets networks
  citynets networks --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var rows []networkRow
			for _, n := range scrapers.All() {
				spec, err := scrapers.LoadSpec(n, "")
				if err != nil {
					return err
				}
				rows = append(rows, networkRow{ID: n.ID, Name: n.Name, Site: n.Site, ListURLs: startURLs(spec)})
			}
			if asJSON {
				return writeJSON(app.Stdout, rows)
			}
			tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNETWORK\tSITE\tLIST URLS")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Site, strings.Join(r.ListURLs, " "))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array instead of a table")
	return cmd
}

// startURLs lists the start URLs of the spec's first variant.
func startURLs(s *scrapers.Spec) []string {
	out := []string{}
	for _, src := range s.Variants[0].Sources {
		out = append(out, src.Start...)
	}
	return out
}
