package enrich

import (
	"slices"
	"strings"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// A list that cut names to a fixed width can leave one ending in an
// article or a preposition ("Sanlúcar la" for "Sanlúcar la Mayor"). No
// place's name ends so, so such a name is read as the start of a longer
// one: the key of the country that begins with it, when only one does.

// danglingWords are the articles, prepositions and conjunctions a name
// never ends with.
var danglingWords = map[string]bool{
	"la": true, "las": true, "el": true, "los": true, "le": true, "les": true,
	"de": true, "del": true, "di": true, "della": true, "dei": true, "da": true,
	"do": true, "dos": true, "das": true, "du": true, "des": true, "y": true,
	"i": true, "e": true, "et": true, "and": true, "of": true, "sur": true,
	"sul": true, "am": true, "an": true, "im": true, "upon": true, "on": true,
}

// maxTruncatedKeys is how many keys may begin with a cut name: more, and
// the name says too little of which it was ("San Martín de" begins a
// dozen Spanish names).
const maxTruncatedKeys = 1

// truncated resolves the first form that ends with a dangling word against
// the places whose keys begin with it, as a fuzzy match of one cheap edit.
func (m *Matcher) truncated(forms []form, cc string, areas []area) ranked {
	for _, f := range forms {
		if i := strings.LastIndexByte(f.key, ' '); i < 4 || !danglingWords[f.key[i+1:]] {
			continue
		}
		keys := m.keysWithPrefix(cc, f.key+" ")
		if len(keys) == 0 || len(keys) > maxTruncatedKeys {
			continue
		}
		if ws := m.weighGuessed(keys, f, "cut short", cc, areas); len(ws) > 0 {
			return m.choose(ws, cc, fuzzyMargin)
		}
	}
	return ranked{}
}

// weighGuessed weighs the places under keys that form f was guessed to
// mean (letters lost, a name cut short), as found by that key at one
// cheap edit, with the guess noted in the form's why.
func (m *Matcher) weighGuessed(keys []int32, f form, guess, cc string, areas []area) []weighed {
	var ws []weighed
	for _, ki := range keys {
		g := f
		g.key = m.g.KeyAt(int(ki))
		g.why += ", " + guess
		ws = append(ws, m.weighKey(ki, g, cc, areas, costCheap)...)
	}
	return ws
}

// weighKey returns the places of the country under key ki, found by form
// f at edit distance dist, that lie in one of the hinted areas (when
// there are any).
func (m *Matcher) weighKey(ki int32, f form, cc string, areas []area, dist int) []weighed {
	var ws []weighed
	for _, post := range m.g.PostingsAt(int(ki)) {
		p := m.g.At(post.Index())
		if p.CountryCode != cc || gazetteer.Historic(p.FeatureCode) {
			continue
		}
		w := weighed{p: p, kind: post.Kind(), form: f, weight: m.prominence(p), dist: dist}
		if post.Kind() != gazetteer.KindAlternate {
			w.weight += exactBonus
		}
		if w.agree = agreeing(areas, p); len(areas) > 0 && w.agree == "" {
			continue
		}
		ws = append(ws, w)
	}
	return ws
}

// keysWithPrefix returns the country's keys that begin with prefix, in
// order.
func (m *Matcher) keysWithPrefix(cc, prefix string) []int32 {
	keys := m.g.CountryKeys(cc)
	if prefix == "" {
		return keys
	}
	lo, _ := slices.BinarySearchFunc(keys, prefix, func(ki int32, p string) int {
		return strings.Compare(m.g.KeyAt(int(ki)), p)
	})
	hi := lo
	for hi < len(keys) && strings.HasPrefix(m.g.KeyAt(int(keys[hi])), prefix) {
		hi++
	}
	return keys[lo:hi]
}
