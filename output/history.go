package output

import (
	"cmp"
	"slices"
	"strings"

	"github.com/citynets/citynets"
)

// UpdateHistory returns the history table of snapshot snapshotID: the
// parent snapshot's spells advanced by this run's members, sorted by
// network, member_id and from_snapshot. It reads no other snapshot, so a
// nightly run costs the same on day 1,000 as on day 2. The parent slice
// is not modified. members carry their member_id (AssignMemberIDs); a
// row without one is taken as NewMemberID of its key.
//
// A spell is one continuous period of membership. ok tells per network
// whether its scrape and guard passed in this run (ok, repaired or
// degraded: NetworkStatus.Passed; a network missing from ok counts as not
// passed). Rules:
//
//   - A member observed in this run (its network passed and the row is not
//     stale) extends its open spell: to_snapshot becomes snapshotID,
//     seen_count grows by one, and member_key, name and place_id become
//     this row's (so a renamed member's spell goes on under its new key).
//     With no open spell, it opens a new one (from = to = snapshotID,
//     seen_count 1): a member's first spell, or a rejoin after a leave.
//   - A spell ends only when its member is absent from a snapshot in which
//     its network passed: present becomes false, and to_snapshot stays the
//     last snapshot that saw it, so the member left between to_snapshot and
//     this one.
//   - A stale (carried-forward) row, or any row of a network that did not
//     pass, keeps its member's spell open (present mirrors this snapshot's
//     members table) but neither advances to_snapshot nor counts as seen:
//     they record observations, and a copy of an earlier run observes
//     nothing. So absence while the network failed continues the spell. If
//     the parent history lacks the member (a history started after the
//     failure) a spell is opened as seen once, in the row's carried_from
//     snapshot (or this one when that is unknown).
//   - Spells of a network that did not pass and has no rows in this run
//     are kept as they were.
//
// Repeated rows of one member count once.
func UpdateHistory(parent []citynets.HistoryEntry, snapshotID string, members []citynets.Member, ok map[string]bool) []citynets.HistoryEntry {
	out := slices.Clip(slices.Clone(parent))
	last := make(map[string]int, len(parent)+len(parent)/64+16) // member_id → index of its latest spell
	for i := range out {
		if j, seen := last[out[i].MemberID]; !seen || out[j].FromSnapshot <= out[i].FromSnapshot {
			last[out[i].MemberID] = i
		}
	}
	np := len(out)
	inRun := make(map[string]bool, len(members))

	for i := range members {
		m := &members[i]
		id := idOrNew(m)
		if inRun[id] {
			continue // a repeated row
		}
		inRun[id] = true
		fresh := ok[m.Network] && !m.Stale
		j, known := last[id]
		switch {
		case known && out[j].Present && fresh:
			observe(&out[j], m, snapshotID)
		case known && !fresh:
			out[j].Present = true // carried: the spell goes on unobserved
		default: // first sight, or a rejoin
			seenIn := snapshotID
			if !fresh && m.CarriedFrom != "" {
				seenIn = m.CarriedFrom
			}
			last[id] = len(out)
			out = append(out, openSpell(m, id, seenIn))
		}
	}

	for j := range out {
		if out[j].Present && ok[out[j].Network] && !inRun[out[j].MemberID] {
			out[j].Present = false
		}
	}
	sortHistory(out, np)
	return out
}

// openSpell is a member's new spell, first observed in snapshot seenIn.
func openSpell(m *citynets.Member, id, seenIn string) citynets.HistoryEntry {
	day := snapshotDay(seenIn)
	return citynets.HistoryEntry{
		Network: m.Network, MemberID: id, MemberKey: m.MemberKey,
		PlaceID: m.Match.PlaceID, Name: m.Name,
		FromSnapshot: seenIn, ToSnapshot: seenIn, From: day, To: day,
		Present: true, SeenCount: 1,
	}
}

// observe extends spell h by the observation m in snapshot snapshotID.
func observe(h *citynets.HistoryEntry, m *citynets.Member, snapshotID string) {
	h.MemberKey, h.Name, h.PlaceID = m.MemberKey, m.Name, m.Match.PlaceID
	h.ToSnapshot, h.To = snapshotID, snapshotDay(snapshotID)
	h.SeenCount++
}

func compareHistory(a, b citynets.HistoryEntry) int {
	return cmp.Or(
		strings.Compare(a.Network, b.Network),
		strings.Compare(a.MemberID, b.MemberID),
		strings.Compare(a.FromSnapshot, b.FromSnapshot),
	)
}

// sortHistory sorts h, whose first np entries came from the parent (sorted
// already when the parent was written by UpdateHistory) and the rest are
// new: it sorts only the new tail and merges it in from the back, so a
// nightly update costs O(n + k log k) for k new spells, not O(n log n).
func sortHistory(h []citynets.HistoryEntry, np int) {
	head := h[:np]
	if !slices.IsSortedFunc(head, compareHistory) {
		slices.SortFunc(head, compareHistory)
	}
	tail := slices.Clone(h[np:])
	slices.SortFunc(tail, compareHistory)
	i, j := np-1, len(tail)-1
	for k := len(h) - 1; j >= 0; k-- {
		if i >= 0 && compareHistory(head[i], tail[j]) > 0 {
			h[k] = head[i]
			i--
		} else {
			h[k] = tail[j]
			j--
		}
	}
}
