package enrich

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// Override pins a published name (in a country, or in any country when
// Country is empty) to a place, for the hard cases no rule resolves:
// "Delhi NCT", "Durban (eThekwini)", "Tel Aviv – Yafo". Names are compared
// after Repair and Normalize, so case, accents and punctuation do not
// matter.
type Override struct {
	Name    string
	Country string // as published, an ISO code or a country name; "" = any
	PlaceID string // "geonames:<id>" (a bare id is accepted too)
	Note    string // why, shown as the match's explanation
}

// resolvedOverride is an override checked against the gazetteer.
type resolvedOverride struct {
	cc    string
	place *gazetteer.Place
	note  string
}

//go:embed overrides.csv
var committedOverrides []byte

// DefaultOverrides returns the committed overrides (enrich/overrides.csv),
// embedded in the binary.
func DefaultOverrides() ([]Override, error) {
	o, err := readOverrides(bytes.NewReader(committedOverrides))
	if err != nil {
		return nil, fmt.Errorf("committed overrides: %w", err)
	}
	return o, nil
}

// LoadOverrides reads an overrides file: CSV with the header
// "name,country,place_id,note"; lines starting with # are comments. Users
// keep their own file in this format and pass it after the committed ones.
func LoadOverrides(path string) ([]Override, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load overrides: %w", err)
	}
	defer f.Close()
	o, err := readOverrides(f)
	if err != nil {
		return nil, fmt.Errorf("load overrides %s: %w", path, err)
	}
	return o, nil
}

func readOverrides(r io.Reader) ([]Override, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOverrides, err)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	want := []string{"name", "country", "place_id", "note"}
	if len(rows[0]) < 3 || !equalFold(rows[0][:3], want[:3]) {
		return nil, fmt.Errorf("%w: header must be %s", ErrOverrides, strings.Join(want, ","))
	}
	var out []Override
	for i, row := range rows[1:] {
		if len(row) < 3 || strings.TrimSpace(row[0]) == "" || strings.TrimSpace(row[2]) == "" {
			return nil, fmt.Errorf("%w: row %d needs name and place_id", ErrOverrides, i+2)
		}
		o := Override{Name: strings.TrimSpace(row[0]), Country: strings.TrimSpace(row[1]), PlaceID: strings.TrimSpace(row[2])}
		if len(row) > 3 {
			o.Note = strings.TrimSpace(row[3])
		}
		if !strings.HasPrefix(o.PlaceID, "geonames:") {
			o.PlaceID = "geonames:" + o.PlaceID
		}
		out = append(out, o)
	}
	return out, nil
}

func equalFold(a, b []string) bool {
	for i := range b {
		if !strings.EqualFold(strings.TrimSpace(a[i]), b[i]) {
			return false
		}
	}
	return true
}
