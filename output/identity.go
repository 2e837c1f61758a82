package output

import (
	"strconv"

	"github.com/citynets/citynets"
)

// NewMemberID is the member_id a membership gets when it is first seen:
// its network and its member_key at that time, "<network>:<member_key>".
// It is a pure function of what was published, so `citynets rebuild`
// reproduces it; after that the id is carried, not recomputed (see
// AssignMemberIDs), and so it survives renames and key changes.
func NewMemberID(network, memberKey string) string {
	return network + ":" + memberKey
}

// AssignMemberIDs sets the member_id of every row of in.To (this run's
// members, after enrichment) from its parent: in.From, the parent's
// members, and history, the parent's history spells. It reads nothing
// else, so a rebuild from the same parent gives the same ids. Rules, in
// order:
//
//  1. A row with the network and member_key of a parent row continues it
//     and takes its id. member_key is the network's own id or slug when
//     its primary list gives one (never one from an optional or merge
//     source, which the scrapers keep in attributes.slug), else the
//     frozen function of the published name and country.
//  2. In a network that passed, a vanished key and a new key that are one
//     member renamed (the same detail page, or the same place and a
//     similar name; see matchRenames) share the vanished row's id. This is
//     the very pairing Diff reports as renamed.
//  3. A new key that is the latest key of a member whose last spell has
//     closed is that member rejoining: it takes that member's id (the
//     most recent spell's, if several), and UpdateHistory opens a new
//     spell.
//  4. Anything else is a new member: NewMemberID(network, member_key),
//     with "~2", "~3" … appended when another member already holds that
//     id (its key was renamed away and then reused by another member).
//
// A row repeating a key earlier in in.To gets that row's id. A row of a
// network that did not pass is linked by key only; if it matches no
// parent row it keeps the id it carries (a carried-forward row), else
// rules 3 and 4 apply.
func AssignMemberIDs(in DiffInput, history []citynets.HistoryEntry) {
	l := linkRows(in)
	taken := make(map[string]bool, len(history)+len(in.From))
	for i := range history {
		taken[history[i].MemberID] = true
	}
	for i := range in.From {
		taken[idOrNew(&in.From[i])] = true
	}
	used := make(map[string]bool, len(in.To)) // ids given in this run
	for i, j := range l.prev {
		if j >= 0 && !l.dup[i] {
			id := idOrNew(&in.From[j])
			in.To[i].MemberID, used[id] = id, true
		}
	}
	var rejoin map[memberID]string
	for i, j := range l.prev {
		m := &in.To[i]
		switch {
		case l.dup[i] || j >= 0:
			continue
		case m.MemberID != "" && !used[m.MemberID]:
			used[m.MemberID] = true // carried forward with its id
			continue
		}
		if rejoin == nil {
			rejoin = closedByKey(history)
		}
		id, ok := rejoin[idOf(m)]
		if !ok || used[id] {
			id = freshID(NewMemberID(m.Network, m.MemberKey), taken, used)
		}
		m.MemberID, used[id] = id, true
	}
	byKey := map[memberID]string{}
	for i := range in.To {
		m := &in.To[i]
		if !l.dup[i] {
			byKey[idOf(m)] = m.MemberID
		} else {
			m.MemberID = byKey[idOf(m)]
		}
	}
}

// closedByKey maps network and latest member_key to the member_id of the
// most recent spell that has closed with that key, for rejoins. A member
// with an open spell is in the parent's members and so is matched by key
// before this is consulted.
func closedByKey(history []citynets.HistoryEntry) map[memberID]string {
	out := map[memberID]string{}
	latest := map[memberID]string{} // to_snapshot of the spell chosen
	for i := range history {
		h := &history[i]
		if h.Present {
			continue
		}
		k := memberID{h.Network, h.MemberKey}
		if t, ok := latest[k]; ok && t >= h.ToSnapshot {
			continue
		}
		out[k], latest[k] = h.MemberID, h.ToSnapshot
	}
	return out
}

// freshID returns id, or id with the first free suffix "~2", "~3" … when
// id is already taken by another member or used in this run.
func freshID(id string, taken, used map[string]bool) string {
	if !taken[id] && !used[id] {
		return id
	}
	for n := 2; ; n++ {
		if s := id + "~" + strconv.Itoa(n); !taken[s] && !used[s] {
			return s
		}
	}
}
