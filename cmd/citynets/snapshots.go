package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/output"
)

func newSnapshotsCmd(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "snapshots [list|show ID|verify [ID]|repair ID|prune --keep N]",
		Short: "List, inspect, verify, repair and prune the store's snapshots",
		Long: `snapshots alone lists the store's committed snapshots, as "snapshots list"
does. Its subcommands show one snapshot's manifest, verify hashes, repair
invalid UTF-8 and prune old snapshots.`,
		Example: `  citynets snapshots list
  citynets snapshots show LATEST
  citynets snapshots verify
  citynets snapshots prune --keep 30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return listSnapshots(app, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array instead of a table (see \"snapshots list --help\")")
	cmd.AddCommand(
		newSnapshotsListCmd(app),
		newSnapshotsShowCmd(app),
		newSnapshotsVerifyCmd(app),
		newRepairCmd(app),
		newPruneCmd(app),
	)
	return cmd
}

func newSnapshotsListCmd(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List committed snapshots, oldest first",
		Long: `list prints one line per committed snapshot, oldest first: its id, when it
was created, its parent, how many members it holds and each network's status
(ok, repaired, degraded, failed, skipped); LATEST marks the newest.

--json prints the same as a JSON array of objects with the fields id,
created_at (RFC 3339, UTC), parent (null for the first snapshot), members,
networks ({"c40": "ok", …}) and latest; a snapshot whose manifest cannot be
read has only id and error.`,
		Example: `  citynets snapshots list
  citynets snapshots list --json
  citynets snapshots list --store /var/lib/citynets`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return listSnapshots(app, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array instead of a table")
	return cmd
}

func newSnapshotsShowCmd(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a snapshot's manifest (ID may be LATEST or a unique prefix)",
		Long: `show prints what snapshot ID's manifest records, for a person to read: when
and from what it was made, each network's status, members, pages, bytes,
duration and error, and each file's rows, size and hash.

--json prints the manifest itself (manifest.json, as committed), for a
script.`,
		Example: `  citynets snapshots show LATEST
  citynets snapshots show LATEST --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return showSnapshot(c.Context(), app, args[0], asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the manifest as JSON instead of a table")
	return cmd
}

func newSnapshotsVerifyCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "verify [ID]",
		Short: "Check every file's hash against its manifest and that every string is valid UTF-8 (all snapshots by default)",
		Long: `verify checks snapshot ID (every snapshot by default): every file's SHA-256
against the manifest and every string of the tables for valid UTF-8. It
prints a line per snapshot and exits 2 when one fails; "snapshots repair"
fixes a snapshot written with invalid UTF-8 by an older build.`,
		Example: `  citynets snapshots verify
  citynets snapshots verify LATEST`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return verifySnapshots(cmd, app, args) },
	}
}

// openStore opens the store for reading; a missing store is bad input.
func openStore(app *App) (*output.Store, error) {
	s, err := output.OpenStore(app.StoreDir)
	if err != nil {
		return nil, &codeError{code: exitNoWrite, err: err}
	}
	return s, nil
}

// snapshotRow is one line of "snapshots list", and one object of its
// --json array.
type snapshotRow struct {
	ID        string            `json:"id"`
	CreatedAt *time.Time        `json:"created_at,omitempty"`
	Parent    *string           `json:"parent"`
	Members   int               `json:"members"`
	Networks  map[string]string `json:"networks,omitempty"`
	Latest    bool              `json:"latest"`
	Error     string            `json:"error,omitempty"` // the manifest could not be read
}

func listSnapshots(app *App, asJSON bool) error {
	s, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	ids, err := s.List()
	if err != nil {
		return err
	}
	latest, _ := s.Latest()
	rows := make([]snapshotRow, 0, len(ids))
	for _, id := range ids {
		row := snapshotRow{ID: id, Latest: id == latest}
		m, err := s.Manifest(id)
		if err != nil {
			row.Error = err.Error()
			rows = append(rows, row)
			continue
		}
		created := m.CreatedAt.UTC()
		row.CreatedAt, row.Parent, row.Members = &created, nullable(m.ParentID), members(m)
		row.Networks = make(map[string]string, len(m.Networks))
		for n, st := range m.Networks {
			row.Networks[n] = st.Status
		}
		rows = append(rows, row)
	}
	if asJSON {
		return writeJSON(app.Stdout, rows)
	}
	tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tPARENT\tMEMBERS\tNETWORKS\t")
	for _, r := range rows {
		if r.Error != "" {
			fmt.Fprintf(tw, "%s\t?\t?\t?\t%s\t\n", termSafe(r.ID), termSafe(r.Error))
			continue
		}
		mark := ""
		if r.Latest {
			mark = "LATEST"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", termSafe(r.ID), r.CreatedAt.Format("2006-01-02 15:04:05Z"), termSafe(orNone(deref(r.Parent))), r.Members, termSafe(networkStates(r.Networks)), mark)
	}
	return tw.Flush()
}

func members(m *output.Manifest) int {
	n := 0
	for _, s := range m.Networks {
		n += s.Members
	}
	return n
}

// networkStates is "c40 ok, iclei failed, …".
func networkStates(status map[string]string) string {
	out := ""
	for i, id := range slices.Sorted(maps.Keys(status)) {
		if i > 0 {
			out += ", "
		}
		out += id + " " + status[id]
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func showSnapshot(ctx context.Context, app *App, arg string, asJSON bool) error {
	s, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	snap, err := s.Snapshot(ctx, arg)
	if err != nil {
		return usageError(err)
	}
	if asJSON {
		return writeJSON(app.Stdout, snap.Manifest)
	}
	latest, _ := s.Latest()
	return printManifest(app.Stdout, snap.Manifest, snap.ID == latest)
}

func verifySnapshots(cmd *cobra.Command, app *App, args []string) error {
	s, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	ids, err := s.List()
	if err != nil {
		return err
	}
	if len(args) == 1 {
		id, err := s.Resolve(args[0])
		if err != nil {
			return usageError(err)
		}
		ids = []string{id}
	}
	var bad []error
	for _, id := range ids {
		if err := s.Verify(cmd.Context(), id); err != nil {
			fmt.Fprintf(app.Stdout, "%s FAILED: %s\n", termSafe(id), termSafe(err.Error()))
			bad = append(bad, err)
			continue
		}
		fmt.Fprintf(app.Stdout, "%s ok\n", id)
	}
	lag, err := s.CatalogLag(cmd.Context())
	if err != nil {
		return err
	}
	for _, l := range lag {
		fmt.Fprintf(app.Stdout, "note: %s (an interrupted commit or prune; the next run, prune or repair rewrites it)\n", termSafe(l))
	}
	if len(bad) > 0 {
		return usageError(fmt.Errorf("%d of %d snapshots failed verification: %w", len(bad), len(ids), errors.Join(bad...)))
	}
	return nil
}

func newRepairCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "repair ID",
		Short: "Rewrite a snapshot whose tables hold invalid UTF-8, replacing the bad bytes with U+FFFD",
		Long: `repair rewrites snapshot ID's tables with every invalid UTF-8 sequence
replaced by U+FFFD, so DuckDB (and any glob over the store) reads them again.
It is the one exception to immutability, for corruption only: the repaired
copy is built beside the snapshot and swapped in atomically, the raw archive
is kept as is, and the manifest records the repair (time, tool version, how
many strings were replaced, the previous file hashes) with the new hashes.
A snapshot with nothing to repair is left untouched. ID may be LATEST or a
unique prefix; "verify" names the snapshots that need it.`,
		Example: `  citynets snapshots verify
  citynets snapshots repair LATEST`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return repairSnapshot(cmd, app, args[0]) },
	}
}

func repairSnapshot(cmd *cobra.Command, app *App, arg string) error {
	s, err := openStore(app)
	if err != nil {
		return err
	}
	unlock, err := s.Lock(cmd.Context(), false, "citynets snapshots repair")
	if err != nil {
		return &codeError{code: exitNoWrite, err: err}
	}
	defer unlock()
	id, err := s.Resolve(arg)
	if err != nil {
		return usageError(err)
	}
	rep, err := s.Repair(cmd.Context(), id, version)
	if err != nil {
		return &codeError{code: exitNoWrite, err: err}
	}
	if len(rep.Files) == 0 {
		fmt.Fprintf(app.Stdout, "%s: nothing to repair (every string is valid UTF-8); left untouched\n", id)
		return nil
	}
	fmt.Fprintf(app.Stdout, "%s: repaired, replaced %d invalid strings (%s); manifest.json records the repair\n", id, rep.Replaced, fileCounts(rep.Files))
	return nil
}

// fileCounts is "history.parquet 1, members.parquet 2".
func fileCounts(counts map[string]int) string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	sort.Strings(names)
	out := ""
	for i, name := range names {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s %d", name, counts[name])
	}
	return out
}

func newPruneCmd(app *App) *cobra.Command {
	var keep int
	cmd := &cobra.Command{
		Use:     "prune --keep N",
		Short:   "Delete all but the newest N snapshots (history survives: each snapshot's history table is complete)",
		Example: `  citynets snapshots prune --keep 30 --store /var/lib/citynets`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if keep < 1 {
				return usageError(errors.New("--keep must be at least 1"))
			}
			s, err := openStore(app)
			if err != nil {
				return err
			}
			unlock, err := s.Lock(cmd.Context(), false, "citynets snapshots prune")
			if err != nil {
				return &codeError{code: exitNoWrite, err: err}
			}
			defer unlock()
			removed, err := s.Prune(cmd.Context(), keep)
			for _, id := range removed {
				fmt.Fprintf(app.Stdout, "removed %s\n", id)
			}
			if err != nil {
				return &codeError{code: exitNoWrite, err: err}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&keep, "keep", 0, "keep the newest `N` snapshots")
	return cmd
}
