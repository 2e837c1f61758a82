package output

import (
	"context"
	"errors"
	"fmt"
)

// RollForward finishes a commit, prune or repair that a crash
// interrupted. It refreshes the catalog (index.json) in every case, so a
// crash before the catalog was written leaves it right by the next run.
// It also finishes a commit interrupted after the
// snapshot folder was renamed into place but before LATEST was moved: when
// the newest listed snapshot is newer than LATEST, was made on top of it
// (its parent is LATEST, or the store had no LATEST) and verifies, LATEST
// is pointed at it. It returns the id it rolled forward to, or "". It
// first puts back a snapshot an interrupted Repair had moved aside. The
// caller holds the store lock.
func (s *Store) RollForward(ctx context.Context) (string, error) {
	if s.readOnly {
		return "", nil
	}
	if err := s.recoverRepairs(); err != nil {
		return "", err
	}
	id, err := s.rollForward(ctx)
	if err != nil {
		return "", err
	}
	if err := s.RefreshCatalog(ctx); err != nil {
		return id, err
	}
	return id, nil
}

// rollForward is RollForward's LATEST half.
func (s *Store) rollForward(ctx context.Context) (string, error) {
	ids, err := s.List()
	if err != nil || len(ids) == 0 {
		return "", err
	}
	newest := ids[len(ids)-1]
	latest, err := s.readLatest()
	if err != nil && !errors.Is(err, ErrNoSnapshots) {
		return "", err
	}
	if newest <= latest {
		return "", nil
	}
	m, err := s.Manifest(newest)
	if err != nil || m.ParentID != latest {
		return "", nil // not the interrupted successor of LATEST: leave it be
	}
	if problems, err := s.verifySnapshot(ctx, newest); err != nil || len(problems) > 0 {
		return "", nil
	}
	if err := s.advanceLatest(newest); err != nil {
		return "", fmt.Errorf("roll forward to %s: %w", newest, err)
	}
	return newest, nil
}
