package main

import (
	"github.com/spf13/cobra"

	"github.com/citynets/citynets/internal/pipeline"
)

func newRebuildCmd(app *App) *cobra.Command {
	var specs, gazetteer, overrides string
	cmd := &cobra.Command{
		Use:   "rebuild ID",
		Short: "Re-derive a snapshot from its own archive into a new snapshot",
		Long: `rebuild re-parses and re-enriches snapshot ID from its raw.warc.gz (no
network) into a new snapshot whose parent is ID: after a scraper fix or a
gazetteer update. Its changes against ID are all of cause "processing".
The snapshot's own spec folder is used unless --specs is given.`,
		Example: `  # re-parse last night's archive after fixing a spec
  citynets rebuild LATEST --specs examples/specs

  # with a newer gazetteer (see "citynets gazetteer update")
  citynets rebuild LATEST --gazetteer-file geonames.bin`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			progress, log := newProgress(app)
			o := pipeline.Options{StoreDir: app.StoreDir, SpecsDir: specs, GazetteerFile: gazetteer, OverridesFile: overrides,
				ToolVersion: version, Command: "citynets rebuild", Logger: log, Progress: progress}
			o.Fetch.MaxBodySize = 64 << 20
			rep, err := pipeline.Rebuild(cmd.Context(), args[0], o)
			return report(app, rep, err)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&specs, "specs", "", "`DIR` of spec overrides (default: the folder the snapshot was made with)")
	fl.StringVar(&gazetteer, "gazetteer-file", "", "compact gazetteer `FILE` (default: the embedded one)")
	fl.StringVar(&overrides, "overrides", "", "CSV `FILE` of your own match overrides")
	return cmd
}
