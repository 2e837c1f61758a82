package gazetteer

import (
	"sort"
	"strings"
)

// Networks list counties, districts and partidos as well as towns ("Durham
// County Council", "Partido de General Alvarado"), and GeoNames' populated
// places do not include them. A division whose seat is among the places
// is kept with that seat, so a division's name can resolve to the town
// that governs it.

// Division is a second-order administrative division (a county, district,
// partido, gemeente) with its seat among the gazetteer's places.
type Division struct {
	Code string // "GB.ENG.D8": country, admin1 and admin2 codes as GeoNames writes them
	Name string // "County Durham"
	Stem string // the name's key without division words: "durham"
	Seat int    // index of the seat (see At)
}

// divisionWords are the words around a division's name that say what
// kind of division it is, folded. DivisionStem strips them, so that
// "County Durham", "Durham County" and "Partido de Durham" meet. Longer
// entries are tried first.
var divisionWords = longestFirst([]string{
	"county", "county of", "district", "district of", "borough", "borough of",
	"census area", "municipality", "municipality of", "municipal district",
	"partido", "partido de", "partido del", "departamento", "departamento de",
	"gemeente", "shire", "shire of", "parish", "rayon", "raion", "okres", "kreis",
	"landkreis", "comarca", "comarca de", "municipio", "municipio de",
	"regional district of", "regional county municipality", "metropolitan borough of",
	"london borough of", "city and borough of",
})

func longestFirst(list []string) []string {
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	return list
}

// minStemLen is the shortest stem a division is found by: shorter ones
// ("ko", "la") are fragments more often than names.
const minStemLen = 3

// DivisionStem returns a key without the division words at its start or
// end ("county durham" → "durham", "partido de general alvarado" →
// "general alvarado"), or "" when too little is left.
func DivisionStem(key string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range divisionWords {
			if key == w {
				return ""
			}
			if k, ok := strings.CutPrefix(key, w+" "); ok {
				key, changed = k, true
			}
			if k, ok := strings.CutSuffix(key, " "+w); ok {
				key, changed = k, true
			}
		}
	}
	if len(key) < minStemLen {
		return ""
	}
	return key
}

// DivisionsByStem returns the divisions whose stem is stem. The slice is
// shared: callers must not modify it.
func (g *Gazetteer) DivisionsByStem(stem string) []Division {
	return g.divByStem[stem]
}

// Divisions returns every division with a seat, by code. The slice is
// shared: callers must not modify it.
func (g *Gazetteer) Divisions() []Division { return g.divisions }

// setDivisions keeps the divisions and indexes them by stem.
func (g *Gazetteer) setDivisions(list []Division) {
	g.divisions = list
	g.divByStem = make(map[string][]Division, len(list))
	for _, d := range list {
		g.divByStem[d.Stem] = append(g.divByStem[d.Stem], d)
	}
}

// seatDivisions finds the seat of each named division among the places:
// the most populous place of the division that GeoNames marks as a seat
// of a second-order division (PPLA2), or failing that the capital of the
// country or first-order division that lies in it (Santa Fe is the seat
// of Santa Fe County and New Mexico's capital). A division with neither,
// or whose name leaves no stem, is dropped.
func seatDivisions(places []Place, named []codeName) []Division {
	best := map[string]int{}
	for i := range places {
		p := &places[i]
		if p.Admin2Code == "" || !isSeatCode(p.FeatureCode) {
			continue
		}
		code := p.CountryCode + "." + p.Admin1Code + "." + p.Admin2Code
		if j, ok := best[code]; !ok || betterSeat(p, &places[j]) {
			best[code] = i
		}
	}
	var out []Division
	for _, n := range named {
		seat, ok := best[n.code]
		if !ok {
			continue
		}
		if stem := DivisionStem(Key(n.name)); stem != "" {
			out = append(out, Division{Code: n.code, Name: n.name, Stem: stem, Seat: seat})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func isSeatCode(fc string) bool {
	return fc == "PPLA2" || fc == "PPLA" || fc == "PPLC"
}

// betterSeat reports whether p is a likelier seat than q: a PPLA2 over a
// capital (a capital is only the fallback), then the larger population.
func betterSeat(p, q *Place) bool {
	if (p.FeatureCode == "PPLA2") != (q.FeatureCode == "PPLA2") {
		return p.FeatureCode == "PPLA2"
	}
	return p.Population > q.Population
}
