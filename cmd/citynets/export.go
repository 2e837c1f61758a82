package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/output"
)

// exportOptions are export's flags.
type exportOptions struct {
	all           bool
	table, format string
	out           string
}

func newExportCmd(app *App) *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export [ID|--all] --table T --format csv|jsonl|parquet [-o FILE|DIR]",
		Short: "Write one table of a snapshot, or of every snapshot, as CSV, JSON lines or Parquet",
		Long: `export writes table T (members, places, changes, history or runs) of snapshot
ID (default LATEST; a unique prefix will do), or with --all of every committed
snapshot one after the other, oldest first, for tools without an Arrow reader
(pandas on a stock Debian machine reads the CSV). Every row carries its
snapshot_id and snapshot_date, so --all is one dataset across time; columns a
snapshot written by an older citynets lacks are derived (the snapshot columns)
or null.

Rows are streamed one batch at a time. CSV has a header row and RFC 4180
quoting; a null is an empty cell; maps and lists are JSON text in their cell;
timestamps are RFC 3339 UTC with milliseconds, dates 2006-01-02. JSON lines
have one object per row, keys in column order.

Without -o the table goes to standard output. -o FILE writes one file
atomically. -o DIR (an existing folder, or a path ending in /) writes one file
per snapshot, DIR/<snapshot_id>/<table>.<format>, the store's own layout.`,
		Example: `  # every night's members in one CSV, for pandas.read_csv
  citynets export --all --table members --format csv -o members.csv

  # the latest snapshot's places as JSON lines on standard output
  citynets export --table places --format jsonl

  # every snapshot's runs, one Parquet file per snapshot
  citynets export --all --table runs --format parquet -o runs/`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExport(cmd.Context(), app, args, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.all, "all", false, "export every committed snapshot, oldest first")
	f.StringVar(&o.table, "table", "", "the `TABLE`: "+strings.Join(output.TableNames(), ", "))
	f.StringVar(&o.format, "format", "", "the `FORMAT`: "+strings.Join(output.ExportFormats(), ", "))
	f.StringVarP(&o.out, "output", "o", "-", "write to `FILE`, or one file per snapshot into DIR (- for standard output)")
	return cmd
}

// checkExportArgs refuses bad usage before the store is touched.
func checkExportArgs(args []string, o exportOptions) error {
	switch {
	case o.all && len(args) > 0:
		return usageError(errors.New("give a snapshot ID or --all, not both"))
	case !slices.Contains(output.TableNames(), o.table):
		return usageError(fmt.Errorf("--table %q: want one of %s", o.table, strings.Join(output.TableNames(), ", ")))
	case !slices.Contains(output.ExportFormats(), o.format):
		return usageError(fmt.Errorf("--format %q: want one of %s", o.format, strings.Join(output.ExportFormats(), ", ")))
	}
	return nil
}

func runExport(ctx context.Context, app *App, args []string, o exportOptions) error {
	if err := checkExportArgs(args, o); err != nil {
		return err
	}
	store, err := openStoreReadOnly(app)
	if err != nil {
		return err
	}
	ids, err := exportIDs(ctx, store, args, o.all)
	if err != nil {
		return err
	}
	if isDirTarget(o.out) {
		for _, id := range ids {
			path := filepath.Join(o.out, id, o.table+"."+o.format)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if err := exportTo(ctx, store, []string{id}, o, path, app.Stdout); err != nil {
				return err
			}
		}
		return nil
	}
	return exportTo(ctx, store, ids, o, o.out, app.Stdout)
}

// exportIDs resolves which snapshots to export, oldest first.
func exportIDs(ctx context.Context, store *output.Store, args []string, all bool) ([]string, error) {
	if all {
		ids, err := store.List()
		if err == nil && len(ids) == 0 {
			err = usageError(output.ErrNoSnapshots)
		}
		return ids, err
	}
	id := "LATEST"
	if len(args) == 1 {
		id = args[0]
	}
	snap, err := store.Snapshot(ctx, id)
	if err != nil {
		return nil, usageError(err)
	}
	return []string{snap.ID}, nil
}

// isDirTarget reports whether -o names a folder: an existing one, or a
// path written with a trailing separator.
func isDirTarget(out string) bool {
	if out == "-" {
		return false
	}
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)) {
		return true
	}
	fi, err := os.Stat(out)
	return err == nil && fi.IsDir()
}

// exportTo writes the table of ids, concatenated, to path ("-" for
// stdout), the file atomically.
func exportTo(ctx context.Context, store *output.Store, ids []string, o exportOptions, path string, stdout io.Writer) error {
	write := func(w io.Writer) error { return exportStream(ctx, store, ids, o, w) }
	if path == "-" {
		return write(stdout)
	}
	return writeFileAtomic(path, write)
}

// exportStream streams the table of each snapshot in ids into one writer.
func exportStream(ctx context.Context, store *output.Store, ids []string, o exportOptions, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	schema, _ := output.TableSchemaOf(o.table)
	meta := ""
	if len(ids) == 1 {
		meta = ids[0]
	}
	tw, err := output.NewTableWriter(bw, o.format, schema, meta)
	if err != nil {
		return usageError(err)
	}
	for _, id := range ids {
		if err := store.Batches(ctx, id, o.table, tw.Write); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
