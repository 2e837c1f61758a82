package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/output/mapview"
	"github.com/citynets/citynets/scrapers"
)

func newMapCmd(app *App) *cobra.Command {
	var out, from, to string
	var all bool
	cmd := &cobra.Command{
		Use:   "map [ID] -o map.html",
		Short: "Write the networks map of a snapshot as one self-contained HTML page",
		Long: `map writes snapshot ID (default LATEST; a unique prefix will do) as one HTML
file that opens from disk with no network: a world map with every member
place as a dot sized by how many networks it belongs to, the networks along
the bottom (hover, focus or tap one to see its cities, countries, continents
and the two members farthest apart), a city search, and the changes since
the parent snapshot. Scraped text is shown as text, never as markup.

With --all, or --from ID and/or --to ID, the page holds every snapshot in
that range (oldest first) and a time slider with a play button: the map at
each snapshot date, with the places that joined or left a network since the
date before marked. The rest of the page describes the last snapshot.

The file is written atomically (a temporary file renamed into place); -o -
writes to standard output.`,
		Example: `  # the latest snapshot, then open map.html in a browser
  citynets map -o map.html

  # an older snapshot, by its id or a unique prefix of it
  citynets map 20261127T020000Z -o map-then.html

  # every snapshot, with a time slider
  citynets map --all -o history.html`,
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
			if all || from != "" || to != "" {
				if len(args) == 1 {
					return usageError(fmt.Errorf("map: give either a snapshot ID or --all/--from/--to, not both"))
				}
				return runMapSeries(cmd.Context(), app, from, to, out, names)
			}
			return runMap(cmd.Context(), app, id, out, names)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "map.html", "write the page to `FILE` (- for standard output)")
	cmd.Flags().BoolVar(&all, "all", false, "put every snapshot on a time slider")
	cmd.Flags().StringVar(&from, "from", "", "time slider from snapshot `ID` (default the oldest)")
	cmd.Flags().StringVar(&to, "to", "", "time slider up to snapshot `ID` (default the latest)")
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

// runMapSeries renders the snapshots from..to (ids or prefixes; empty means
// the oldest and the latest) as one page with a time slider. The page
// describes the last of them; every one is read through the store, so a
// damaged snapshot fails the command rather than leaving a gap in time.
func runMapSeries(ctx context.Context, app *App, from, to, out string, names map[string]string) error {
	store, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	ids, err := store.List()
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return usageError(fmt.Errorf("map: the store has no snapshot"))
	}
	lo, hi := 0, len(ids)-1
	for _, b := range []struct {
		arg string
		at  *int
	}{{from, &lo}, {to, &hi}} {
		if b.arg == "" {
			continue
		}
		snap, err := store.Snapshot(ctx, b.arg)
		if err != nil {
			return usageError(err)
		}
		*b.at = slices.Index(ids, snap.ID)
	}
	if lo < 0 || hi < 0 || lo > hi {
		return usageError(fmt.Errorf("map: --from %s comes after --to %s", from, to))
	}
	var in mapview.Input
	for _, id := range ids[lo : hi+1] {
		snap, err := store.Snapshot(ctx, id)
		if err != nil {
			return err
		}
		t, err := snap.Tables(ctx)
		if err != nil {
			return usageError(fmt.Errorf("read snapshot %s: %w", id, err))
		}
		in.Steps = append(in.Steps, mapview.Step{SnapshotID: id, AsOf: asOf(snap.Manifest), Members: t.Members, Places: t.Places})
		if id == ids[hi] {
			steps := in.Steps
			in = mapInput(snap.Manifest, t, names)
			in.Steps = steps
		}
	}
	render := func(w io.Writer) error { return mapview.Render(w, in) }
	if out == "-" {
		return render(app.Stdout)
	}
	if err := writeFileAtomic(out, render); err != nil {
		return err
	}
	if app.Logger != nil {
		app.Logger.Info("wrote map", "file", out, "snapshots", len(in.Steps), "from", ids[lo], "to", ids[hi])
	}
	return nil
}

// asOf is the time a snapshot describes: its id's date (a backfilled step
// of 2012 written today is dated 2012), else when it was written.
func asOf(m *output.Manifest) time.Time {
	if t, err := output.SnapshotTime(m.ID); err == nil {
		return t
	}
	return m.CreatedAt
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
		AsOf:       asOf(m),
		ParentID:   m.ParentID,
		Networks:   nets,
		Members:    t.Members,
		Places:     t.Places,
		Changes:    t.Changes,
	}
}
