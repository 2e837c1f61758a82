package enrich

import (
	"strings"
)

// Fuzzy matching is the last resort and deliberately conservative: only
// within a known country, only for keys long enough that one or two typos
// cannot turn one real name into another, never across a differing short
// word ("East"/"West") or a number, and only when one place is clearly the
// best.
const (
	fuzzyMinLen  = 7 // keys shorter than this are never matched fuzzily
	fuzzyMargin  = 0.5
	fuzzyMaxHits = 200 // more near keys than this: the name is too common a pattern
)

// fuzzy looks for places in the country whose keys are within a small edit
// distance of the first form that has any.
func (m *Matcher) fuzzy(forms []form, cc string, areas []area) ranked {
	for _, f := range forms {
		maxD := fuzzyBudget(len(f.key))
		if len(f.key) < fuzzyMinLen || len(f.key) > m.maxKeyLen+maxD/costCheap ||
			strings.ContainsAny(f.key, "0123456789") || m.hasAdminWord(f.key) {
			// Too short to trust, too long for any key to lie within
			// the budget (so no scan of the country's keys), or not a
			// town's name.
			continue
		}
		ix := m.fuzzyIdx.country(cc, isASCII(f.key))
		var ws []weighed
		hits := 0
		for _, ki := range m.nearKeys(ix, f.key, maxD) {
			k := m.g.KeyAt(int(ki))
			d := editDistance(f.key, k, maxD)
			if d == 0 || d > maxD || !sameShortWords(f.key, k) {
				continue
			}
			hits++
			ws = append(ws, m.weighKey(ki, f, cc, areas, d)...)
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

// nearKeys returns the country's keys that may lie within maxD of key,
// ascending (the order a scan of the country's keys would visit them).
func (m *Matcher) nearKeys(ix *countryIndex, key string, maxD int) []int32 {
	lenDiff := maxD / costCheap
	need := fuzzyNeed(key, maxD)
	if need >= 1 {
		return ix.near(m.g, key, need, lenDiff)
	}
	// The filter cannot exclude anything (not for any budget fuzzyBudget
	// gives today): every key of the right length is a candidate.
	var out []int32
	for _, ki := range ix.keys {
		if d := len(m.g.KeyAt(int(ki))) - len(key); d <= lenDiff && d >= -lenDiff {
			out = append(out, ki)
		}
	}
	return out
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

// Edit costs, in tenths: transliteration variants (i/y, v/b/w, s/z, c/k,
// an h, a c or k before an h, a space, a doubled letter) are cheap, vowel changes cost more,
// any other change costs a full edit.
const (
	costCheap = 5
	costVowel = 8
	costFull  = 10
)

// fuzzyBudget is the total edit cost a key of a given length may differ by.
func fuzzyBudget(n int) int {
	switch {
	case n >= 16:
		return 15
	case n >= 12:
		return 10
	case n >= 8:
		return 8
	default:
		return 5
	}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// subCost is the cost of reading byte x as y.
func subCost(x, y byte) int {
	if x == y {
		return 0
	}
	if x > y {
		x, y = y, x
	}
	switch [2]byte{x, y} {
	case [2]byte{'i', 'y'}, [2]byte{'b', 'v'}, [2]byte{'v', 'w'}, [2]byte{'s', 'z'},
		[2]byte{'c', 'k'}, [2]byte{'k', 'q'}, [2]byte{'j', 'y'}, [2]byte{'i', 'j'}:
		return costCheap
	}
	if isVowel(x) && isVowel(y) {
		return costVowel
	}
	return costFull
}

// indelCost is the cost of inserting or deleting s[i].
func indelCost(s string, i int) int {
	c := s[i]
	if c == 'h' || c == ' ' || (i > 0 && s[i-1] == c) || (i+1 < len(s) && s[i+1] == c) ||
		((c == 'c' || c == 'k') && i+1 < len(s) && s[i+1] == 'h') {
		return costCheap
	}
	if isVowel(c) {
		return costVowel
	}
	return costFull
}

// editDistance is a weighted optimal-string-alignment distance (see the
// costs above) between two byte strings; any distance above max is
// reported as max+1.
func editDistance(a, b string, max int) int {
	la, lb := len(a), len(b)
	prev2 := make([]int, lb+1)
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	prev[0] = 0
	for j := 1; j <= lb; j++ {
		prev[j] = prev[j-1] + indelCost(b, j-1)
	}
	for i := 1; i <= la; i++ {
		cur[0] = prev[0] + indelCost(a, i-1)
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			v := prev[j-1] + subCost(a[i-1], b[j-1])
			if x := prev[j] + indelCost(a, i-1); x < v {
				v = x
			}
			if x := cur[j-1] + indelCost(b, j-1); x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + costFull; x < v {
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
