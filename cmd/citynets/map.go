package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/output/mapview"
	"github.com/citynets/citynets/scrapers"
)

func newMapCmd(app *App) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "map [ID] -o map.html",
		Short: "Write the networks map of a snapshot as one self-contained HTML page",
		Long: `map writes snapshot ID (default LATEST; a unique prefix will do) as one HTML
file that opens from disk with no network: a world map with every member
place as a dot sized by how many networks it belongs to, the networks along
the bottom (hover, focus or tap one to see its cities, countries, continents
and the two members farthest apart), a city search, and the changes since
the parent snapshot. Scraped text is shown as text, never as markup.

The file is written atomically (a temporary file renamed into place); -o -
writes to standard output.`,
		Example: `  # the latest snapshot, then open map.html in a browser
  citynets map -o map.html

  # an older snapshot, by its id or a unique prefix of it
  citynets map 20261127T020000Z -o map-then.html`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			names := map[string]string{}
			for _, n := range scrapers.All() {
				names[n.ID] = n.Name
			}
			id := "LATEST"
			if len(args) == 1 {
				id = args[0]
			}
			return runMap(cmd.Context(), app, id, out, names)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "map.html", "write the page to `FILE` (- for standard output)")
	return cmd
}

// runMap renders snapshot id of the store to out. names gives the networks'
// display names by id; a network without one is shown by its id.
func runMap(ctx context.Context, app *App, id, out string, names map[string]string) error {
	store, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	snap, err := store.Snapshot(ctx, id)
	if err != nil {
		return usageError(err)
	}
	id = snap.ID
	t, err := snap.Tables(ctx)
	if err != nil {
		return usageError(fmt.Errorf("read snapshot %s: %w", id, err))
	}
	in := mapInput(snap.Manifest, t, names)
	render := func(w io.Writer) error { return mapview.Render(w, in) }
	if out == "-" {
		return render(app.Stdout)
	}
	if err := writeFileAtomic(out, render); err != nil {
		return err
	}
	if app.Logger != nil {
		app.Logger.Info("wrote map", "file", out, "snapshot", id, "networks", len(in.Networks), "places", len(t.Places), "changes", len(t.Changes))
	}
	return nil
}

// mapInput is the map's view of one snapshot: its networks are the
// manifest's, in id order, named from names.
func mapInput(m *output.Manifest, t *citynets.Tables, names map[string]string) mapview.Input {
	var nets []mapview.Network
	for _, id := range slices.Sorted(maps.Keys(m.Networks)) {
		nets = append(nets, mapview.Network{ID: id, Name: names[id]})
	}
	return mapview.Input{
		SnapshotID: m.ID,
		CreatedAt:  m.CreatedAt,
		ParentID:   m.ParentID,
		Networks:   nets,
		Members:    t.Members,
		Places:     t.Places,
		Changes:    t.Changes,
	}
}
