package enrich

import (
	"strings"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// Fuzzy matching is the last resort and deliberately conservative: only
// within a known country, only for keys long enough that one or two typos
// cannot turn one real name into another, never across a differing short
// word ("East"/"West") or a number, and only when one place is clearly the
// best.
const (
	fuzzyMinLen  = 7  // keys shorter than this are never matched fuzzily
	fuzzyTwoLen  = 12 // keys at least this long may differ by two edits
	fuzzyMargin  = 0.5
	fuzzyMaxHits = 200 // more near keys than this: the name is too common a pattern
)

// fuzzy looks for places in the country whose keys are within a small edit
// distance of the first form that has any.
func (m *Matcher) fuzzy(forms []form, cc string, areas []area) ranked {
	keys := m.g.CountryKeys(cc)
	for _, f := range forms {
		if len(f.key) < fuzzyMinLen || strings.ContainsAny(f.key, "0123456789") || m.hasAdminWord(f.key) {
			continue
		}
		maxD := 1
		if len(f.key) >= fuzzyTwoLen {
			maxD = 2
		}
		var ws []weighed
		hits := 0
		for _, ki := range keys {
			k := m.g.KeyAt(int(ki))
			if d := len(k) - len(f.key); d > maxD || d < -maxD {
				continue
			}
			d := editDistance(f.key, k, maxD)
			if d == 0 || d > maxD || !sameShortWords(f.key, k) {
				continue
			}
			hits++
			for _, post := range m.g.PostingsAt(int(ki)) {
				p := m.g.At(post.Index())
				if p.CountryCode != cc || gazetteer.Historic(p.FeatureCode) {
					continue
				}
				w := weighed{p: p, kind: post.Kind(), form: f, weight: prominence(p), dist: d}
				if post.Kind() != gazetteer.KindAlternate {
					w.weight += exactBonus
				}
				if len(areas) > 0 {
					for _, a := range areas {
						if a.contains(p) {
							w.agree = a.why
							break
						}
					}
					if w.agree == "" {
						continue
					}
				}
				ws = append(ws, w)
			}
		}
		if hits > fuzzyMaxHits {
			return ranked{}
		}
		if len(ws) == 0 {
			continue
		}
		return m.choose(ws, cc, fuzzyMargin)
	}
	return ranked{}
}

// sameShortWords reports whether two keys with the same number of words
// agree on every word of four letters or less (up to one being a prefix of
// the other: "la"/"las"), so a fuzzy match never turns "East" into "West"
// or "Nord" into "Sud".
func sameShortWords(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return len(wa)+len(wb) > 2 && strings.ReplaceAll(a, " ", "") == strings.ReplaceAll(b, " ", "")
	}
	for i := range wa {
		x, y := wa[i], wb[i]
		if x == y || (len(x) > 4 && len(y) > 4) {
			continue
		}
		if !strings.HasPrefix(x, y) && !strings.HasPrefix(y, x) {
			return false
		}
	}
	return true
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions) between two byte strings, computed in a band of
// width max; any distance above max is reported as max+1.
func editDistance(a, b string, max int) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > max || d < -max {
		return max + 1
	}
	const inf = 1 << 20
	// Three rows: two back (for transpositions), previous, current.
	prev2 := make([]int, lb+1)
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		lo, hi := i-max, i+max
		if lo < 1 {
			lo = 1
		}
		if hi > lb {
			hi = lb
		}
		for j := range cur {
			cur[j] = inf
		}
		if i <= max {
			cur[0] = i
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[lb] > max {
		return max + 1
	}
	return prev[lb]
}

// hasAdminWord reports whether a key contains a division word ("king
// county"): such names are not typos of a town's name.
func (m *Matcher) hasAdminWord(key string) bool {
	for _, tok := range strings.Fields(key) {
		for _, l := range [][]string{m.words.admin, m.words.county} {
			for _, w := range l {
				if tok == w {
					return true
				}
			}
		}
	}
	return false
}
