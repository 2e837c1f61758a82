package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/scrapers"
)

func newNetworksCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "networks",
		Short: "List the supported networks, with their list URLs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNETWORK\tSITE\tLIST URLS")
			for _, n := range scrapers.All() {
				spec, err := scrapers.LoadSpec(n, "")
				if err != nil {
					return err
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", n.ID, n.Name, n.Site, startURLs(spec))
			}
			return tw.Flush()
		},
	}
}

// startURLs lists the start URLs of the spec's first variant.
func startURLs(s *scrapers.Spec) string {
	var out string
	for _, src := range s.Variants[0].Sources {
		for _, u := range src.Start {
			if out != "" {
				out += " "
			}
			out += u
		}
	}
	return out
}
