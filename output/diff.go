package output

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/citynets/citynets"
)

// DiffInput is what Diff compares: the members of a parent snapshot (From)
// and of its child (To), and per network whether its scrape and guard passed
// in each (the caller builds FromOK and ToOK from the manifests; a network
// missing from a map counts as not passed). Only ToOK decides what is
// compared: a network that failed in From is compared against its
// carried-forward rows there, which are the last good picture of it, and a
// network with no rows in From (a store's first snapshot, a new network)
// has every member joined. FromOK serves Summarize.
type DiffInput struct {
	FromID, ToID string
	From, To     []citynets.Member
	FromOK, ToOK map[string]bool
}

// renameThreshold is the name similarity (0..1) from which a vanished key and
// a new key at the same place are taken for one renamed member. 0.5 accepts
// "New Delhi" → "Delhi NCT" (one token of two shared) and rejects
// "Bombay" → "Mumbai" (which is still a rename when it is the only
// candidate pair at its place; see pairRenames).
const renameThreshold = 0.5

// memberID identifies one membership across snapshots.
type memberID struct{ network, key string }

func idOf(m *citynets.Member) memberID { return memberID{m.Network, m.MemberKey} }

// Diff returns the changes from in.From to in.To, sorted by network, change
// and member_key, so that the changes table of a snapshot is reproducible.
//
// Only networks whose scrape and guard passed in To are compared: a network
// that failed (its rows are stale copies) or was skipped or is absent in To
// yields no changes at all, so a broken scraper never reads as mass
// departures. Volatile fields (snapshot_id, fetched_at, source_sha256, the
// query and fragment of source_url) and the run status fields stale and
// carried_from never count as a change. A key that vanished and a key that
// appeared in the same network resolving to the same place become one
// renamed row (see pairRenames) instead of a left and a joined. If a
// membership appears twice in one snapshot the first row counts.
//
// Cost is one hash map over From plus one pass over each side: linear in
// the number of members.
func Diff(in DiffInput) []citynets.Change {
	from := make(map[memberID]int32, len(in.From))
	dupFrom := make([]bool, len(in.From))
	for i := range in.From {
		id := idOf(&in.From[i])
		if _, ok := from[id]; ok {
			dupFrom[i] = true
			continue
		}
		from[id] = int32(i)
	}

	var changes []citynets.Change
	matched := make([]bool, len(in.From))
	added := map[memberID]int32{} // keys only in To, first row each
	for i := range in.To {
		b := &in.To[i]
		if !in.ToOK[b.Network] {
			continue
		}
		id := idOf(b)
		j, ok := from[id]
		if !ok {
			if _, dup := added[id]; !dup {
				added[id] = int32(i)
			}
			continue
		}
		if matched[j] {
			continue // a duplicate row in To
		}
		matched[j] = true
		a := &in.From[j]
		fields, source := compareMembers(a, b)
		if len(fields) == 0 {
			continue
		}
		changes = append(changes, citynets.Change{
			MemberKey: b.MemberKey, Network: b.Network, Change: citynets.Modified,
			Cause: causeOf(source), ChangedFields: fields,
			OldName: a.Name, NewName: b.Name, PlaceID: b.Match.PlaceID,
		})
	}

	var gone []int32
	for i := range in.From {
		if !dupFrom[i] && !matched[i] && in.ToOK[in.From[i].Network] {
			gone = append(gone, int32(i))
		}
	}
	news := slices.Collect(maps.Values(added))
	slices.Sort(news) // input order, so that pairing does not depend on map order

	changes = append(changes, pairRenames(in.From, in.To, gone, news)...)
	for i := range changes {
		changes[i].FromSnapshot, changes[i].ToSnapshot = in.FromID, in.ToID
	}
	slices.SortFunc(changes, compareChanges)
	return changes
}

func compareChanges(a, b citynets.Change) int {
	return cmp.Or(
		strings.Compare(a.Network, b.Network),
		strings.Compare(a.Change, b.Change),
		strings.Compare(a.MemberKey, b.MemberKey),
	)
}

func causeOf(source bool) string {
	if source {
		return citynets.CauseSource
	}
	return citynets.CauseProcessing
}

// pairRenames turns the vanished rows (indexes into from) and the new rows
// (indexes into to) into renamed, left and joined changes.
//
// Candidates for a rename share network and place_id (unresolved members are
// never renamed: without a place there is no evidence they are the same
// city). Within each such group pairs are taken greedily, best name
// similarity first, while the similarity reaches renameThreshold; names
// where one's tokens all occur in the other's ("Dhaka" → "Dhaka (North &
// South)") always qualify. A group of exactly one vanished and one new key
// is a rename whatever the names ("Bombay" → "Mumbai"): nothing else at that
// place could explain either row. Everything left unpaired is left or
// joined, with cause source.
func pairRenames(from, to []citynets.Member, gone, news []int32) []citynets.Change {
	type group struct{ gone, news []int32 }
	groups := map[memberID]*group{} // network + place_id
	var out []citynets.Change
	for _, i := range gone {
		a := &from[i]
		if a.Match.PlaceID == "" {
			out = append(out, leftChange(a))
			continue
		}
		k := memberID{a.Network, a.Match.PlaceID}
		if groups[k] == nil {
			groups[k] = &group{}
		}
		groups[k].gone = append(groups[k].gone, i)
	}
	for _, i := range news {
		b := &to[i]
		g := groups[memberID{b.Network, b.Match.PlaceID}]
		if b.Match.PlaceID == "" || g == nil {
			out = append(out, joinedChange(b))
			continue
		}
		g.news = append(g.news, i)
	}

	for _, g := range groups {
		out = append(out, pairGroup(from, to, g.gone, g.news)...)
	}
	return out
}

// renameIndexCap bounds the work of pairing one place's rows. A token or
// bigram shared by more vanished names than this does not propose
// candidates (it is as common as "ward" or "city" there), and each new name
// is scored against at most this many vanished ones, rarest shared keys
// first. A place with at most this many vanished rows is paired exactly as
// by scoring every pair: only names sharing a token or a bigram can reach
// renameThreshold, and no key or name reaches the caps.
const renameIndexCap = 64

// renamePair is a candidate pair of a group: indexes into its gone and
// news lists and their similarity.
type renamePair struct {
	gi, ni int
	score  float64
}

// pairGroup pairs the vanished and new rows of one network and place:
// greedily, best similarity first (ties in input order), while the
// similarity reaches renameThreshold; one vanished and one new row are a
// rename whatever their names. Unpaired rows are left or joined.
func pairGroup(from, to []citynets.Member, gone, news []int32) []citynets.Change {
	var pairs []renamePair
	if len(gone) == 1 && len(news) == 1 {
		pairs = []renamePair{{0, 0, 1}}
	} else if len(news) > 0 {
		pairs = candidatePairs(from, to, gone, news)
		slices.SortFunc(pairs, func(x, y renamePair) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.gi, y.gi), cmp.Compare(x.ni, y.ni))
		})
	}
	var out []citynets.Change
	usedG := make([]bool, len(gone))
	usedN := make([]bool, len(news))
	for _, p := range pairs {
		if usedG[p.gi] || usedN[p.ni] {
			continue
		}
		usedG[p.gi], usedN[p.ni] = true, true
		out = append(out, renamedChange(&from[gone[p.gi]], &to[news[p.ni]]))
	}
	for gi, i := range gone {
		if !usedG[gi] {
			out = append(out, leftChange(&from[i]))
		}
	}
	for ni, j := range news {
		if !usedN[ni] {
			out = append(out, joinedChange(&to[j]))
		}
	}
	return out
}

// candidatePairs scores the pairs of a group that share a token or a
// bigram, through an index of the vanished names (see renameIndexCap), and
// returns those reaching renameThreshold.
func candidatePairs(from, to []citynets.Member, gone, news []int32) []renamePair {
	goneNames := make([]foldedName, len(gone))
	index := map[string][]int{}
	for gi, i := range gone {
		goneNames[gi] = foldName(from[i].Name)
		for _, k := range goneNames[gi].keys() {
			index[k] = append(index[k], gi)
		}
	}
	var pairs []renamePair
	seen := make([]int, len(gone)) // ni+1 when scored for news[ni]
	for ni, j := range news {
		b := foldName(to[j].Name)
		var lists [][]int
		for _, k := range b.keys() {
			if l := index[k]; len(l) > 0 && len(l) <= renameIndexCap {
				lists = append(lists, l)
			}
		}
		slices.SortStableFunc(lists, func(x, y []int) int { return cmp.Compare(len(x), len(y)) })
		scored := 0
		for _, l := range lists {
			for _, gi := range l {
				if seen[gi] == ni+1 || scored == renameIndexCap {
					continue
				}
				seen[gi] = ni + 1
				scored++
				if s := similarity(goneNames[gi], b); s >= renameThreshold {
					pairs = append(pairs, renamePair{gi, ni, s})
				}
			}
		}
	}
	return pairs
}

func leftChange(a *citynets.Member) citynets.Change {
	return citynets.Change{
		Network: a.Network, MemberKey: a.MemberKey, Change: citynets.Left,
		Cause: citynets.CauseSource, OldName: a.Name, PlaceID: a.Match.PlaceID,
	}
}

func joinedChange(b *citynets.Member) citynets.Change {
	return citynets.Change{
		Network: b.Network, MemberKey: b.MemberKey, Change: citynets.Joined,
		Cause: citynets.CauseSource, NewName: b.Name, PlaceID: b.Match.PlaceID,
	}
}

// renamedChange is keyed by the new member_key; its changed_fields start
// with member_key and go on with every other field that differs.
func renamedChange(a, b *citynets.Member) citynets.Change {
	fields, _ := compareMembers(a, b)
	return citynets.Change{
		Network: b.Network, MemberKey: b.MemberKey, Change: citynets.Renamed,
		Cause:         citynets.CauseSource,
		ChangedFields: append([]string{"member_key"}, fields...),
		OldName:       a.Name, NewName: b.Name, PlaceID: b.Match.PlaceID,
	}
}

// memberDiff is the compared columns of the members table (source and
// derived), in table order. It is built once and only read.
var memberDiff = comparedColumns(memberColumns(""))

// comparedColumns keeps the columns whose differences count as changes.
func comparedColumns[T any](cols []column[T]) []column[T] {
	var out []column[T]
	for _, c := range cols {
		if c.role == roleSource || c.role == roleDerived {
			out = append(out, c)
		}
	}
	return out
}

// compareMembers lists the compared columns that differ between a and b, in
// table column order (attributes as "attributes.<key>", sorted), and reports
// whether any of them is a published (source) value rather than a derived
// one. The column descriptors decide what is compared and how (see
// diffRole): place columns are null when PlaceID is empty, so they are
// compared as nulls then, whatever the struct holds, and source_url is
// compared without its query and fragment.
func compareMembers(a, b *citynets.Member) (fields []string, source bool) {
	return compareRows(memberDiff, a, b)
}

// compareRows is compareMembers over any compared columns.
func compareRows[T any](cols []column[T], a, b *T) (fields []string, source bool) {
	for _, c := range cols {
		n := len(fields)
		fields = c.differs(fields, a, b)
		if len(fields) > n && c.role == roleSource {
			source = true
		}
	}
	return fields, source
}

// urlWithoutQuery drops the query and fragment: trackers, cache busters and
// page anchors change between runs without the page being another.
func urlWithoutQuery(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}

// appendMapDiff appends "<name>.<key>" for each key added, removed or
// changed from a to b, keys sorted. It allocates only when they differ.
func appendMapDiff(fields []string, name string, a, b map[string]string) []string {
	if len(a) == len(b) {
		same := true
		for k, v := range a {
			if w, ok := b[k]; !ok || w != v {
				same = false
				break
			}
		}
		if same {
			return fields
		}
	}
	var keys []string
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			keys = append(keys, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		fields = append(fields, name+"."+k)
	}
	return fields
}

// nameSimilarity scores two published names 0..1 for rename pairing: the
// better of the token Dice coefficient and the character-bigram Dice
// coefficient of the folded names (lower case, common Latin diacritics
// removed, "." and apostrophes deleted so "D.C." equals "DC", anything else
// that is not a letter or digit separating tokens). When every token of one
// name occurs in the other the score is at least renameThreshold.
func nameSimilarity(a, b string) float64 {
	return similarity(foldName(a), foldName(b))
}

// foldedName is a name prepared for nameSimilarity once, so a name scored
// against many others is folded once.
type foldedName struct {
	tokens []string
	joined string // the tokens without separators, for bigrams
}

func foldName(s string) foldedName {
	toks := nameTokens(s)
	return foldedName{tokens: toks, joined: strings.Join(toks, "")}
}

// keys are what the rename index files a name under: its distinct tokens
// and the bigrams of its joined tokens, prefixed to keep them apart. Two
// names with no key in common score 0.
func (f foldedName) keys() []string {
	var out []string
	for _, t := range f.tokens {
		out = append(out, "t"+t)
	}
	for _, bg := range bigrams(f.joined) {
		out = append(out, "b"+string(bg[:]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func similarity(a, b foldedName) float64 {
	ta, tb := a.tokens, b.tokens
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for _, t := range ta {
		if slices.Contains(tb, t) {
			common++
		}
	}
	shared := 0
	for _, t := range tb {
		if slices.Contains(ta, t) {
			shared++
		}
	}
	score := float64(common+shared) / float64(len(ta)+len(tb))
	score = max(score, bigramDice(a.joined, b.joined))
	if (common == len(ta) || shared == len(tb)) && score < renameThreshold {
		score = renameThreshold
	}
	return score
}

// nameTokens folds a name into comparison tokens (see nameSimilarity).
func nameTokens(s string) []string {
	var toks []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '.' || r == '\'' || r == '’' || r == 'ʼ':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteString(foldRune(unicode.ToLower(r)))
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		default:
			flush()
		}
	}
	flush()
	return toks
}

// foldRune strips the diacritics of common Latin letters. It is a small
// table on purpose: it only ranks rename candidates that already resolve to
// the same place; full normalisation is the matcher's business.
func foldRune(r rune) string {
	for _, f := range [...]struct{ set, to string }{
		{"àáâãäåāăą", "a"}, {"çćĉċč", "c"}, {"ďđ", "d"}, {"èéêëēĕėęě", "e"},
		{"ĝğġģ", "g"}, {"ĥħ", "h"}, {"ìíîïĩīĭįı", "i"}, {"ĵ", "j"}, {"ķ", "k"},
		{"ĺļľŀł", "l"}, {"ñńņňŉ", "n"}, {"òóôõöøōŏő", "o"}, {"ŕŗř", "r"},
		{"śŝşšș", "s"}, {"ţťŧț", "t"}, {"ùúûüũūŭůűų", "u"}, {"ŵ", "w"},
		{"ýÿŷ", "y"}, {"źżž", "z"}, {"ß", "ss"}, {"æ", "ae"}, {"œ", "oe"},
		{"þ", "th"},
	} {
		if strings.ContainsRune(f.set, r) {
			return f.to
		}
	}
	return string(r)
}

// bigramDice is the Dice coefficient of the two strings' multisets of
// adjacent rune pairs; a one-rune string is its own single "bigram".
func bigramDice(a, b string) float64 {
	ba, bb := bigrams(a), bigrams(b)
	if len(ba) == 0 || len(bb) == 0 {
		return 0
	}
	count := map[[2]rune]int{}
	for _, x := range ba {
		count[x]++
	}
	common := 0
	for _, x := range bb {
		if count[x] > 0 {
			count[x]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ba)+len(bb))
}

func bigrams(s string) [][2]rune {
	rs := []rune(s)
	if len(rs) == 1 {
		return [][2]rune{{rs[0], 0}}
	}
	var out [][2]rune
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, [2]rune{rs[i], rs[i+1]})
	}
	return out
}

// Summary is one network's line of a diff report (`citynets diff`, the run
// log): how many members joined, left, were renamed or modified, and how
// many were compared and found unchanged, beside the network's status in
// each snapshot so that a failed network's zeros are not read as "no news".
type Summary struct {
	Network    string `json:"network"`
	Joined     int    `json:"joined"`
	Left       int    `json:"left"`
	Renamed    int    `json:"renamed"`
	Modified   int    `json:"modified"`
	Unchanged  int    `json:"unchanged"`
	FromStatus string `json:"from_status"`
	ToStatus   string `json:"to_status"`
}

// Summarize counts changes per network, for every network named in either
// snapshot's members, OK maps or status maps (the manifests' statuses: ok,
// failed, skipped), sorted by network. Unchanged counts the distinct members
// of To that were compared and have no change row, so for a compared
// network joined+renamed+modified+unchanged is its member count in To; a
// network not compared (not OK in To) has Unchanged 0.
func Summarize(in DiffInput, changes []citynets.Change, fromStatus, toStatus map[string]string) []Summary {
	byNet := map[string]*Summary{}
	get := func(n string) *Summary {
		s := byNet[n]
		if s == nil {
			s = &Summary{Network: n, FromStatus: fromStatus[n], ToStatus: toStatus[n]}
			byNet[n] = s
		}
		return s
	}
	for _, m := range []map[string]bool{in.FromOK, in.ToOK} {
		for n := range m {
			get(n)
		}
	}
	for _, m := range []map[string]string{fromStatus, toStatus} {
		for n := range m {
			get(n)
		}
	}
	for i := range in.From {
		get(in.From[i].Network)
	}
	seen := make(map[memberID]struct{}, len(in.To))
	for i := range in.To {
		m := &in.To[i]
		s := get(m.Network)
		if !in.ToOK[m.Network] {
			continue
		}
		if _, dup := seen[idOf(m)]; !dup {
			seen[idOf(m)] = struct{}{}
			s.Unchanged++
		}
	}
	for _, c := range changes {
		s := get(c.Network)
		switch c.Change {
		case citynets.Joined:
			s.Joined++
		case citynets.Left:
			s.Left++
		case citynets.Renamed:
			s.Renamed++
		case citynets.Modified:
			s.Modified++
		}
		if c.Change != citynets.Left && in.ToOK[c.Network] {
			s.Unchanged--
		}
	}
	out := make([]Summary, 0, len(byNet))
	for _, s := range byNet {
		s.Unchanged = max(s.Unchanged, 0)
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.Network, b.Network) })
	return out
}
