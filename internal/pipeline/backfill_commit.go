package pipeline

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
)

// commitAll commits the steps read, oldest first, each diffed against the
// nearest earlier committed snapshot by date, so that changes and history
// run forward in time whatever order the pages were read in.
func (b *backfill) commitAll(ctx context.Context, rep *BackfillReport, reads []*stepRead) error {
	for i, r := range reads {
		if r == nil {
			continue
		}
		st := &rep.Steps[i]
		m, changes, err := b.commitStep(ctx, st.ID, r)
		if err != nil {
			return err
		}
		st.State, st.Manifest, st.Changes = StepCommitted, m, changes
		b.o.Logger.Info("backfilled snapshot committed", "step", r.date.Format(time.DateOnly), "id", st.ID, "parent", m.ParentID, "changes", changes)
	}
	return nil
}

// commitStep assembles and commits one step's snapshot.
func (b *backfill) commitStep(ctx context.Context, id string, r *stepRead) (*output.Manifest, int, error) {
	parent, err := b.parentOf(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	if err := b.o.writeSpecs(r.txn, b.store.Path(id), r.outcomes); err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrStore, err)
	}
	if err := b.compact(ctx, r); err != nil {
		return nil, 0, err
	}
	tables, m := b.o.assemble(ctx, id, r.start, parent, b.job, r.outcomes)
	m.Source = output.SourceWebArchive
	m.Backfill = &output.BackfillInfo{
		Step: r.date, Archive: b.archive.BaseURL(), Networks: b.netIDs(),
		Window: b.o.Window.String(), Captures: r.captures,
	}
	if err := r.txn.Commit(ctx, m, tables); err != nil {
		return nil, 0, fmt.Errorf("%w: commit backfilled snapshot: %w", ErrStore, err)
	}
	b.cache[id] = &snapshot{id: id, manifest: m, tables: tables}
	return m, len(tables.Changes), nil
}

// parentOf is the newest committed snapshot older than id, nil when none.
func (b *backfill) parentOf(ctx context.Context, id string) (*snapshot, error) {
	ids, err := b.store.List()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	i, _ := slices.BinarySearch(ids, id)
	if i == 0 {
		return nil, nil
	}
	return b.load(ctx, ids[i-1])
}

// rederive commits one snapshot dated now when some backfilled snapshot
// lies before the newest snapshot and outside its lineage: its members are
// the newest snapshot's, its history re-derived from the whole series in
// date order, and it becomes LATEST. Committed snapshots are never
// rewritten, so the older nightly snapshots keep the changes and history
// they were committed with. It returns nil when nothing needed it (also
// on a re-run that finds it done).
func (b *backfill) rederive(ctx context.Context) (*Report, error) {
	newest, err := b.store.Newest()
	if err != nil {
		return nil, nil // an empty store: nothing was backfilled
	}
	series, need, err := b.series(newest)
	if err != nil || !need {
		return nil, err
	}
	top, err := b.load(ctx, newest)
	if err != nil {
		return nil, err
	}
	history, err := b.rederiveHistory(ctx, series)
	if err != nil {
		return nil, err
	}
	now := b.o.Now().UTC()
	id, err := nextID(b.store, now, "", b.o.Logger)
	if err != nil {
		return nil, err
	}
	m := &output.Manifest{
		ID: id, CreatedAt: now, ParentID: newest, ToolVersion: b.o.ToolVersion,
		SchemaVersion: citynets.SchemaVersion, Gazetteer: top.manifest.Gazetteer,
		Networks: top.manifest.Networks, Specs: top.manifest.Specs,
		Source: output.SourceRederived, Rederived: &output.RederivedInfo{Series: series},
	}
	tables := &citynets.Tables{Members: top.tables.Members, Places: top.tables.Places, History: history}
	txn, err := b.store.Begin(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrStore, err)
	}
	defer txn.Abort()
	if err := txn.Commit(ctx, m, tables); err != nil {
		return nil, fmt.Errorf("%w: commit re-derived history: %w", ErrStore, err)
	}
	b.o.Logger.Info("history re-derived over the whole series; the new snapshot is LATEST", "id", id, "snapshots", len(series))
	return &Report{SnapshotID: id, ParentID: newest, Manifest: m}, nil
}

// series lists the snapshots history is derived from, oldest first (not
// rebuilds, which re-derive a snapshot already in it, nor earlier
// re-derivations, which copy one), and whether the newest snapshot's
// history misses a backfilled one of them.
func (b *backfill) series(newest string) ([]string, bool, error) {
	ids, err := b.store.List()
	if err != nil {
		return nil, false, fmt.Errorf("%w: %w", ErrStore, err)
	}
	covered, err := b.lineage(newest)
	if err != nil {
		return nil, false, err
	}
	var series []string
	need := false
	for _, id := range ids {
		m, err := b.store.Manifest(id)
		if err != nil {
			return nil, false, fmt.Errorf("%w: %w", ErrStore, err)
		}
		if m.RebuiltFrom != "" || m.Source == output.SourceRederived {
			continue
		}
		series = append(series, id)
		if m.Source == output.SourceWebArchive && !covered[id] {
			need = true
		}
	}
	return series, need, nil
}

// lineage is the set of snapshots newest's history was derived from: its
// parents back to the first, or to a re-derived snapshot's series.
func (b *backfill) lineage(newest string) (map[string]bool, error) {
	seen := map[string]bool{}
	for id := newest; id != "" && !seen[id]; {
		seen[id] = true
		m, err := b.store.Manifest(id)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrStore, err)
		}
		if m.Rederived != nil {
			for _, s := range m.Rederived.Series {
				seen[s] = true
			}
			break
		}
		id = m.ParentID
	}
	return seen, nil
}

// rederiveHistory replays the members of every snapshot of series, in
// date order, through UpdateHistory.
func (b *backfill) rederiveHistory(ctx context.Context, series []string) ([]citynets.HistoryEntry, error) {
	var history []citynets.HistoryEntry
	for _, id := range series {
		snap, err := b.load(ctx, id)
		if err != nil {
			return nil, err
		}
		history = output.UpdateHistory(history, id, snap.tables.Members, snap.manifest.Passed())
		delete(b.cache, id) // each is needed once; keep memory flat over a long series
	}
	return history, nil
}
