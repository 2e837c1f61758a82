// Package gazetteer loads GeoNames populated places and indexes them by a
// folded name key, so that the matcher in package enrich can look up the
// places a published member name may mean.
//
// The default gazetteer is GeoNames' cities1000 (places with at least 1,000
// inhabitants, CC BY 4.0, https://www.geonames.org/), converted by the
// generator in gen/ into a compact file embedded in the binary. Users can
// load a current GeoNames dump instead (LoadDump) and keep it in the same
// compact format (Save, LoadFile).
//
// Historic or abandoned places (feature codes PPLH, PPLQ, PPLW, PPLCH) are
// dropped when a dump is read, so they can never match.
package gazetteer
