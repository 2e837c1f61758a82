package enrich

import (
	"slices"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// GeoNames writes 0 for a population it does not know, and many division
// seats have none (Argentina's partido seats, Philippine municipalities):
// ranked as 0 they lost to any smaller namesake. The matcher reads 0 as
// unknown and uses the typical population of places of the same feature
// code in the same country (a low percentile of those whose population is
// known, see typicalPercentile).

// fallbackPopulation stands for an unknown population when no place of the
// same kind in the country has one: the floor of the cities1000 dump.
const fallbackPopulation = 1000

// typicalPercentile is the percentile of the known populations of a kind
// of place that stands for an unknown one: low, so that a seat whose
// population GeoNames lacks ranks with the small places of its kind and
// neither wins nor loses on a number nobody knows by much. On the
// ClimActor dev split the median made as many new wrong answers as it
// fixed (a known 316 lost to an unknown); the 10th percentile fixes the
// same rows with fewer new errors.
const typicalPercentile = 10

// rivalPercentile is the percentile of known populations that an unknown
// one may reach when judging whether a best candidate leads a far-away
// runner-up of unknown size clearly (see Matcher.unknownSpread).
const rivalPercentile = 25

// typicalPopulations maps a country and feature code to the typical known
// population of such places.
type typicalPopulations map[kindOfPlace]int64

// kindOfPlace is a country and a feature code. A struct rather than a
// joined string, so that neither building the table over every place nor
// a lookup while ranking allocates.
type kindOfPlace struct{ country, feature string }

// newTypicalPopulations computes, in one pass over every place of g, the
// typical populations at each of the percentiles.
func newTypicalPopulations(g *gazetteer.Gazetteer, percentiles ...int) []typicalPopulations {
	known := make(map[kindOfPlace][]int64)
	for i := 0; i < g.Len(); i++ {
		p := g.At(i)
		if p.Population > 0 {
			k := kindOfPlace{p.CountryCode, p.FeatureCode}
			known[k] = append(known[k], p.Population)
		}
	}
	out := make([]typicalPopulations, len(percentiles))
	for i := range out {
		out[i] = make(typicalPopulations, len(known))
	}
	for k, pops := range known {
		slices.Sort(pops)
		for i, pc := range percentiles {
			out[i][k] = pops[len(pops)*pc/100]
		}
	}
	return out
}

// population is a place's population, or the typical one of its kind when
// GeoNames does not know it.
func (t typicalPopulations) population(p *gazetteer.Place) int64 {
	if p.Population > 0 {
		return p.Population
	}
	if n, ok := t[kindOfPlace{p.CountryCode, p.FeatureCode}]; ok {
		return n
	}
	return fallbackPopulation
}

// seatShare is the share of a country's places that must be seats of a
// division (PPLA…PPLA5, PPLC) for the country to count as one whose
// municipalities are all seats (see seatCountries).
const seatShare = 0.7

// seatCountries are the countries where GeoNames codes most places as
// seats of a division: there every municipality (Italy's comuni, Spain's
// municipios, Germany's Gemeinden, Japan's cities) is a seat, and a plain
// populated place (PPL) is a locality inside one (a frazione, a pedanía),
// not a local government. A network member named there is a municipality,
// so a seat outranks a PPL namesake (Villalba, Sicily, not the frazione of
// Guidonia). The share is measured on the gazetteer, not listed, so a
// rebuilt gazetteer brings its own.
type seatCountries map[string]bool

// newSeatCountries finds the countries where at least seatShare of the
// places of g are seats.
func newSeatCountries(g *gazetteer.Gazetteer) seatCountries {
	seats, all := make(map[string]int), make(map[string]int)
	for i := 0; i < g.Len(); i++ {
		p := g.At(i)
		all[p.CountryCode]++
		if isSeat(p.FeatureCode) {
			seats[p.CountryCode]++
		}
	}
	s := make(seatCountries)
	for cc, n := range all {
		if float64(seats[cc]) >= seatShare*float64(n) {
			s[cc] = true
		}
	}
	return s
}

// isSeat reports whether a feature code is a seat of a division.
func isSeat(featureCode string) bool {
	switch featureCode {
	case "PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5":
		return true
	}
	return false
}
