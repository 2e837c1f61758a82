package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/citynets/citynets/internal/pipeline"
)

// backfillFlags are the flags of `citynets backfill`.
type backfillFlags struct {
	from, to, every string
	networks        string
	replay, specs   string
	gazetteer       string
	overrides       string
	archiveURL      string
	cdxInterval     time.Duration
	captureInterval time.Duration
	window          time.Duration
	deadline        time.Duration
	wait            bool
}

func (f *backfillFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.from, "from", "", "first step `DATE` (YYYY-MM-DD; required)")
	fs.StringVar(&f.to, "to", "", "last step `DATE` at the latest (default today)")
	fs.StringVar(&f.every, "every", "1y", "`PERIOD` between steps: 1y, 6m, 3m, 1m, …")
	registerNetworks(fs, &f.networks)
	fs.StringVar(&f.archiveURL, "archive-url", envOr("CITYNETS_ARCHIVE_URL", "https://web.archive.org"), "Wayback-compatible archive `URL`: the Wayback Machine, a mirror, a local pywb (env CITYNETS_ARCHIVE_URL)")
	fs.StringVar(&f.replay, "replay", "", "serve the archive's answers from the WARC archive `FILE` instead of the network (unpaced)")
	fs.StringVar(&f.specs, "specs", os.Getenv("CITYNETS_SPECS"), "`DIR` of spec overrides, one <id>.yaml per network (env CITYNETS_SPECS)")
	fs.StringVar(&f.gazetteer, "gazetteer-file", "", "compact gazetteer `FILE` (default: the embedded one)")
	fs.StringVar(&f.overrides, "overrides", "", "CSV `FILE` of your own match overrides")
	fs.DurationVar(&f.cdxInterval, "cdx-interval", 3*time.Second, "least gap between two CDX queries to the archive (negative: none)")
	fs.DurationVar(&f.captureInterval, "capture-interval", time.Second, "least gap between two capture fetches from the archive (negative: none)")
	fs.DurationVar(&f.window, "window", pipeline.DefaultCaptureWindow, "how far a followed page's capture may be from its start page's")
	fs.DurationVar(&f.deadline, "deadline", pipeline.DefaultBackfillDeadline, "bound on the whole backfill: the steps read by then are committed, a re-run reads the rest")
	fs.BoolVar(&f.wait, "wait", false, "wait for another process's store lock instead of exiting 3")
}

// options turns the flags into the pipeline's options; bad dates or
// periods are usage errors.
func (f *backfillFlags) options(app *App) (pipeline.BackfillOptions, error) {
	var o pipeline.BackfillOptions
	var err error
	if o.From, err = parseDay("--from", f.from); err != nil {
		return o, err
	}
	if f.to != "" {
		if o.To, err = parseDay("--to", f.to); err != nil {
			return o, err
		}
	}
	if o.Every, err = pipeline.ParsePeriod(f.every); err != nil {
		return o, usageError(fmt.Errorf("--every: %w", err))
	}
	o.Options = pipeline.Options{
		StoreDir: app.StoreDir, Networks: f.networks, Replay: f.replay, SpecsDir: f.specs,
		GazetteerFile: f.gazetteer, OverridesFile: f.overrides, Wait: f.wait, Deadline: f.deadline,
		ToolVersion: version, Command: "citynets backfill", Logger: app.Logger,
	}
	o.Archive.BaseURL = f.archiveURL
	o.Archive.CDXInterval, o.Archive.CaptureInterval = f.cdxInterval, f.captureInterval
	o.Window = f.window
	return o, nil
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usageError(fmt.Errorf("%s is required (YYYY-MM-DD)", flag))
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError(fmt.Errorf("%s %q: want YYYY-MM-DD", flag, s))
	}
	return t, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func newBackfillCmd(app *App) *cobra.Command {
	var f backfillFlags
	cmd := &cobra.Command{
		Use:   "backfill --from DATE [--to DATE] [--every P]",
		Short: "Dated snapshots from web-archive captures, for history before the first night",
		Long: `backfill reads every selected network as it stood at each step date, from
the captures of a Wayback-compatible web archive, and commits one snapshot per
step dated at the step (manifest source "web-archive", with every capture
used). Start pages are read from their latest capture before the step, other
pages from the capture nearest the start page's (within --window).

Steps are read newest first (an old design no spec variant knows is read by
self-repair, with the members of the nearest later snapshot as known names)
and committed oldest first, each diffed against the nearest earlier snapshot.
A re-run of the same backfill keeps the steps already committed and reads
the rest. If the new snapshots land before existing ones, one more snapshot,
dated now, re-derives history over the whole series and becomes LATEST.

Exit codes: 0 every step committed with every network read; 1 some network
failed at some step, or some step is incomplete (re-run to resume); 2 bad
usage or input; 3 nothing could be written.`,
		Example: `  # the history of all five networks since 2012, once a year
  citynets backfill --from 2012-01-01 --every 1y

  # C40 and ICLEI every quarter of 2024, from a local pywb
  citynets backfill --from 2024-01-01 --to 2024-12-31 --every 3m --networks c40,iclei --archive-url http://localhost:8080`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o, err := f.options(app)
			if err != nil {
				return err
			}
			progress, log := newProgress(app)
			o.Progress, o.Logger = progress, log
			rep, err := pipeline.Backfill(cmd.Context(), o)
			if rep != nil {
				printBackfill(app.Stdout, rep)
			}
			if err != nil {
				return err
			}
			if rep.Failed() > 0 {
				return errBackfillFailed
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// errBackfillFailed ends a backfill in which some step or network failed.
var errBackfillFailed = fmt.Errorf("%w: see the steps above; re-run the same command to resume the incomplete ones", errNetworksFailed)

// printBackfill prints one line per step, oldest first.
func printBackfill(w io.Writer, rep *pipeline.BackfillReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tSNAPSHOT\tSTATE\tMEMBERS\tCHANGES\tFAILED")
	for _, s := range rep.Steps {
		members := 0
		if s.Manifest != nil {
			for _, n := range s.Manifest.Networks {
				members += n.Members
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", s.Date.Format(time.DateOnly), s.ID, s.State, members, s.Changes, termSafe(failures(s.Reasons)))
	}
	tw.Flush()
	count := map[string]int{}
	for _, s := range rep.Steps {
		count[s.State]++
	}
	fmt.Fprintf(w, "%d steps: %d committed, %d already committed, %d incomplete, %d unread\n", len(rep.Steps),
		count[pipeline.StepCommitted], count[pipeline.StepExisting], count[pipeline.StepIncomplete], count[pipeline.StepUnread])
	if r := rep.Rederived; r != nil {
		fmt.Fprintf(w, "snapshot %s committed: history re-derived over %d snapshots; it is LATEST\n", r.SnapshotID, len(r.Manifest.Rederived.Series))
	}
}

// failures words a step's failed networks as "id: reason; …".
func failures(reasons map[string]string) string {
	ids := make([]string, 0, len(reasons))
	for id := range reasons {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + ": " + reasons[id]
	}
	return strings.Join(parts, "; ")
}
