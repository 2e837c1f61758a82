package gazetteer

import (
	"sort"
	"strings"
	"sync"
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

	countryOnce sync.Once
	countryKeys map[string][]int32 // country → keys with a place there
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
// that names a place in a country, so a fuzzy search can stay within the
// country. The index is built on first use.
func (g *Gazetteer) CountryKeys(cc string) []int32 {
	g.countryOnce.Do(g.buildCountryKeys)
	return g.countryKeys[cc]
}

func (g *Gazetteer) buildCountryKeys() {
	m := make(map[string][]int32, 256)
	for k := 0; k < g.NumKeys(); k++ {
		last := ""
		for _, p := range g.PostingsAt(k) {
			cc := g.places[p.Index()].CountryCode
			if cc == last {
				continue
			}
			last = cc
			if l := m[cc]; len(l) > 0 && l[len(l)-1] == int32(k) {
				continue
			}
			m[cc] = append(m[cc], int32(k))
		}
	}
	g.countryKeys = m
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
