package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/citynets/citynets"
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
	json       bool
}

func newGeocodeCmd(app *App) *cobra.Command {
	var f geocodeFlags
	cmd := &cobra.Command{
		Use:   "geocode NAME",
		Short: "Resolve one name through the matcher and show the runner-up candidates",
		Long: `geocode runs a published name (and optionally its country) through the same
matcher the pipeline uses and prints the chosen place, the method and score,
and the candidates it weighed. --json prints the same as a JSON object with
the fields name, country_published, country, match (null when nothing
matched) and candidates.

Like grep, geocode exits 1 when the name matches no place (and says so on
stderr), so a script can test it; 2 on bad usage.

With --batch it reads a CSV and writes the input rows with the match columns
appended to stdout; a row that matched nothing has match_method "none", and
the exit code is 0.`,
		Example: `  citynets geocode "Ville de Paris" --country FR
  citynets geocode "Municipality of Quezon City" --country Philippines --json

  # a CSV with columns name and country, matched row by row
  citynets geocode --batch names.csv > matched.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if f.batch != "" {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.batch != "" && f.json {
				return usageError(errors.New("--batch writes CSV; drop --json"))
			}
			m, err := pipeline.NewMatcher(cmd.Context(), f.gazetteer, f.overrides, app.Logger)
			if err != nil {
				return err
			}
			if f.batch != "" {
				return geocodeBatch(app.Stdout, m, &f)
			}
			return geocodeOne(app.Stdout, m.Resolve(args[0], f.country), args[0], f.country, f.json)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.country, "country", "", "the published country: an ISO code `CC` or a name")
	fl.StringVar(&f.gazetteer, "gazetteer-file", "", "compact gazetteer `FILE` (default: the embedded one)")
	fl.StringVar(&f.overrides, "overrides", "", "CSV `FILE` of your own match overrides")
	fl.StringVar(&f.batch, "batch", "", "CSV `FILE` of names to resolve")
	fl.StringVar(&f.nameCol, "name-col", "name", "with --batch: the `COLUMN` holding the name")
	fl.StringVar(&f.countryCol, "country-col", "country", "with --batch: the `COLUMN` holding the country (optional)")
	fl.BoolVar(&f.json, "json", false, "print a JSON object instead of lines")
	return cmd
}

// geocodeResult is what geocode prints for one name, and its --json object.
type geocodeResult struct {
	Name             string             `json:"name"`
	CountryPublished string             `json:"country_published"`
	Country          string             `json:"country"` // the ISO code the name was resolved within; "" when none
	Match            *citynets.Match    `json:"match"`   // nil when nothing matched
	Candidates       []geocodeCandidate `json:"candidates"`
}

// geocodeCandidate is one line of the candidates table.
type geocodeCandidate struct {
	PlaceID     string  `json:"place_id"`
	Name        string  `json:"name"`
	Admin1Name  string  `json:"admin1_name"`
	CountryCode string  `json:"country_code"`
	FeatureCode string  `json:"feature_code"`
	Population  int64   `json:"population"`
	Method      string  `json:"method"`
	Score       float32 `json:"score"`
	Why         string  `json:"why"`
}

// geocodeOne prints one name's resolution. A name that matches nothing is
// an error with exit code 1 (as grep's), naming the name and the country
// it was looked for in.
func geocodeOne(w io.Writer, r enrich.Result, name, country string, asJSON bool) error {
	res := geocodeResult{Name: name, CountryPublished: country, Country: r.Country, Candidates: []geocodeCandidate{}}
	if r.Match.Resolved() {
		res.Match = &r.Match
	}
	for _, c := range r.Candidates {
		res.Candidates = append(res.Candidates, geocodeCandidate{PlaceID: c.PlaceID, Name: c.Name, Admin1Name: c.Admin1Name,
			CountryCode: c.CountryCode, FeatureCode: c.FeatureCode, Population: c.Population, Method: c.Method, Score: c.Score, Why: c.Why})
	}
	var err error
	if asJSON {
		err = writeJSON(w, res)
	} else {
		err = printResolution(w, res)
	}
	if err != nil || res.Match != nil {
		return err
	}
	return &codeError{code: exitNoMatch, err: errors.New(noMatch(res))}
}

// noMatch says what was looked for: `no match for "Zzyzx" in FR`.
func noMatch(r geocodeResult) string {
	switch {
	case r.Country != "":
		return fmt.Sprintf("no match for %q in %s", r.Name, r.Country)
	case r.CountryPublished != "":
		return fmt.Sprintf("no match for %q (country %q not recognised; searched every country)", r.Name, r.CountryPublished)
	}
	return fmt.Sprintf("no match for %q in any country", r.Name)
}

func printResolution(w io.Writer, r geocodeResult) error {
	if m := r.Match; m != nil {
		fmt.Fprintf(w, "%s  %s (%s)  %.4f, %.4f  population %d  method %s  score %.2f\n",
			m.PlaceID, termSafe(placeLabel(m.PlaceName, m.Admin1Name)), m.CountryCode, m.Latitude, m.Longitude, m.Population, m.Method, m.Score)
	}
	if r.Country != "" {
		fmt.Fprintf(w, "country: %s\n", r.Country)
	}
	if len(r.Candidates) == 0 {
		return nil
	}
	fmt.Fprintln(w, "\ncandidates:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PLACE\tNAME\tADMIN1\tCC\tFEATURE\tPOPULATION\tMETHOD\tSCORE\tWHY")
	for _, c := range r.Candidates {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%.2f\t%s\n", c.PlaceID, termSafe(c.Name), termSafe(c.Admin1Name), c.CountryCode, c.FeatureCode, c.Population, c.Method, c.Score, termSafe(c.Why))
	}
	return tw.Flush()
}

// placeLabel is "Paris, Île-de-France", or "Paris" when the gazetteer has
// no admin1 name for the place.
func placeLabel(name, admin1 string) string {
	if admin1 == "" {
		return name
	}
	return name + ", " + admin1
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
		recs, err := readChunk(r, batchChunk)
		if err != nil {
			return usageError(fmt.Errorf("%s: %w", f.batch, err))
		}
		if len(recs) == 0 {
			break
		}
		for i, mt := range resolveAll(m, recs, nameAt, countryAt) {
			lat, lng := "", ""
			if mt.Resolved() {
				lat, lng = strconv.FormatFloat(mt.Latitude, 'f', 5, 64), strconv.FormatFloat(mt.Longitude, 'f', 5, 64)
			}
			_ = cw.Write(append(recs[i], mt.PlaceID, mt.PlaceName, mt.CountryCode, mt.Admin1Name, lat, lng, mt.Method, strconv.FormatFloat(float64(mt.Score), 'f', 3, 32)))
		}
	}
	cw.Flush()
	return cw.Error()
}

// batchChunk is how many rows geocode --batch reads, resolves in parallel
// and writes at a time: enough to keep every core busy, few enough that a
// file of millions of rows streams.
const batchChunk = 1024

// readChunk reads up to n records; none at the end of the file.
func readChunk(r *csv.Reader, n int) ([][]string, error) {
	var recs [][]string
	for len(recs) < n {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// resolveAll resolves the records' names on every core, in their order.
func resolveAll(m *enrich.Matcher, recs [][]string, nameAt, countryAt int) []citynets.Match {
	out := make([]citynets.Match, len(recs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(recs); i = int(next.Add(1)) - 1 {
				country := ""
				if countryAt >= 0 {
					country = recs[i][countryAt]
				}
				out[i] = m.Resolve(recs[i][nameAt], country).Match
			}
		})
	}
	wg.Wait()
	return out
}

func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}
