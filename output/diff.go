package output

import (
	"cmp"
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
	// FromSchemaVersion is the schema version From was written with, ""
	// for this build's. Against a legacy version, the columns added since
	// (marked optional) are not compared: From cannot hold them, so the
	// first run on an older store would otherwise report nearly every
	// member modified, for a change in the file format, not the data.
	FromSchemaVersion string
}

// comparedFor returns the members columns Diff compares when From was
// written with schema version v.
func comparedFor(v string) []column[citynets.Member] {
	if v != "" && v != citynets.SchemaVersion && slices.Contains(citynets.LegacySchemaVersions(), v) {
		return memberDiffLegacy
	}
	return memberDiff
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
// appeared in the same network resolving to the same place (or naming the
// same detail page) become one renamed row (see pairRenames) instead of a
// left and a joined. If a membership appears twice in one snapshot the
// first row counts.
//
// Rows are linked by member_key and rename pairing (linkRows), the rule
// AssignMemberIDs gives ids by, not by their recorded member_id: so a
// snapshot's changes and its ids agree by construction, and a diff with a
// store written before ids, or between distant snapshots, finds renames
// the same way. Each change carries the member_id of its row in To (in
// From for a left member), or the one a row without an id would have had
// at first sight (NewMemberID), and its key on each side.
//
// Cost is one hash map over From plus one pass over each side: linear in
// the number of members.
func Diff(in DiffInput) []citynets.Change {
	l := linkRows(in)
	cols := comparedFor(in.FromSchemaVersion)
	var changes []citynets.Change
	for i, j := range l.prev {
		b := &in.To[i]
		if j < 0 || l.dup[i] || !in.ToOK[b.Network] {
			continue
		}
		a := &in.From[j]
		if l.renamed[i] {
			changes = append(changes, renamedChange(cols, a, b))
			continue
		}
		fields, source := compareRows(cols, a, b)
		if len(fields) == 0 {
			continue
		}
		changes = append(changes, citynets.Change{
			MemberID: continuedID(a, b), MemberKey: b.MemberKey, OldMemberKey: a.MemberKey, NewMemberKey: b.MemberKey,
			Network: b.Network, Change: citynets.Modified,
			Cause: causeOf(source), ChangedFields: fields,
			OldName: a.Name, NewName: b.Name, PlaceID: b.Match.PlaceID,
		})
	}
	for _, i := range l.gone {
		changes = append(changes, leftChange(&in.From[i]))
	}
	for _, i := range l.news {
		changes = append(changes, joinedChange(&in.To[i]))
	}
	for i := range changes {
		changes[i].FromSnapshot, changes[i].ToSnapshot = in.FromID, in.ToID
	}
	slices.SortFunc(changes, compareChanges)
	return changes
}

// links is how the rows of a snapshot continue those of its parent.
type links struct {
	// prev is, per row of To, the row of From it continues (by key, or as
	// a rename when renamed says so), or -1.
	prev    []int32
	renamed []bool
	// dup marks a row of To repeating the key of an earlier row of its
	// network; it continues what that row continues.
	dup []bool
	// gone are the rows of From (first of each key) of networks compared
	// that no row of To continues: left. news are the rows of To (first of
	// each key) of networks compared that continue none: joined.
	gone, news []int32
}

// linkRows links in.To to in.From: the same network and member_key first
// (a key repeated in one snapshot counts once, at its first row), then,
// in the networks that passed in To, the vanished and new keys are paired
// as renames (see matchRenames). Rows of a network that did not pass are
// linked by key only, so that carried-forward rows keep their identity.
func linkRows(in DiffInput) links {
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
	l := links{
		prev:    make([]int32, len(in.To)),
		renamed: make([]bool, len(in.To)),
		dup:     make([]bool, len(in.To)),
	}
	matched := make([]bool, len(in.From))
	first := make(map[memberID]int32, len(in.To)) // first row of each key in To
	for i := range in.To {
		b := &in.To[i]
		id := idOf(b)
		l.prev[i] = -1
		if f, seen := first[id]; seen {
			l.dup[i] = true
			l.prev[i] = f // resolved to the first row's link below
			continue
		}
		first[id] = int32(i)
		if j, ok := from[id]; ok {
			l.prev[i] = j
			matched[j] = true
		} else if in.ToOK[b.Network] {
			l.news = append(l.news, int32(i))
		}
	}
	for i := range in.From {
		if !dupFrom[i] && !matched[i] && in.ToOK[in.From[i].Network] {
			l.gone = append(l.gone, int32(i))
		}
	}
	pairs, gone, news := matchRenames(in.From, in.To, l.gone, l.news)
	for _, p := range pairs {
		l.prev[p[1]], l.renamed[p[1]] = p[0], true
	}
	l.gone, l.news = gone, news
	for i := range in.To {
		if l.dup[i] {
			f := l.prev[i]
			l.prev[i], l.renamed[i] = l.prev[f], l.renamed[f]
		}
	}
	return l
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
// (indexes into to) into renamed, left and joined changes, by the rule of
// matchRenames.
func pairRenames(from, to []citynets.Member, gone, news []int32) []citynets.Change {
	pairs, gone, news := matchRenames(from, to, gone, news)
	out := make([]citynets.Change, 0, len(pairs)+len(gone)+len(news))
	for _, p := range pairs {
		out = append(out, renamedChange(memberDiff, &from[p[0]], &to[p[1]]))
	}
	for _, i := range gone {
		out = append(out, leftChange(&from[i]))
	}
	for _, i := range news {
		out = append(out, joinedChange(&to[i]))
	}
	return out
}

// matchRenames pairs vanished rows (indexes into from) with new rows
// (indexes into to) that are one member under a new key, and returns the
// pairs (from index, to index) and the rows left unpaired, in input order.
//
// First, rows of one network naming the same detail page (see detailURL)
// are paired: the network's own page for the member is better evidence
// than any name. Then candidates share network and place_id (unresolved
// members are never paired by place: without a place there is no
// evidence they are the same city). Within each such group pairs are
// taken greedily, best name similarity first (ties in input order), while
// the similarity reaches renameThreshold; names where one's tokens all
// occur in the other's ("Dhaka" → "Dhaka (North & South)") always
// qualify. A group of exactly one vanished and one new key is a rename
// whatever the names ("Bombay" → "Mumbai"): nothing else at that place
// could explain either row.
func matchRenames(from, to []citynets.Member, gone, news []int32) (pairs [][2]int32, leftGone, leftNews []int32) {
	pairs, gone, news = pairByDetail(from, to, gone, news)
	type group struct{ gone, news []int32 }
	groups := map[memberID]*group{} // network + place_id
	var order []*group              // groups in order of first sight, so the result does not depend on map order
	for _, i := range gone {
		a := &from[i]
		if a.Match.PlaceID == "" {
			leftGone = append(leftGone, i)
			continue
		}
		k := memberID{a.Network, a.Match.PlaceID}
		if groups[k] == nil {
			groups[k] = &group{}
			order = append(order, groups[k])
		}
		groups[k].gone = append(groups[k].gone, i)
	}
	for _, i := range news {
		b := &to[i]
		g := groups[memberID{b.Network, b.Match.PlaceID}]
		if b.Match.PlaceID == "" || g == nil {
			leftNews = append(leftNews, i)
			continue
		}
		g.news = append(g.news, i)
	}
	for _, g := range order {
		p, lg, ln := pairGroup(from, to, g.gone, g.news)
		pairs = append(pairs, p...)
		leftGone = append(leftGone, lg...)
		leftNews = append(leftNews, ln...)
	}
	slices.Sort(leftGone)
	slices.Sort(leftNews)
	return pairs, leftGone, leftNews
}

// detailURL is the address of the member's own page on the network's site,
// as the scraper recorded it (attributes.page), without query and
// fragment; "" when there is none.
func detailURL(m *citynets.Member) string {
	return urlWithoutQuery(m.Attributes["page"])
}

// pairByDetail pairs vanished and new rows of one network that name the
// same detail page, when exactly one of each does; it returns the pairs
// and the rows it left for pairing by place.
func pairByDetail(from, to []citynets.Member, gone, news []int32) (pairs [][2]int32, restGone, restNews []int32) {
	type side struct{ gone, news []int32 }
	byURL := map[memberID]*side{} // network + detail URL
	for _, i := range gone {
		if u := detailURL(&from[i]); u != "" {
			k := memberID{from[i].Network, u}
			if byURL[k] == nil {
				byURL[k] = &side{}
			}
			byURL[k].gone = append(byURL[k].gone, i)
		}
	}
	paired := map[int32]bool{} // new rows paired
	pairedGone := map[int32]bool{}
	for _, j := range news {
		u := detailURL(&to[j])
		if u == "" {
			continue
		}
		if s := byURL[memberID{to[j].Network, u}]; s != nil {
			s.news = append(s.news, j)
		}
	}
	for _, j := range news {
		u := detailURL(&to[j])
		if u == "" {
			continue
		}
		s := byURL[memberID{to[j].Network, u}]
		if s == nil || len(s.gone) != 1 || len(s.news) != 1 {
			continue
		}
		pairs = append(pairs, [2]int32{s.gone[0], j})
		paired[j], pairedGone[s.gone[0]] = true, true
	}
	if len(pairs) == 0 {
		return nil, gone, news
	}
	for _, i := range gone {
		if !pairedGone[i] {
			restGone = append(restGone, i)
		}
	}
	for _, j := range news {
		if !paired[j] {
			restNews = append(restNews, j)
		}
	}
	return pairs, restGone, restNews
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
// rename whatever their names. It returns the pairs (from index, to
// index) and the unpaired rows.
func pairGroup(from, to []citynets.Member, gone, news []int32) (out [][2]int32, leftGone, leftNews []int32) {
	var pairs []renamePair
	if len(gone) == 1 && len(news) == 1 {
		pairs = []renamePair{{0, 0, 1}}
	} else if len(news) > 0 {
		pairs = candidatePairs(from, to, gone, news)
		slices.SortFunc(pairs, func(x, y renamePair) int {
			return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.gi, y.gi), cmp.Compare(x.ni, y.ni))
		})
	}
	usedG := make([]bool, len(gone))
	usedN := make([]bool, len(news))
	for _, p := range pairs {
		if usedG[p.gi] || usedN[p.ni] {
			continue
		}
		usedG[p.gi], usedN[p.ni] = true, true
		out = append(out, [2]int32{gone[p.gi], news[p.ni]})
	}
	for gi, i := range gone {
		if !usedG[gi] {
			leftGone = append(leftGone, i)
		}
	}
	for ni, j := range news {
		if !usedN[ni] {
			leftNews = append(leftNews, j)
		}
	}
	return out, leftGone, leftNews
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
		Network: a.Network, MemberID: idOrNew(a), MemberKey: a.MemberKey, OldMemberKey: a.MemberKey,
		Change: citynets.Left, Cause: citynets.CauseSource, OldName: a.Name, PlaceID: a.Match.PlaceID,
	}
}

func joinedChange(b *citynets.Member) citynets.Change {
	return citynets.Change{
		Network: b.Network, MemberID: idOrNew(b), MemberKey: b.MemberKey, NewMemberKey: b.MemberKey,
		Change: citynets.Joined, Cause: citynets.CauseSource, NewName: b.Name, PlaceID: b.Match.PlaceID,
	}
}

// renamedChange is keyed by the new member_key and carries both keys; its
// changed_fields start with member_key and go on with every other field
// of cols that differs.
func renamedChange(cols []column[citynets.Member], a, b *citynets.Member) citynets.Change {
	fields, _ := compareRows(cols, a, b)
	return citynets.Change{
		Network: b.Network, MemberID: continuedID(a, b), MemberKey: b.MemberKey,
		OldMemberKey: a.MemberKey, NewMemberKey: b.MemberKey,
		Change: citynets.Renamed, Cause: citynets.CauseSource,
		ChangedFields: append([]string{"member_key"}, fields...),
		OldName:       a.Name, NewName: b.Name, PlaceID: b.Match.PlaceID,
	}
}

// idOrNew is the member's recorded id, or the one it would get at first
// sight when it has none (rows built without AssignMemberIDs).
func idOrNew(m *citynets.Member) string {
	if m.MemberID != "" {
		return m.MemberID
	}
	return NewMemberID(m.Network, m.MemberKey)
}

// continuedID is the id of a member whose row a in From continues as b in
// To: b's when recorded, else a's (which b would have inherited).
func continuedID(a, b *citynets.Member) string {
	if b.MemberID != "" {
		return b.MemberID
	}
	return idOrNew(a)
}

// memberDiff is the compared columns of the members table (source and
// derived), in table order. It is built once and only read.
var memberDiff = comparedColumns(memberColumns(""))

// memberDiffLegacy is memberDiff without the columns a legacy file lacks
// (see DiffInput.FromSchemaVersion).
var memberDiffLegacy = slices.DeleteFunc(slices.Clone(memberDiff), func(c column[citynets.Member]) bool { return c.optional })

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
