package enrich

import (
	"github.com/citynets/citynets/enrich/gazetteer"
)

// division resolves a name that names no place as the name of a
// second-order division ("Durham County Council", "Partido de General
// Alvarado", "Gemeente Overbetuwe") to the division's seat, found as if
// by an alternate name of the seat at the weakest form level. Only a
// division the name picks out alone in the country (and the hinted area)
// resolves: of thirty Washington Counties none is the likelier, whatever
// their seats' sizes. Only the name itself is read so, with its
// government words stripped, never one of its alternatives.
func (m *Matcher) division(forms []form, cc string, areas []area) ranked {
	for _, f := range forms {
		if f.level >= levelAlt {
			// One side of "Seine-Eure" or a parenthesised text is not
			// the member's name: Eure is a department of its own.
			continue
		}
		stem := gazetteer.DivisionStem(f.key)
		if stem == "" {
			continue
		}
		var ws []weighed
		for _, d := range m.g.DivisionsByStem(stem) {
			p := m.g.At(d.Seat)
			if p.CountryCode != cc {
				continue
			}
			g := form{key: stem, level: levelAlt, why: f.why + ", seat of " + d.Name}
			w := weighed{p: p, kind: gazetteer.KindAlternate, form: g, weight: m.prominence(p)}
			if w.agree = agreeing(areas, p); len(areas) > 0 && w.agree == "" {
				continue
			}
			ws = append(ws, w)
		}
		if len(ws) == 0 {
			continue
		}
		far := farApart(ws)
		r := m.choose(ws, cc, fuzzyMargin)
		if far && r.best != nil {
			r.best = nil
			r.markAmbiguous()
		}
		return r
	}
	return ranked{}
}

// farApart reports whether some candidates lie farther apart than one
// city's extent.
func farApart(ws []weighed) bool {
	for _, w := range ws[1:] {
		if distanceKm(ws[0].p, w.p) > sameCityKm {
			return true
		}
	}
	return false
}
