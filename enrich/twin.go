package enrich

import "strings"

// twinKm is how close the two halves of a twin-city name must lie.
const twinKm = 30.0

// twin resolves a name that joins two neighbouring places ("Kalyan
// Dombivali Municipal Corporation", "Heusden Zolder"): when no form
// matched whole, each form is split into a left and a right part, and if
// both parts name places in the country that lie within twinKm of each
// other, the name resolves to the left one, the first-named seat. Both
// halves must exist and be neighbours, so a split never stands on one
// lucky word.
func (m *Matcher) twin(forms []form, cc string, areas []area) ranked {
	if cc == "" {
		return ranked{}
	}
	var found []weighed
	for _, f := range forms {
		if f.level == levelAlt {
			continue
		}
		toks := strings.Fields(f.key)
		for i := 1; i < len(toks); i++ {
			left := strings.Join(toks[:i], " ")
			right := strings.Join(toks[i:], " ")
			if len(left) < 4 || len(right) < 4 || m.words.only[left] || m.words.only[right] {
				continue
			}
			ls, _ := m.lookup(form{key: left, level: levelAlt, why: "twin-city name, left part"}, cc, areas, false)
			if len(ls) == 0 {
				continue
			}
			rs, _ := m.lookup(form{key: right, level: levelAlt}, cc, nil, false)
			for _, l := range ls {
				for _, r := range rs {
					if l.p.ID != r.p.ID && distanceKm(l.p, r.p) <= twinKm {
						found = append(found, l)
						break
					}
				}
			}
		}
		if len(found) > 0 {
			return m.choose(found, cc, minMargin)
		}
	}
	return ranked{}
}
