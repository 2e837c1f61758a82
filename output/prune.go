package output

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Prune removes all but the newest keep snapshots, never the one LATEST
// names, and returns the removed ids, oldest first. Nothing of the record
// is lost: every snapshot's history table is complete, so the newest one
// still holds every membership ever seen. Each snapshot is first renamed
// out of snapshots/ and then deleted, so a crash mid-prune never leaves a
// half-deleted snapshot listed; the catalog (index.json) is rewritten at
// the end, and a crash before that is healed by the next commit or
// recovery, which rebuild it from the snapshots. A payload a kept
// snapshot's revisit records refer to is never lost: the records holding
// such payloads are first copied, byte for byte, from the snapshot about to
// go to payloads/<id>.warc.gz (atomically), and payload files no snapshot
// refers to any more are removed at the end. The caller should hold the store lock.
func (s *Store) Prune(ctx context.Context, keep int) (removed []string, err error) {
	if s.readOnly {
		return nil, fmt.Errorf("prune: %w", ErrReadOnly)
	}
	if keep < 1 {
		return nil, fmt.Errorf("prune: %w (keep %d)", ErrInvalidKeep, keep)
	}
	ids, err := s.List()
	if err != nil {
		return nil, fmt.Errorf("prune: %w", err)
	}
	latest, err := s.readLatest()
	if err != nil && !errors.Is(err, ErrNoSnapshots) {
		return nil, fmt.Errorf("prune: %w", err) // a symlinked LATEST: touch nothing
	}
	if len(ids) <= keep {
		return nil, s.RefreshCatalog(ctx)
	}
	tmp := filepath.Join(s.dir, tmpDir)
	if err := ensureDir(tmp); err != nil {
		return nil, fmt.Errorf("prune: %w", err)
	}
	kept, doomed := splitPrune(ids, keep, latest)
	// A kept snapshot's revisit records may refer to payloads only a
	// removed one holds: those records move to payloads/ first.
	plan, err := s.planRescue(ctx, kept, doomed)
	if err != nil {
		return nil, fmt.Errorf("prune: %w", err)
	}
	for _, id := range doomed {
		if err := ctx.Err(); err != nil {
			return removed, err
		}
		if err := s.moveRecords(id, plan[id]); err != nil {
			return removed, fmt.Errorf("prune %s: %w", id, err)
		}
		dead := filepath.Join(tmp, id+".pruned."+rand.Text())
		if err := os.Rename(s.Path(id), dead); err != nil {
			return removed, fmt.Errorf("prune %s: %w", id, err)
		}
		removed = append(removed, id)
		if err := os.RemoveAll(dead); err != nil {
			return removed, fmt.Errorf("prune %s: %w", id, err)
		}
	}
	if len(removed) > 0 {
		if err := syncDir(filepath.Join(s.dir, snapshotsDir)); err != nil {
			return removed, fmt.Errorf("prune: %w", err)
		}
	}
	if err := s.RefreshCatalog(ctx); err != nil {
		return removed, fmt.Errorf("prune: %w", err)
	}
	if err := s.dropUnreferenced(ctx); err != nil {
		return removed, fmt.Errorf("prune: %w", err)
	}
	if _, err := s.RefreshPayloads(ctx); err != nil {
		return removed, fmt.Errorf("prune: %w", err)
	}
	return removed, nil
}

// splitPrune splits ids (oldest first) into those kept, the newest keep
// and LATEST, and those removed.
func splitPrune(ids []string, keep int, latest string) (kept, doomed []string) {
	cut := len(ids) - keep
	for i, id := range ids {
		if i >= cut || id == latest {
			kept = append(kept, id)
		} else {
			doomed = append(doomed, id)
		}
	}
	return kept, doomed
}
