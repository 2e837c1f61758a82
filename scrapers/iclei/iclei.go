// Package iclei reads the members of ICLEI – Local Governments for
// Sustainability from iclei.org and its regional sites.
package iclei

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
		ID:    "iclei",
		Name:  "ICLEI – Local Governments for Sustainability",
		Site:  "https://iclei.org/",
		Spec:  spec,
		Known: known,
	})
}
