// Package metropolis reads the members of Metropolis, the World Association
// of the Major Metropolises, from metropolis.org.
package metropolis

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
		ID:    "metropolis",
		Name:  "Metropolis, World Association of the Major Metropolises",
		Site:  "https://www.metropolis.org/",
		Spec:  spec,
		Known: known,
	})
}
