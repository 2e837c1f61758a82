package gazetteer

import (
	_ "embed"
	"fmt"
)

// embedded is the default gazetteer, written by gen/ from GeoNames
// cities1000 (see README.md). It is read-only data.
//
//go:embed data/cities1000.bin.gz
var embedded []byte

// Default decodes the embedded GeoNames cities1000 gazetteer. Each call
// decodes afresh (about a tenth of a second), so callers that resolve
// many names should load it once and share it.
func Default() (*Gazetteer, error) {
	g, err := Decode(embedded)
	if err != nil {
		return nil, fmt.Errorf("default gazetteer: %w", err)
	}
	return g, nil
}
