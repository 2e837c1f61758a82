package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/output"
)

func newSnapshotsCmd(app *App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "snapshots [list|show ID|verify [ID]|repair ID|prune --keep N]",
		Short: "List, inspect, verify, repair and prune the store's snapshots",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return listSnapshots(app) },
	}
	cmd.AddCommand(
		&cobra.Command{Use: "list", Short: "List committed snapshots, oldest first", Args: cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error { return listSnapshots(app) }},
		&cobra.Command{Use: "show ID", Short: "Print a snapshot's manifest (ID may be LATEST or a unique prefix)", Args: cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error { return showSnapshot(cmd.Context(), app, args[0]) }},
		&cobra.Command{Use: "verify [ID]", Short: "Check every file's hash against its manifest and that every string is valid UTF-8 (all snapshots by default)", Args: cobra.MaximumNArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error { return verifySnapshots(cmd, app, args) }},
		newRepairCmd(app),
		newPruneCmd(app),
	)
	return cmd
}

// openStore opens the store for a command that writes it (repair, prune);
// a store that cannot be written exits 3.
func openStore(app *App) (*output.Store, error) {
	s, err := output.OpenStore(app.StoreDir)
	if err != nil {
		return nil, &codeError{code: exitNoWrite, err: err}
	}
	return s, nil
}

func listSnapshots(app *App) error {
	s, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	ids, err := s.List()
	if err != nil {
		return err
	}
	latest, _ := s.Latest()
	tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tPARENT\tMEMBERS\tNETWORKS\t")
	for _, id := range ids {
		m, err := s.Manifest(id)
		if err != nil {
			fmt.Fprintf(tw, "%s\t?\t?\t?\t%s\t\n", termSafe(id), termSafe(err.Error()))
			continue
		}
		mark := ""
		if id == latest {
			mark = "LATEST"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", termSafe(id), m.CreatedAt.Format("2006-01-02 15:04:05Z"), termSafe(orNone(m.ParentID)), members(m), termSafe(networkStates(m)), mark)
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
func networkStates(m *output.Manifest) string {
	ids := make([]string, 0, len(m.Networks))
	for id := range m.Networks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += id + " " + m.Networks[id].Status
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func showSnapshot(ctx context.Context, app *App, arg string) error {
	s, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	snap, err := s.Snapshot(ctx, arg)
	if err != nil {
		return usageError(err)
	}
	enc := json.NewEncoder(app.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(snap.Manifest)
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
		Use:   "prune --keep N",
		Short: "Delete all but the newest N snapshots (history survives: each snapshot's history table is complete)",
		Args:  cobra.NoArgs,
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
	cmd.Flags().IntVar(&keep, "keep", 0, "number of newest snapshots to keep")
	return cmd
}
