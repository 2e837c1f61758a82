package gazetteer

import (
	_ "embed"
	"fmt"
)

// DefaultFile is the name of the embedded gazetteer file, as `citynets
// gazetteer info` reports it.
const DefaultFile = "geonames-cities500-2023.bin.zst"

// embedded is the default gazetteer, written by gen/ from GeoNames
// cities500 (2023) with the names of cities1000 (2013) places since removed
// or renamed (see README.md). It is read-only data.
//
//go:embed data/geonames-cities500-2023.bin.zst
var embedded []byte

// Default decodes the embedded gazetteer. Each call decodes afresh (about
// a tenth of a second), so callers that resolve many names should load it
// once and share it.
func Default() (*Gazetteer, error) {
	g, err := Decode(embedded)
	if err != nil {
		return nil, fmt.Errorf("default gazetteer: %w", err)
	}
	return g, nil
}
