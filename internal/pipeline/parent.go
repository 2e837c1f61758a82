package pipeline

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
)

// snapshot is the parent a run builds on: its last good members are carried
// forward for failed networks, its history is extended, and the diff is
// taken against it. A nil *snapshot is a store with no snapshot yet.
type snapshot struct {
	id       string
	manifest *output.Manifest
	tables   *citynets.Tables
}

// loadParent reads the snapshot id, or when id is "" the newest committed
// snapshot: the snapshots themselves say which it is, not LATEST, so a
// lost or damaged LATEST cannot start a new lineage. LATEST is repaired
// (with a warning) either way, before anything is committed on top of it.
func loadParent(ctx context.Context, store *output.Store, id string, log *slog.Logger) (*snapshot, error) {
	newest, err := store.RepairLatest(ctx, log)
	if err != nil {
		return nil, fmt.Errorf("%w: find the parent snapshot: %w", ErrStore, err)
	}
	if id == "" {
		if newest == "" {
			return nil, nil
		}
		id = newest
	}
	snap, err := store.Snapshot(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%w: parent snapshot %s: %w", ErrStore, id, err)
	}
	t, err := snap.Tables(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: parent snapshot %s (try `citynets snapshots verify`): %w", ErrStore, id, err)
	}
	return &snapshot{id: snap.ID, manifest: snap.Manifest, tables: t}, nil
}

func (p *snapshot) ID() string {
	if p == nil {
		return ""
	}
	return p.id
}

// schemaVersion is the schema version the parent was written with ("" when
// there is no parent), so that the diff leaves out the columns an older
// parent cannot hold.
func (p *snapshot) schemaVersion() string {
	if p == nil || p.manifest == nil {
		return ""
	}
	return p.manifest.SchemaVersion
}

// lastGood is the number of the network's rows in the parent: its last good
// member count, whether scraped then or carried forward from before.
func (p *snapshot) lastGood(network string) int {
	return len(p.members(network))
}

func (p *snapshot) members(network string) []citynets.Member {
	if p == nil {
		return nil
	}
	var out []citynets.Member
	for _, m := range p.tables.Members {
		if m.Network == network {
			out = append(out, m)
		}
	}
	return out
}

// carry returns the network's parent rows marked stale, each naming the
// snapshot its data was really scraped in.
func (p *snapshot) carry(network string) []citynets.Member {
	rows := p.members(network)
	for i := range rows {
		rows[i].Stale = true
		if rows[i].CarriedFrom == "" {
			rows[i].CarriedFrom = p.id
		}
	}
	return rows
}

// networks lists the parent's network ids.
func (p *snapshot) networks() []string {
	if p == nil {
		return nil
	}
	var ids []string
	for id := range p.manifest.Networks {
		ids = append(ids, id)
	}
	return ids
}

// ok reports which networks passed their scrape and guard in the parent.
func (p *snapshot) ok() map[string]bool {
	if p == nil {
		return map[string]bool{}
	}
	return p.manifest.Passed()
}

func (p *snapshot) members0() []citynets.Member {
	if p == nil {
		return nil
	}
	return p.tables.Members
}

func (p *snapshot) history() []citynets.HistoryEntry {
	if p == nil {
		return nil
	}
	return p.tables.History
}
