package output

import (
	"cmp"
	"slices"
	"strings"

	"github.com/citynets/citynets"
)

// UpdateHistory returns the history table of snapshot snapshotID: the
// parent snapshot's history advanced by this run's members, sorted by
// network and member_key. It reads no other snapshot, so a nightly run costs
// the same on day 1,000 as on day 2. The parent slice is not modified.
//
// ok tells per network whether its scrape and guard passed in this run (a
// network missing from ok counts as not passed). Rules:
//
//   - A membership observed in this run (its network passed and the row is
//     not stale) is present, last_seen becomes snapshotID, seen_count grows
//     by one and name and place_id become this row's. A new membership
//     starts with first_seen = last_seen = snapshotID and seen_count 1; one
//     that left and rejoins keeps its first_seen.
//   - A membership of a passing network absent from this run is no longer
//     present; its last_seen stays the last snapshot that saw it.
//   - A stale (carried-forward) row, or any row of a network that did not
//     pass, makes its membership present (present mirrors this snapshot's
//     members table) but neither advances last_seen nor counts as seen:
//     last_seen and seen_count record observations, and a copy of an
//     earlier run observes nothing. If the parent history lacks
//     it (a history started after the failure) it is recorded as seen once,
//     in its carried_from snapshot (or this one when that is unknown).
//   - Memberships of a network that did not pass and has no rows in this
//     run keep the parent's entry as it was.
//
// A renamed member (a new member_key) starts a history entry of its own; the
// old key's entry stops being present. The changes table links the two.
// Repeated rows of one membership count once.
func UpdateHistory(parent []citynets.HistoryEntry, snapshotID string, members []citynets.Member, ok map[string]bool) []citynets.HistoryEntry {
	out := make([]citynets.HistoryEntry, 0, len(parent)+len(parent)/64+16)
	idx := make(map[memberID]int, len(parent)+len(parent)/64+16)
	for _, h := range parent {
		id := memberID{h.Network, h.MemberKey}
		if _, dup := idx[id]; dup {
			continue
		}
		idx[id] = len(out)
		out = append(out, h)
	}
	np := len(out)
	inRun := make([]bool, np, cap(out))

	for i := range members {
		m := &members[i]
		id := idOf(m)
		fresh := ok[m.Network] && !m.Stale
		j, known := idx[id]
		switch {
		case known && inRun[j]:
			continue // a repeated row
		case known && fresh:
			h := &out[j]
			h.Name, h.PlaceID = m.Name, m.Match.PlaceID
			h.LastSeen, h.Present = snapshotID, true
			h.SeenCount++
		case known:
			out[j].Present = true
		default:
			seenIn := snapshotID
			if !fresh && m.CarriedFrom != "" {
				seenIn = m.CarriedFrom
			}
			j = len(out)
			idx[id] = j
			out = append(out, citynets.HistoryEntry{
				Network: m.Network, MemberKey: m.MemberKey,
				PlaceID: m.Match.PlaceID, Name: m.Name,
				FirstSeen: seenIn, LastSeen: seenIn, Present: true, SeenCount: 1,
			})
			inRun = append(inRun, false)
		}
		inRun[j] = true
	}

	for j := range out {
		if !inRun[j] && ok[out[j].Network] {
			out[j].Present = false
		}
	}
	sortHistory(out, np)
	return out
}

func compareHistory(a, b citynets.HistoryEntry) int {
	return cmp.Or(strings.Compare(a.Network, b.Network), strings.Compare(a.MemberKey, b.MemberKey))
}

// sortHistory sorts h, whose first np entries came from the parent (sorted
// already when the parent was written by UpdateHistory) and the rest are
// new: it sorts only the new tail and merges it in from the back, so a
// nightly update costs O(n + k log k) for k new memberships, not O(n log n).
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
