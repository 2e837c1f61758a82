package output

import (
	"time"

	"github.com/citynets/citynets"
)

// Snapshots are immutable, so a store keeps the files it wrote before
// member ids and spells existed. Reading such a file leaves the new
// columns empty (see column.optional), and the functions here fill them
// from what the file does hold, the same way for every reader: the
// pipeline's parent, `citynets diff`, and analysts' tools through export.

// deriveMembers gives each row without a member_id the id it would have
// been given at first sight, its network and member_key (see NewMemberID):
// the first snapshot written with ids continues from these by key.
func deriveMembers(ms []citynets.Member) {
	for i := range ms {
		if ms[i].MemberID == "" {
			ms[i].MemberID = NewMemberID(ms[i].Network, ms[i].MemberKey)
		}
	}
}

// deriveChanges fills member_id, old_member_key and new_member_key of rows
// written without them. member_key was the key in to_snapshot (in
// from_snapshot for a left member); the old key of a rename was not kept,
// so it stays null. The member_id is the one deriveHistory gives the
// entry of that key.
func deriveChanges(cs []citynets.Change) {
	for i := range cs {
		c := &cs[i]
		if c.MemberID != "" {
			continue
		}
		c.MemberID = NewMemberID(c.Network, c.MemberKey)
		switch c.Change {
		case citynets.Joined, citynets.Renamed:
			c.NewMemberKey = c.MemberKey
		case citynets.Left:
			c.OldMemberKey = c.MemberKey
		default:
			c.OldMemberKey, c.NewMemberKey = c.MemberKey, c.MemberKey
		}
	}
}

// deriveHistory turns rows written before spells into spells. Such a row
// was one membership (network and member_key) with first_seen and
// last_seen, which reading put in from_snapshot and to_snapshot: it
// becomes one spell of member network:member_key, its dates those of the
// two ids. A leave and a rejoin before this change were not recorded, so
// they cannot be split apart afterwards.
func deriveHistory(hs []citynets.HistoryEntry) {
	for i := range hs {
		h := &hs[i]
		if h.MemberID == "" {
			h.MemberID = NewMemberID(h.Network, h.MemberKey)
		}
		if h.From.IsZero() {
			h.From = snapshotDay(h.FromSnapshot)
		}
		if h.To.IsZero() {
			h.To = snapshotDay(h.ToSnapshot)
		}
	}
}

// snapshotDay is the UTC date a snapshot id describes (the time it starts
// with, see NewSnapshotID), or the zero time (null) for an id that does not
// start with one.
func snapshotDay(id string) time.Time {
	t, err := idTime(id)
	if err != nil {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
