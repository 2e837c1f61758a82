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
//
// The halves are slices of the form's key, not joined copies, and a half
// longer than any gazetteer key is never looked up, so the work per form
// is linear in its length however many words it has.
func (m *Matcher) twin(forms []form, cc string, areas []area) ranked {
	if cc == "" {
		return ranked{}
	}
	var found []weighed
	for _, f := range forms {
		if f.level == levelAlt || len(f.key) > 2*m.maxKeyLen+1 {
			continue // an alternative, or too long for two keys
		}
		key := strings.Join(strings.Fields(f.key), " ")
		for _, cut := range twinCuts(key, m.maxKeyLen) {
			left, right := key[:cut], key[cut+1:]
			if len(left) < 4 || len(right) < 4 || m.words.only[left] || m.words.only[right] {
				continue
			}
			found = append(found, m.twinHalves(left, right, cc, areas)...)
		}
		if len(found) > 0 {
			return m.choose(found, cc, minMargin)
		}
	}
	return ranked{}
}

// twinCuts returns the positions of the spaces of a single-spaced key at
// which both halves are at most maxLen bytes long, in order. Only a key of
// at most 2*maxLen+1 bytes has any, so a long key costs one scan.
func twinCuts(key string, maxLen int) []int {
	if len(key) > 2*maxLen+1 {
		return nil
	}
	var cuts []int
	for i := 0; i < len(key); i++ {
		if key[i] == ' ' && i <= maxLen && len(key)-i-1 <= maxLen {
			cuts = append(cuts, i)
		}
	}
	return cuts
}

// twinHalves returns the candidates of the left half that have a
// different place of the right half within twinKm.
func (m *Matcher) twinHalves(left, right, cc string, areas []area) []weighed {
	ls, _ := m.lookup(form{key: left, level: levelAlt, why: "twin-city name, left part"}, cc, areas, false)
	if len(ls) == 0 {
		return nil
	}
	rs, _ := m.lookup(form{key: right, level: levelAlt}, cc, nil, false)
	var found []weighed
	for _, l := range ls {
		for _, r := range rs {
			if l.p.ID != r.p.ID && distanceKm(l.p, r.p) <= twinKm {
				found = append(found, l)
				break
			}
		}
	}
	return found
}
