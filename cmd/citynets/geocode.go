package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets/enrich"
	"github.com/citynets/citynets/internal/pipeline"
)

type geocodeFlags struct {
	country    string
	gazetteer  string
	overrides  string
	batch      string
	nameCol    string
	countryCol string
}

func newGeocodeCmd(app *App) *cobra.Command {
	var f geocodeFlags
	cmd := &cobra.Command{
		Use:   "geocode NAME",
		Short: "Resolve one name through the matcher and show the runner-up candidates",
		Long: `geocode runs a published name (and optionally its country) through the same
matcher the pipeline uses and prints the chosen place, the method and score,
and the candidates it weighed. With --batch it reads a CSV and writes the input
rows with the match columns appended to stdout.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if f.batch != "" {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := pipeline.NewMatcher(cmd.Context(), f.gazetteer, f.overrides, app.Logger)
			if err != nil {
				return err
			}
			if f.batch != "" {
				return geocodeBatch(app.Stdout, m, &f)
			}
			printResolution(app.Stdout, m.Resolve(args[0], f.country))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.country, "country", "", "the published country (name or ISO code)")
	fl.StringVar(&f.gazetteer, "gazetteer-file", "", "compact gazetteer file (default: the embedded one)")
	fl.StringVar(&f.overrides, "overrides", "", "CSV of your own match overrides")
	fl.StringVar(&f.batch, "batch", "", "CSV file of names to resolve")
	fl.StringVar(&f.nameCol, "name-col", "name", "with --batch: the column holding the name")
	fl.StringVar(&f.countryCol, "country-col", "country", "with --batch: the column holding the country (optional)")
	return cmd
}

func printResolution(w io.Writer, r enrich.Result) {
	m := r.Match
	if m.Resolved() {
		fmt.Fprintf(w, "%s  %s, %s (%s)  %.4f, %.4f  population %d  method %s  score %.2f\n",
			m.PlaceID, termSafe(m.PlaceName), termSafe(m.Admin1Name), m.CountryCode, m.Latitude, m.Longitude, m.Population, m.Method, m.Score)
	} else {
		fmt.Fprintln(w, "no match")
	}
	if r.Country != "" {
		fmt.Fprintf(w, "country: %s\n", r.Country)
	}
	if len(r.Candidates) == 0 {
		return
	}
	fmt.Fprintln(w, "\ncandidates:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PLACE\tNAME\tADMIN1\tCC\tFEATURE\tPOPULATION\tMETHOD\tSCORE\tWHY")
	for _, c := range r.Candidates {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%.2f\t%s\n", c.PlaceID, termSafe(c.Name), termSafe(c.Admin1Name), c.CountryCode, c.FeatureCode, c.Population, c.Method, c.Score, termSafe(c.Why))
	}
	tw.Flush()
}

func geocodeBatch(w io.Writer, m *enrich.Matcher, f *geocodeFlags) error {
	fh, err := os.Open(f.batch)
	if err != nil {
		return usageError(err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	header, err := r.Read()
	if err != nil {
		return usageError(fmt.Errorf("%s: %w", f.batch, err))
	}
	nameAt, countryAt := column(header, f.nameCol), column(header, f.countryCol)
	if nameAt < 0 {
		return usageError(fmt.Errorf("%s has no column %q", f.batch, f.nameCol))
	}
	cw := csv.NewWriter(w)
	_ = cw.Write(append(header, "place_id", "place_name", "country_code", "admin1_name", "latitude", "longitude", "match_method", "match_score"))
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return usageError(fmt.Errorf("%s: %w", f.batch, err))
		}
		country := ""
		if countryAt >= 0 {
			country = rec[countryAt]
		}
		mt := m.Resolve(rec[nameAt], country).Match
		lat, lng := "", ""
		if mt.Resolved() {
			lat, lng = strconv.FormatFloat(mt.Latitude, 'f', 5, 64), strconv.FormatFloat(mt.Longitude, 'f', 5, 64)
		}
		_ = cw.Write(append(rec, mt.PlaceID, mt.PlaceName, mt.CountryCode, mt.Admin1Name, lat, lng, mt.Method, strconv.FormatFloat(float64(mt.Score), 'f', 3, 32)))
	}
	cw.Flush()
	return cw.Error()
}

func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}
