package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/scrapers/fetch"
)

// fetchFlags are the flags of every command that fetches pages: where the
// pages come from (--replay), how the scrapers read them (--specs) and how
// politely they are fetched. check and scrape take only these; run and
// schedule take them beside runFlags' own, so no command accepts a flag it
// would ignore.
type fetchFlags struct {
	replay string
	specs  string
	fetch  fetch.Config
}

// register adds the fetch flags. A back-quoted word in a usage text is the
// value name pflag prints in --help ("--replay FILE"), so each usage text
// back-quotes only that name.
func (f *fetchFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.replay, "replay", "", "serve every request from the WARC archive `FILE` (.warc or .warc.gz) instead of the network")
	fs.StringVar(&f.specs, "specs", os.Getenv("CITYNETS_SPECS"), "`DIR` of spec overrides, one <id>.yaml per network (env CITYNETS_SPECS)")
	fs.DurationVar(&f.fetch.Delay, "delay", 2*time.Second, "delay between requests to one domain")
	fs.DurationVar(&f.fetch.Timeout, "timeout", 30*time.Second, "timeout of one request")
	fs.IntVar(&f.fetch.Retries, "retries", 2, "retry a request up to `N` times after the first try, on 429, 5xx and network errors (0: never)")
	fs.IntVar(&f.fetch.MaxBodySize, "max-body", 10<<20, "largest response body in `bytes`")
	fs.StringVar(&f.fetch.UserAgent, "user-agent", "", "User-Agent header (default names citynets and its contact URL)")
}

// config is the fetch configuration the flags ask for. fetch.Config
// reads zero as "the default", so --retries 0 becomes its "never".
func (f *fetchFlags) config() fetch.Config {
	cfg := f.fetch
	if cfg.Retries == 0 {
		cfg.Retries = -1
	}
	return cfg
}

// runFlags are the flags of the nightly job, shared by `run` and `schedule`:
// the fetch flags and what only a run that writes a snapshot uses.
type runFlags struct {
	fetchFlags
	networks  string
	gazetteer string
	overrides string
	wait      bool
	deadline  time.Duration
	repair    bool
}

func (f *runFlags) register(fs *pflag.FlagSet) {
	registerNetworks(fs, &f.networks)
	f.fetchFlags.register(fs)
	fs.StringVar(&f.gazetteer, "gazetteer-file", "", "compact gazetteer `FILE` made by \"citynets gazetteer update\" (default: the embedded GeoNames cities500)")
	fs.StringVar(&f.overrides, "overrides", "", "CSV `FILE` of your own match overrides, added to the committed ones")
	fs.BoolVar(&f.wait, "wait", false, "wait for another process's store lock instead of exiting 3")
	fs.BoolVar(&f.repair, "repair", false, "when every spec variant of a network fails its guard, read it with a structure induced from the members already known if that passes the same guard (status repaired; the induced spec is stored in the snapshot)")
	fs.DurationVar(&f.deadline, "deadline", pipeline.DefaultDeadline, "bound on the whole run: networks still scraping then fail (last good members carried forward) and the rest is committed")
}

// registerNetworks adds --networks, which run, schedule and check take.
func registerNetworks(fs *pflag.FlagSet, networks *string) {
	fs.StringVar(networks, "networks", "", "comma-separated network `ids` (default all; \"citynets networks\" lists them)")
}

func (f *runFlags) options(app *App, command string) pipeline.Options {
	return pipeline.Options{
		StoreDir: app.StoreDir, Networks: f.networks, Replay: f.replay, SpecsDir: f.specs,
		GazetteerFile: f.gazetteer, OverridesFile: f.overrides, Fetch: f.config(), Wait: f.wait,
		Deadline: f.deadline, Repair: f.repair, ToolVersion: version, Command: command, Logger: app.Logger,
	}
}

func newRunCmd(app *App) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "The nightly job: scrape, resolve, diff and commit a snapshot",
		Long: `Scrape every selected network, guard each result, resolve members to places,
diff against the parent snapshot and commit a new immutable snapshot.

A network still scraping when --deadline passes is stopped and fails with
"deadline exceeded"; a deadline reached while committing writes nothing.

With --repair, a network whose every spec variant fails its guard is read
with a structure induced from the members already known (the last good
snapshot, else the network's known.txt) when that passes the same guard and
finds at least 60 % of the known names: its status is "repaired" and the
induced spec is stored in the snapshot as specs/<id>.yaml.

Exit codes: 0 all networks ok (or repaired or degraded); 1 a snapshot was committed but some network
failed (its last good members were carried forward); 2 bad usage or input;
3 nothing could be written.`,
		Example: `  # offline, on the bundled sample (what make demo runs)
  citynets run --replay examples/sample.warc.gz --specs examples/specs --store ./data

  # from the live sites: all networks, or some, more slowly
  citynets run --store /var/lib/citynets -q
  citynets run --networks c40,iclei --delay 5s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			progress, log := newProgress(app)
			o := f.options(app, "citynets run")
			o.Progress, o.Logger = progress, log
			rep, err := pipeline.Run(cmd.Context(), o)
			return report(app, rep, err)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// report prints a committed run's summary; the exit code is 1 when some
// network failed.
func report(app *App, rep *pipeline.Report, err error) error {
	if err != nil {
		return err
	}
	printSummary(app.Stdout, rep)
	if rep.Failed() > 0 {
		return errNetworksFailed
	}
	return nil
}

// printSummary prints one line per network and the new snapshot id.
func printSummary(w io.Writer, rep *pipeline.Report) {
	m := rep.Manifest
	ids := make([]string, 0, len(m.Networks))
	for id := range m.Networks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NETWORK\tSTATUS\tMEMBERS\tPAGES\tNOTE")
	for _, id := range ids {
		s := m.Networks[id]
		note := s.Error
		if s.Repair != nil {
			note = fmt.Sprintf("repaired: induced spec in snapshots/%s/%s", rep.SnapshotID, s.Repair.Spec)
		}
		if s.CarriedFrom != "" && s.Members > 0 {
			note = fmt.Sprintf("%s (carried forward from %s)", note, s.CarriedFrom)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", termSafe(id), s.Status, s.Members, s.Pages, termSafe(note))
	}
	tw.Flush()
	printCostLine(w, m)
	parent := rep.ParentID
	if parent == "" {
		parent = "none"
	}
	fmt.Fprintf(w, "snapshot %s committed (parent %s, %d changes)\n", rep.SnapshotID, parent, rep.Changes)
}
