package gazetteer

import "strconv"

// Place is one GeoNames populated place, with only the fields the matcher
// and the places table need.
type Place struct {
	ID          int64 // GeoNames geonameid
	Name        string
	ASCIIName   string
	Latitude    float64
	Longitude   float64
	FeatureCode string // PPL, PPLA, PPLC, …
	CountryCode string // ISO 3166-1 alpha-2
	Admin1Code  string // GeoNames admin1 code within the country ("CA", "08")
	Admin2Code  string // GeoNames admin2 code ("TO" for Italy's Torino province)
	Population  int64
}

// PlaceID is the place's id in citynets tables: "geonames:<id>".
func (p *Place) PlaceID() string { return "geonames:" + strconv.FormatInt(p.ID, 10) }

// historicCodes are the feature codes of places that no longer exist or are
// not lived in: historical, abandoned, destroyed, and historical capitals.
// A member of a city network is never one of them.
var historicCodes = map[string]bool{"PPLH": true, "PPLQ": true, "PPLW": true, "PPLCH": true}

// Historic reports whether a feature code marks a historic or abandoned
// place, which the gazetteer drops and the matcher never returns.
func Historic(featureCode string) bool { return historicCodes[featureCode] }

// FeatureRank orders feature codes by how likely a place with that code is
// the seat of a local government that joins a city network: capitals first,
// then seats of first- to fourth-order divisions, then other populated
// places, and sections of populated places (PPLX, a neighbourhood) last.
func FeatureRank(featureCode string) int {
	switch featureCode {
	case "PPLC":
		return 6
	case "PPLA":
		return 5
	case "PPLA2", "PPLG":
		return 4
	case "PPLA3":
		return 3
	case "PPLA4", "PPLA5":
		return 2
	case "PPLX":
		return 0
	default:
		return 1
	}
}
