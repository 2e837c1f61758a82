package gazetteer

import (
	"sort"
	"strings"
)

// Kind says which of a place's names a key came from; the matcher ranks a
// match on a place's own name above one on an alternate name.
type Kind uint8

// Name kinds, from strongest to weakest.
const (
	KindName      Kind = iota // the place's main GeoNames name
	KindASCII                 // its ASCII spelling
	KindAlternate             // one of its alternate names
)

// Posting is one (place, kind) entry of the name index: the index of a
// place in the gazetteer (see At) and the kind of name the key came from.
type Posting uint32

func newPosting(place int, k Kind) Posting { return Posting(uint32(place)<<2 | uint32(k)) }

// Index is the position of the posting's place (see Gazetteer.At).
func (p Posting) Index() int { return int(p >> 2) }

// Kind is the kind of name that produced the key.
func (p Posting) Kind() Kind { return Kind(p & 3) }

// Admin1 is a first-order administrative division (state, province,
// prefecture) as GeoNames names it.
type Admin1 struct {
	CountryCode string
	Code        string
	Name        string
}

// Gazetteer is an immutable set of places with a sorted index from folded
// name keys (see Key) to the places bearing that name. It is safe for
// concurrent use.
type Gazetteer struct {
	name, sum string

	places []Place // sorted by ID

	keys    string   // all distinct keys, sorted, concatenated
	keyOff  []uint32 // key i is keys[keyOff[i]:keyOff[i+1]]
	post    []Posting
	postOff []uint32 // key i's postings are post[postOff[i]:postOff[i+1]]

	admin1     []Admin1          // sorted by country, code
	admin1Name map[string]string // "CC.code" → name

	countryKeys map[string][]int32 // country → keys with a place there, ascending

	sources []Source     // the inputs the gazetteer was built from
	former  []FormerName // names of an older dump kept as alternates, by place

	divisions []Division            // second-order divisions with a seat, by code
	divByStem map[string][]Division // stem → divisions
}

// Info names the gazetteer and gives the SHA-256 of the bytes it was loaded
// from, so a snapshot manifest can record exactly which data resolved it.
func (g *Gazetteer) Info() (name, sha256 string) { return g.name, g.sum }

// Len is the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// At returns the place at index i (0 ≤ i < Len), as a Posting refers to it.
func (g *Gazetteer) At(i int) *Place { return &g.places[i] }

// ByID returns the place with a GeoNames id.
func (g *Gazetteer) ByID(id int64) (*Place, bool) {
	i := sort.Search(len(g.places), func(i int) bool { return g.places[i].ID >= id })
	if i < len(g.places) && g.places[i].ID == id {
		return &g.places[i], true
	}
	return nil, false
}

// NumKeys is the number of distinct name keys in the index.
func (g *Gazetteer) NumKeys() int { return len(g.keyOff) - 1 }

// KeyAt returns the i-th key in sorted order.
func (g *Gazetteer) KeyAt(i int) string { return g.keys[g.keyOff[i]:g.keyOff[i+1]] }

// PostingsAt returns the places bearing the i-th key. The slice is shared:
// callers must not modify it.
func (g *Gazetteer) PostingsAt(i int) []Posting { return g.post[g.postOff[i]:g.postOff[i+1]] }

// Lookup returns the places bearing a folded key (the output of Key), or
// nil. The slice is shared: callers must not modify it.
func (g *Gazetteer) Lookup(key string) []Posting {
	n := g.NumKeys()
	i := sort.Search(n, func(i int) bool { return g.KeyAt(i) >= key })
	if i < n && g.KeyAt(i) == key {
		return g.PostingsAt(i)
	}
	return nil
}

// CountryKeys returns the indices (for KeyAt and PostingsAt) of every key
// that names a place in a country, in ascending order (so the keys are in
// sorted order too), so a fuzzy search can stay within the country and
// build its own index of a country's keys when it first needs one. The
// lists are built once when the gazetteer is loaded; the slice is shared:
// callers must not modify it.
func (g *Gazetteer) CountryKeys(cc string) []int32 { return g.countryKeys[cc] }

// Countries returns the codes of the countries that have places, sorted.
func (g *Gazetteer) Countries() []string {
	out := make([]string, 0, len(g.countryKeys))
	for cc := range g.countryKeys {
		out = append(out, cc)
	}
	sort.Strings(out)
	return out
}

// indexCountries builds the per-country key lists from the places'
// country codes.
func (g *Gazetteer) indexCountries() {
	codes := map[string]int32{}
	var names []string
	placeCC := make([]int32, len(g.places))
	for i := range g.places {
		cc := g.places[i].CountryCode
		c, ok := codes[cc]
		if !ok {
			c = int32(len(names))
			codes[cc] = c
			names = append(names, cc)
		}
		placeCC[i] = c
	}
	g.indexCountriesBy(placeCC, names)
}

// indexCountriesBy builds the per-country key lists, given each place's
// country as an index into names. The lists are derived from the postings
// rather than stored in the file: one pass over them takes a few
// milliseconds, while storing them would add about a megabyte to the
// embedded file and as much decoding work as it saves.
func (g *Gazetteer) indexCountriesBy(placeCC []int32, names []string) {
	// Two passes over the postings, count then fill, so that all the lists
	// share one allocation. lastKey[c] keeps a key from being listed twice
	// for a country that several of its places share.
	count := make([]int, len(names))
	lastKey := make([]int32, len(names))
	nk := g.NumKeys()
	for pass := 0; pass < 2; pass++ {
		for i := range lastKey {
			lastKey[i] = -1
		}
		lists := make([][]int32, len(names))
		if pass == 1 {
			total := 0
			for _, n := range count {
				total += n
			}
			backing := make([]int32, total)
			off := 0
			for c, n := range count {
				lists[c] = backing[off : off : off+n]
				off += n
			}
		}
		for k := 0; k < nk; k++ {
			for _, p := range g.post[g.postOff[k]:g.postOff[k+1]] {
				c := placeCC[p.Index()]
				if lastKey[c] == int32(k) {
					continue
				}
				lastKey[c] = int32(k)
				if pass == 0 {
					count[c]++
				} else {
					lists[c] = append(lists[c], int32(k))
				}
			}
		}
		if pass == 1 {
			g.countryKeys = make(map[string][]int32, len(names))
			for c, cc := range names {
				if len(lists[c]) > 0 {
					g.countryKeys[cc] = lists[c]
				}
			}
		}
	}
}

// Admin1Name returns the name of a first-order division, or "".
func (g *Gazetteer) Admin1Name(cc, code string) string {
	if code == "" {
		return ""
	}
	return g.admin1Name[cc+"."+code]
}

// Admin1s returns every first-order division, sorted by country and code.
// The slice is shared: callers must not modify it.
func (g *Gazetteer) Admin1s() []Admin1 { return g.admin1 }

// newAdmin1 sorts the divisions and builds the name lookup.
func (g *Gazetteer) setAdmin1(list []Admin1) {
	sort.Slice(list, func(i, j int) bool {
		if list[i].CountryCode != list[j].CountryCode {
			return list[i].CountryCode < list[j].CountryCode
		}
		return list[i].Code < list[j].Code
	})
	g.admin1 = list
	g.admin1Name = make(map[string]string, len(list))
	for _, a := range list {
		g.admin1Name[a.CountryCode+"."+a.Code] = a.Name
	}
}

// indexEntry is one (key, posting) pair while an index is being built.
type indexEntry struct {
	key string
	p   Posting
}

// buildIndex turns per-place keys into the sorted index. Each place's keys
// must already be distinct, with the strongest kind kept.
func (g *Gazetteer) buildIndex(entries []indexEntry) {
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].key != entries[j].key {
			return entries[i].key < entries[j].key
		}
		return entries[i].p < entries[j].p
	})
	var keys strings.Builder
	g.keyOff = g.keyOff[:0]
	g.postOff = g.postOff[:0]
	g.post = make([]Posting, 0, len(entries))
	for i, e := range entries {
		if i == 0 || e.key != entries[i-1].key {
			g.keyOff = append(g.keyOff, uint32(keys.Len()))
			g.postOff = append(g.postOff, uint32(len(g.post)))
			keys.WriteString(e.key)
		}
		g.post = append(g.post, e.p)
	}
	g.keyOff = append(g.keyOff, uint32(keys.Len()))
	g.postOff = append(g.postOff, uint32(len(g.post)))
	g.keys = keys.String()
}

// New builds a gazetteer from places, their alternate names (alternates[i]
// belongs to places[i]; may be shorter) and division names, for tests and
// for callers that assemble places from another source. Unlike LoadDump it
// keeps every place it is given, historic ones included, so that the
// matcher's own guard against them can be tested. Its Info hash is empty.
func New(name string, places []Place, alternates [][]string, admin1 []Admin1) *Gazetteer {
	b := newBuilder()
	for i, p := range places {
		var alts []string
		if i < len(alternates) {
			alts = alternates[i]
		}
		b.add(p, alts)
	}
	return b.finish(name, "", append([]Admin1(nil), admin1...))
}
