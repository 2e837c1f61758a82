package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
)

type diffFlags struct {
	network       string
	format        string
	out           string
	failIfChanged bool
}

func newDiffCmd(app *App) *cobra.Command {
	var f diffFlags
	cmd := &cobra.Command{
		Use:   "diff [FROM [TO]]",
		Short: "Who joined, left, was renamed or modified between two snapshots",
		Long: `diff compares two snapshots: by default LATEST against its parent; with one
id, that snapshot against LATEST; with two, FROM against TO. Ids may be unique
prefixes or LATEST. Both snapshots are verified first: a snapshot whose files
fail their hashes is refused (exit 2), never diffed in part.

--fail-if-changed exits 1 when anything changed, for CI and alerting.`,
		Example: `  # what the last run changed (LATEST against its parent)
  citynets diff

  # two snapshots by id ("citynets snapshots list" shows them), one network, as CSV
  citynets diff 20261127T020000Z-k3f 20261128T020000Z-p2m --network c40 --format csv -o changes.csv

  # LATEST against its parent, as JSON
  citynets diff --format json

  # in CI: exit 1 when anything changed
  citynets diff --fail-if-changed -q`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(cmd.Context(), app, &f, args) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.network, "network", "", "only the network `ID`")
	fl.StringVar(&f.format, "format", "table", "output `FORMAT`: table, csv, json or parquet (parquet needs -o)")
	fl.StringVarP(&f.out, "output", "o", "", "write to `FILE` instead of stdout")
	fl.BoolVar(&f.failIfChanged, "fail-if-changed", false, "exit 1 when anything changed")
	return cmd
}

// diffReport is the JSON form of a diff, and what every format prints from.
type diffReport struct {
	From    string           `json:"from"`
	To      string           `json:"to"`
	Summary []output.Summary `json:"summary"`
	Changes []changeJSON     `json:"changes"`
}

type changeJSON struct {
	FromSnapshot  string   `json:"from_snapshot"`
	ToSnapshot    string   `json:"to_snapshot"`
	Network       string   `json:"network"`
	MemberID      string   `json:"member_id"`
	MemberKey     string   `json:"member_key"`
	OldMemberKey  *string  `json:"old_member_key"`
	NewMemberKey  *string  `json:"new_member_key"`
	Change        string   `json:"change"`
	Cause         string   `json:"cause"`
	ChangedFields []string `json:"changed_fields"`
	OldName       *string  `json:"old_name"`
	NewName       *string  `json:"new_name"`
	PlaceID       *string  `json:"place_id"`
}

func runDiff(ctx context.Context, app *App, f *diffFlags, args []string) error {
	switch f.format {
	case "table", "csv", "json":
	case "parquet":
		if f.out == "" {
			return usageError(errors.New("--format parquet needs -o FILE"))
		}
	default:
		return usageError(fmt.Errorf("--format %q: want table, csv, json or parquet", f.format))
	}
	store, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	from, to, err := diffPair(ctx, store, args)
	if err != nil {
		return usageError(err)
	}
	rep, err := buildDiff(ctx, from, to, f.network)
	if err != nil {
		return err
	}
	if err := writeDiff(ctx, app, f, rep); err != nil {
		return err
	}
	if f.failIfChanged && len(rep.Changes) > 0 {
		return &codeError{code: exitNetworkFail, err: fmt.Errorf("%d changes", len(rep.Changes))}
	}
	return nil
}

// diffPair opens the FROM and TO snapshots the arguments name.
func diffPair(ctx context.Context, store *output.Store, args []string) (from, to *output.Snapshot, err error) {
	toArg := "LATEST"
	if len(args) == 2 {
		toArg = args[1]
	}
	if to, err = store.Snapshot(ctx, toArg); err != nil {
		return nil, nil, err
	}
	fromArg := to.Manifest.ParentID
	if len(args) >= 1 {
		fromArg = args[0]
	} else if fromArg == "" {
		return nil, nil, usageError(fmt.Errorf("snapshot %s is the first snapshot and has no parent to diff against: run again, or name two ids: citynets diff FROM TO", to.ID))
	}
	if from, err = store.Snapshot(ctx, fromArg); err != nil {
		return nil, nil, err
	}
	return from, to, nil
}

func buildDiff(ctx context.Context, from, to *output.Snapshot, network string) (*diffReport, error) {
	var tables [2]*citynets.Tables
	for i, s := range []*output.Snapshot{from, to} {
		t, err := readVerified(ctx, s)
		if err != nil {
			return nil, err
		}
		tables[i] = t
	}
	in := output.DiffInput{FromID: from.ID, ToID: to.ID, From: tables[0].Members, To: tables[1].Members,
		FromOK: from.Manifest.Passed(), ToOK: to.Manifest.Passed(), FromSchemaVersion: from.Manifest.SchemaVersion}
	changes := tables[1].Changes
	if to.Manifest.ParentID != from.ID {
		changes = output.Diff(in)
	}
	summary := output.Summarize(in, changes, from.Manifest.Statuses(), to.Manifest.Statuses())
	rep := &diffReport{From: from.ID, To: to.ID, Changes: []changeJSON{}, Summary: []output.Summary{}}
	for _, s := range summary {
		if network == "" || s.Network == network {
			rep.Summary = append(rep.Summary, s)
		}
	}
	for _, c := range changes {
		if network == "" || c.Network == network {
			rep.Changes = append(rep.Changes, toJSON(c))
		}
	}
	return rep, nil
}

// readVerified reads one side of a diff, after checking its files against
// its manifest: a damaged snapshot is never diffed in part.
func readVerified(ctx context.Context, s *output.Snapshot) (*citynets.Tables, error) {
	if err := s.Verify(ctx); err != nil {
		return nil, usageError(fmt.Errorf("snapshot %s fails verification, refusing to diff it: %w", s.ID, err))
	}
	t, err := s.Tables(ctx)
	if err != nil {
		return nil, usageError(fmt.Errorf("read snapshot %s: %w", s.ID, err))
	}
	return t, nil
}

func toJSON(c citynets.Change) changeJSON {
	fields := c.ChangedFields
	if fields == nil {
		fields = []string{}
	}
	return changeJSON{FromSnapshot: c.FromSnapshot, ToSnapshot: c.ToSnapshot, Network: c.Network, MemberID: c.MemberID, MemberKey: c.MemberKey,
		OldMemberKey: nullable(c.OldMemberKey), NewMemberKey: nullable(c.NewMemberKey), Change: c.Change, Cause: c.Cause, ChangedFields: fields, OldName: nullable(c.OldName), NewName: nullable(c.NewName), PlaceID: nullable(c.PlaceID)}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func writeDiff(ctx context.Context, app *App, f *diffFlags, rep *diffReport) error {
	if f.format == "parquet" {
		return writeChangesParquet(ctx, f.out, rep)
	}
	if f.out == "" {
		return formatDiff(app.Stdout, f.format, rep)
	}
	return writeFileAtomic(f.out, func(w io.Writer) error { return formatDiff(w, f.format, rep) })
}

func formatDiff(w io.Writer, format string, rep *diffReport) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	case "csv":
		return diffCSV(w, rep)
	}
	return diffTable(w, rep)
}

// diffTable prints the human-readable diff; every published text goes
// through termSafe.
func diffTable(w io.Writer, rep *diffReport) error {
	fmt.Fprintf(w, "diff %s → %s\n\n", rep.From, rep.To)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NETWORK\tJOINED\tLEFT\tRENAMED\tMODIFIED\tUNCHANGED\tFROM\tTO")
	for _, s := range rep.Summary {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", termSafe(s.Network), s.Joined, s.Left, s.Renamed, s.Modified, s.Unchanged,
			termSafe(s.FromStatus), termSafe(s.ToStatus))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(rep.Changes) == 0 {
		_, err := fmt.Fprintln(w, "\nno changes")
		return err
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NETWORK\tCHANGE\tCAUSE\tMEMBER\tFIELDS")
	for _, c := range rep.Changes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", termSafe(c.Network), c.Change, c.Cause, termSafe(describe(c)), termSafe(strings.Join(c.ChangedFields, ",")))
	}
	return tw.Flush()
}

func describe(c changeJSON) string {
	old, nw := deref(c.OldName), deref(c.NewName)
	switch {
	case c.Change == citynets.Renamed || (old != "" && nw != "" && old != nw):
		return old + " → " + nw
	case nw != "":
		return nw
	case old != "":
		return old
	}
	return c.MemberKey
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func diffCSV(w io.Writer, rep *diffReport) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"from_snapshot", "to_snapshot", "network", "member_id", "member_key", "old_member_key", "new_member_key",
		"change", "cause", "changed_fields", "old_name", "new_name", "place_id"})
	for _, c := range rep.Changes {
		_ = cw.Write([]string{c.FromSnapshot, c.ToSnapshot, c.Network, c.MemberID, c.MemberKey, deref(c.OldMemberKey), deref(c.NewMemberKey), c.Change, c.Cause,
			strings.Join(c.ChangedFields, ";"), deref(c.OldName), deref(c.NewName), deref(c.PlaceID)})
	}
	cw.Flush()
	return cw.Error()
}

// writeChangesParquet writes the changes as a Parquet file with the
// snapshot schema of the changes table.
func writeChangesParquet(ctx context.Context, path string, rep *diffReport) error {
	changes := make([]citynets.Change, len(rep.Changes))
	for i, c := range rep.Changes {
		changes[i] = citynets.Change{FromSnapshot: c.FromSnapshot, ToSnapshot: c.ToSnapshot, Network: c.Network, MemberID: c.MemberID,
			MemberKey: c.MemberKey, OldMemberKey: deref(c.OldMemberKey), NewMemberKey: deref(c.NewMemberKey), Change: c.Change, Cause: c.Cause, ChangedFields: c.ChangedFields, OldName: deref(c.OldName), NewName: deref(c.NewName), PlaceID: deref(c.PlaceID)}
	}
	return output.WriteChanges(ctx, path, rep.To, changes)
}
