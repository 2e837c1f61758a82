package enrich

import (
	"slices"
	"sync"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// The fuzzy index finds the keys of a country that may lie within the fuzzy
// budget of a name without computing an edit distance to every key: a miss
// (a name that matches nothing, a fifth of what networks publish) used to
// scan all of a country's keys, some 2 ms for the United States.
//
// It is a trigram index with count filtering. A key is padded with two
// marks at each end, so a key of n bytes has n+2 trigrams. One edit
// (insertion, deletion, substitution) changes at most three of the name's
// trigrams and a transposition at most four; every edit costs at least
// costCheap and a transposition 2×costCheap, so a key within a budget of
// maxD shares at least n+2 − 3·⌊maxD/costCheap⌋ of the name's trigrams
// (counted with the name's multiplicity). The filter only drops keys that
// cannot be within the budget, so the index returns what the scan did.
//
// Bytes are mapped to a small alphabet (letters, digits, space, pad, and
// one symbol for every other byte) so a trigram is a dense id below
// trigramSpace and the postings are flat arrays, not maps. Merging bytes
// only makes the filter looser: still lossless.

const (
	trigramAlphabet = 40
	trigramSpace    = trigramAlphabet * trigramAlphabet * trigramAlphabet
)

// trigramSymbol maps a key byte to the index alphabet: 0 is the padding
// mark, 1–26 letters, 27–36 digits, 37 a space, 38 any other byte.
func trigramSymbol(c byte) int { return int(symbols[c]) }

// symbols is trigramSymbol as a table: building a large country's index
// maps every byte of its keys, and a lookup beats a switch there.
var symbols = func() (t [256]uint8) {
	for c := range t {
		switch b := byte(c); {
		case 'a' <= b && b <= 'z':
			t[c] = b - 'a' + 1
		case '0' <= b && b <= '9':
			t[c] = b - '0' + 27
		case b == ' ':
			t[c] = 37
		default:
			t[c] = 38
		}
	}
	return t
}()

// trigrams calls fn with the id of every padded trigram of key, in order.
func trigrams(key string, fn func(id int)) {
	a, b := 0, 0 // the two padding marks
	for i := 0; i < len(key)+2; i++ {
		c := 0
		if i < len(key) {
			c = trigramSymbol(key[i])
		}
		fn((a*trigramAlphabet+b)*trigramAlphabet + c)
		a, b = b, c
	}
}

// appendTrigrams appends the ids of key's padded trigrams to ids.
func appendTrigrams(ids []uint16, key string) []uint16 {
	a, b := 0, 0
	for i := 0; i < len(key)+2; i++ {
		c := 0
		if i < len(key) {
			c = int(symbols[key[i]])
		}
		ids = append(ids, uint16((a*trigramAlphabet+b)*trigramAlphabet+c))
		a, b = b, c
	}
	return ids
}

// countryIndex is the trigram index of one country's keys.
type countryIndex struct {
	keys []int32  // gazetteer key indices (for KeyAt), ascending
	off  []uint32 // postings of trigram t are post[off[t]:off[t+1]]
	post []int32  // positions in keys, ascending within a trigram

	scratch sync.Pool // *nearScratch, for queries
}

// nearScratch is one query's working memory, reused so a miss allocates
// almost nothing: a hit counter per key (zero between queries) and the
// keys whose counter was touched.
type nearScratch struct {
	counts  []uint8
	touched []int32
}

// newCountryIndex indexes the keys of a country (as CountryKeys lists
// them) that a fuzzy search for a key of the given script can reach: all
// ASCII or all not (an ASCII key and one with a multi-byte letter differ
// by at least two full-cost byte edits, 20, more than any fuzzyBudget),
// and no shorter than fuzzyMinKeyLen. A third of the keys are alternate
// names in other scripts, so an ASCII search indexes about half the bytes
// it would otherwise.
func newCountryIndex(g *gazetteer.Gazetteer, countryKeys []int32, ascii bool) *countryIndex {
	ix := &countryIndex{off: make([]uint32, trigramSpace+1)}
	// Each key's distinct trigrams are computed once, into one slice
	// (ends[i] is where key i's end), then counted and filled.
	ids := make([]uint16, 0, 12*len(countryKeys))
	var ends []int
	last := make([]int32, trigramSpace) // the last key that had the trigram, +1
	for _, k := range countryKeys {
		key := g.KeyAt(int(k))
		if len(key) < fuzzyMinKeyLen || isASCII(key) != ascii {
			continue
		}
		start := len(ids)
		ids = appendTrigrams(ids, key)
		ix.keys = append(ix.keys, k)
		mark := int32(len(ix.keys))
		kept := start
		for _, t := range ids[start:] {
			if last[t] != mark {
				last[t] = mark
				ids[kept] = t
				kept++
			}
		}
		ids = ids[:kept]
		ends = append(ends, kept)
	}
	for _, t := range ids {
		ix.off[t+1]++
	}
	for t := 1; t <= trigramSpace; t++ {
		ix.off[t] += ix.off[t-1]
	}
	ix.post = make([]int32, len(ids))
	fill := slices.Clone(ix.off[:trigramSpace])
	start := 0
	for i, end := range ends {
		for _, t := range ids[start:end] {
			ix.post[fill[t]] = int32(i)
			fill[t]++
		}
		start = end
	}
	n := len(ix.keys)
	ix.scratch.New = func() any { return &nearScratch{counts: make([]uint8, n)} }
	return ix
}

// near returns, in ascending order, the gazetteer key indices that share
// at least need of key's trigrams and whose length differs from key's by
// at most maxLenDiff: a superset of the keys within the fuzzy budget.
func (ix *countryIndex) near(g *gazetteer.Gazetteer, key string, need, maxLenDiff int) []int32 {
	sc := ix.scratch.Get().(*nearScratch)
	counts, touched := sc.counts, sc.touched[:0]
	var out []int32
	trigrams(key, func(t int) {
		for _, i := range ix.post[ix.off[t]:ix.off[t+1]] {
			if counts[i] == 0 {
				touched = append(touched, i)
			}
			counts[i]++
		}
	})
	for _, i := range touched {
		if int(counts[i]) >= need {
			k := ix.keys[i]
			if d := len(g.KeyAt(int(k))) - len(key); d <= maxLenDiff && d >= -maxLenDiff {
				out = append(out, k)
			}
		}
		counts[i] = 0
	}
	sc.touched = touched
	ix.scratch.Put(sc)
	slices.Sort(out)
	return out
}

// fuzzyMinKeyLen is the length of the shortest key within budget of a
// fuzzyMinLen-letter name: no shorter key is indexed.
var fuzzyMinKeyLen = fuzzyMinLen - fuzzyBudget(fuzzyMinLen)/costCheap

// fuzzyIndexes holds the trigram index of each country, built the first
// time a name of that country needs a fuzzy search: a run resolves the
// members of a few dozen countries, and building all of them at start-up
// would cost every command that loads the gazetteer.
type fuzzyIndexes struct {
	g  *gazetteer.Gazetteer
	mu sync.Mutex
	by map[string]*lazyIndex
}

// lazyIndex builds one country's index once, outside fuzzyIndexes' lock,
// so countries are built in parallel and a lookup never waits on another
// country's build.
type lazyIndex struct {
	once sync.Once
	ix   *countryIndex
}

func newFuzzyIndexes(g *gazetteer.Gazetteer) *fuzzyIndexes {
	return &fuzzyIndexes{g: g, by: make(map[string]*lazyIndex)}
}

// country returns the index of a country's keys that a fuzzy search for
// a key of the given script can reach (see fuzzyKeys), building it on
// first use.
func (f *fuzzyIndexes) country(cc string, ascii bool) *countryIndex {
	id := cc
	if !ascii {
		id += "/other"
	}
	f.mu.Lock()
	l := f.by[id]
	if l == nil {
		l = &lazyIndex{}
		f.by[id] = l
	}
	f.mu.Unlock()
	l.once.Do(func() { l.ix = newCountryIndex(f.g, f.g.CountryKeys(cc), ascii) })
	return l.ix
}

// fuzzyNeed is the number of a key's trigrams a gazetteer key must share
// to lie within a budget of maxD (see the comment at the top of the file).
func fuzzyNeed(key string, maxD int) int {
	return len(key) + 2 - 3*(maxD/costCheap)
}
