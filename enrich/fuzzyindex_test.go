package enrich

import (
	"slices"
	"testing"
)

// TestFuzzyIndexLossless checks that the trigram index never drops a key
// the scan of the country's keys would find within the fuzzy budget: for
// edited copies of real keys (a letter dropped, doubled, replaced, two
// swapped, a space added), every key within the budget is among those the
// index returns. The country's keys are sampled across their sorted order,
// so keys in other scripts (sorted last) are edited too, and the scan
// covers all keys: a key of the other script that lay within the budget
// would show that splitting the index by script loses answers.
func TestFuzzyIndexLossless(t *testing.T) {
	m := testMatcher(t)
	edits := []func(string) string{
		func(s string) string { return s[:2] + s[3:] },
		func(s string) string { return s[:3] + s[2:] },
		func(s string) string { return s[:1] + "k" + s[2:] },
		func(s string) string { return s[:1] + s[2:3] + s[1:2] + s[3:] },
		func(s string) string { return s[:4] + " " + s[4:] },
		func(s string) string { return s[:1] + "y" + s[2:len(s)-2] + s[len(s)-1:] },
		func(s string) string { return "h" + s[1:3] + "zz" + s[4:] },
	}
	for _, cc := range []string{"IT", "US", "UA", "JP"} {
		keys := m.g.CountryKeys(cc)
		checked := 0
		for i := 0; i < len(keys) && checked < 12; i += len(keys)/12 + 1 {
			k := m.g.KeyAt(int(keys[i]))
			if len(k) < fuzzyMinLen {
				continue
			}
			checked++
			for _, e := range edits {
				q := e(k)
				maxD := fuzzyBudget(len(q))
				got := m.nearKeys(m.fuzzyIdx.country(cc, isASCII(q)), q, maxD)
				for _, ki := range keys {
					if d := len(m.g.KeyAt(int(ki))) - len(q); d > maxD/costCheap || d < -maxD/costCheap {
						continue // the scan's own length filter
					}
					if editDistance(q, m.g.KeyAt(int(ki)), maxD) <= maxD {
						if _, ok := slices.BinarySearch(got, ki); !ok {
							t.Errorf("%s: %q is within %d of %q but not in the index's answer", cc, m.g.KeyAt(int(ki)), maxD, q)
						}
					}
				}
			}
		}
	}
}

// TestTrigrams checks the padding: a key of n bytes has n+2 trigrams.
func TestTrigrams(t *testing.T) {
	for _, k := range []string{"a", "roma", "são paulo"} {
		n := 0
		trigrams(k, func(int) { n++ })
		if n != len(k)+2 {
			t.Errorf("trigrams(%q): %d, want %d", k, n, len(k)+2)
		}
	}
}
