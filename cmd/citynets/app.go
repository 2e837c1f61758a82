package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
)

// App is what every command shares: where to write, how to log, and which
// store to use. Commands get it from the root command; nothing is global.
type App struct {
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
	StoreDir       string

	quiet     bool
	logFormat string
	verbose   bool
}

// Main runs the command line and returns the process exit code; tests call
// it directly.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := &App{Stdout: stdout, Stderr: stderr}
	root := newRootCmd(app)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "citynets:", err)
	}
	return exitCode(err)
}

func newRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "citynets",
		Short: "Membership snapshots of global city networks",
		Long: `citynets collects the member lists of global city networks (C40, the World
Mayors Council on Climate Change, Metropolis, UCLG, ICLEI), resolves each member
to a GeoNames place, and writes immutable Parquet and Arrow snapshots.`,
		Example: `  # the nightly job, offline, on the bundled sample (what make demo runs)
  citynets run --replay examples/sample.warc.gz --specs examples/specs

  # what it wrote
  citynets snapshots list
  citynets snapshots show LATEST

  # the networks, the matcher, the version
  citynets networks
  citynets geocode "Ville de Paris" --country FR
  citynets --version`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return app.setup()
		},
	}
	root.SetVersionTemplate(versionTemplate)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	pf := root.PersistentFlags()
	pf.StringVar(&app.StoreDir, "store", defaultStore(), "snapshot store `DIR` (env CITYNETS_STORE)")
	pf.BoolVarP(&app.quiet, "quiet", "q", false, "print only warnings and errors")
	pf.BoolVarP(&app.verbose, "verbose", "v", false, "print debug logs")
	pf.StringVar(&app.logFormat, "log-format", "auto", "log `FORMAT`: auto (text on a terminal, JSON otherwise), text or json")
	for _, c := range commands(app) {
		root.AddCommand(c)
	}
	return root
}

// commands lists every subcommand; each lives in its own file.
func commands(app *App) []*cobra.Command {
	return []*cobra.Command{
		newRunCmd(app),
		newScrapeCmd(app),
		newNetworksCmd(app),
		newSnapshotsCmd(app),
		newCheckCmd(app),
		newDiffCmd(app),
		newExportCmd(app),
		newRebuildCmd(app),
		newBackfillCmd(app),
		newScheduleCmd(app),
		newGeocodeCmd(app),
		newGazetteerCmd(app),
		newMapCmd(app),
		newVersionCmd(app),
	}
}

func defaultStore() string {
	if s := os.Getenv("CITYNETS_STORE"); s != "" {
		return s
	}
	return "./data"
}

func (app *App) setup() error {
	level := slog.LevelInfo
	switch {
	case app.quiet:
		level = slog.LevelWarn
	case app.verbose:
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch app.logFormat {
	case "text":
		app.Logger = slog.New(slog.NewTextHandler(app.Stderr, opts))
	case "json":
		app.Logger = slog.New(slog.NewJSONHandler(app.Stderr, opts))
	case "auto":
		if isTerminal(app.Stderr) {
			app.Logger = slog.New(slog.NewTextHandler(app.Stderr, opts))
		} else {
			app.Logger = slog.New(slog.NewJSONHandler(app.Stderr, opts))
		}
	default:
		return usageError(fmt.Errorf("--log-format %q: want auto, text or json", app.logFormat))
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
