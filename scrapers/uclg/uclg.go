// Package uclg reads the members of United Cities and Local Governments
// from its sections' published lists (UCLG Asia-Pacific, CEMR), since
// uclg.org itself publishes no member directory.
package uclg

import (
	_ "embed"

	"github.com/citynets/citynets/scrapers"
)

//go:embed spec.yaml
var spec []byte

//go:embed known.txt
var known []byte

func init() {
	scrapers.Register(scrapers.Network{
		ID:    "uclg",
		Name:  "United Cities and Local Governments",
		Site:  "https://www.uclg.org/",
		Spec:  spec,
		Known: known,
	})
}
