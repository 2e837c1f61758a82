package mapview

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
)

//go:generate go run ./gen -out countries.txt

// countriesTxt is Natural Earth's 1:110m countries, projected and simplified
// by ./gen: a comment line, "viewbox X Y W H", the sphere's outline, then
// one "id<TAB>name<TAB>path" line per country.
//
//go:embed countries.txt
var countriesTxt string

// world is the base map: its viewBox, the ocean and the countries.
type world struct {
	ViewBox   string
	Sphere    string
	Countries []countryShape
}

// countryShape is one country's outline as SVG path data.
type countryShape struct{ ID, Name, Path string }

// errBadWorld means the embedded outlines are corrupt: regenerate them.
var errBadWorld = errors.New("embedded countries.txt is malformed; run go generate")

// parseWorld reads the embedded outlines. Path data may only hold path
// commands, digits, signs, dots and spaces, so it can go into an attribute
// as it is.
func parseWorld(txt string) (*world, error) {
	w := &world{}
	for line := range strings.Lines(txt) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if vb, ok := strings.CutPrefix(line, "viewbox "); ok {
			w.ViewBox = vb
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || !isPathData(f[2]) {
			return nil, fmt.Errorf("%w: line %.40q", errBadWorld, line)
		}
		if f[0] == "sphere" {
			w.Sphere = f[2]
			continue
		}
		w.Countries = append(w.Countries, countryShape{ID: f[0], Name: f[1], Path: f[2]})
	}
	if w.ViewBox == "" || w.Sphere == "" || len(w.Countries) == 0 || !isPathData(w.ViewBox) {
		return nil, errBadWorld
	}
	return w, nil
}

func isPathData(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("MmLlZz0123456789.- ", r) {
			return false
		}
	}
	return true
}
