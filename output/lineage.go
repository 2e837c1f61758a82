package output

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
)

// Lineage: which snapshot a run builds on, and which id it gets. The
// snapshots themselves are the truth; LATEST is a convenience pointer to
// the newest of them, so that a missing, empty, garbled or stale LATEST
// can never cut a lineage (a run with no parent would show every member
// as joined and restart history).

// ErrNoRebuildID says no id sorts between a snapshot and its successor.
var ErrNoRebuildID = errors.New("no free snapshot id right after the source")

// Newest returns the newest committed snapshot whose manifest reads and
// names its own folder, by id order (ids sort in time order);
// ErrNoSnapshots when there is none.
func (s *Store) Newest() (string, error) {
	ids, err := s.List()
	if err != nil {
		return "", err
	}
	for _, id := range slices.Backward(ids) {
		if m, err := s.Manifest(id); err == nil && m.ID == id {
			return id, nil
		}
	}
	return "", ErrNoSnapshots
}

// RepairLatest makes LATEST name the newest committed snapshot, rewriting
// it atomically (with a warning to log) when it is missing, empty,
// garbled, dangling or names an older snapshot. It returns that newest id,
// "" for a store with no snapshots. A symlinked LATEST is refused with
// ErrUnsafeStore. The caller holds the store lock.
func (s *Store) RepairLatest(ctx context.Context, log *slog.Logger) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	newest, err := s.Newest()
	if errors.Is(err, ErrNoSnapshots) {
		return "", s.checkLatestSafe()
	}
	if err != nil {
		return "", err
	}
	cur, err := s.readLatest()
	if err != nil && !errors.Is(err, ErrNoSnapshots) {
		return "", err
	}
	if cur == newest {
		return newest, nil
	}
	if s.readOnly {
		return newest, nil
	}
	if log != nil {
		log.Warn("LATEST does not name the newest snapshot; rewriting it", "latest", describeLatest(cur), "newest", newest)
	}
	if err := s.writeLatest(newest); err != nil {
		return "", fmt.Errorf("repair LATEST: %w", err)
	}
	return newest, nil
}

// checkLatestSafe refuses a symlinked LATEST even in an empty store.
func (s *Store) checkLatestSafe() error {
	if _, err := s.readLatest(); err != nil && !errors.Is(err, ErrNoSnapshots) {
		return err
	}
	return nil
}

// describeLatest quotes what LATEST held for the warning.
func describeLatest(cur string) string {
	if cur == "" {
		return "(missing or empty)"
	}
	return fmt.Sprintf("%q", cur)
}

// NextID returns the id of a run whose clock says now: the later of now
// and one second after the newest committed id, so ids always increase,
// computed directly whatever the clock skew. behind is how far the clock
// lags the newest id's time (0 when it does not: two runs in one second
// are quick, not skewed), for the caller to warn about. The manifest's created_at keeps the real clock.
func (s *Store) NextID(now time.Time) (id string, behind time.Duration, err error) {
	ids, err := s.List()
	if err != nil {
		return "", 0, err
	}
	at := now.UTC().Truncate(time.Second)
	if len(ids) > 0 {
		newest := ids[len(ids)-1]
		t, err := idTime(newest)
		if err != nil {
			return "", 0, fmt.Errorf("next snapshot id after %s: %w", newest, err)
		}
		if floor := t.Add(time.Second); at.Before(floor) {
			at = floor // a second run within the second also lands here
		}
		if t.After(now) {
			behind = t.Sub(now) // the clock is really behind: worth a warning
		}
	}
	return NewSnapshotID(at), behind, nil
}

// idTime is the time part of an id in NewSnapshotID's layout.
func idTime(id string) (time.Time, error) {
	if len(id) < len(idLayout) {
		return time.Time{}, fmt.Errorf("%w: %q does not start with a time", ErrInvalidID, id)
	}
	t, err := time.Parse(idLayout, id[:len(idLayout)])
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q does not start with a time", ErrInvalidID, id)
	}
	return t, nil
}

// rebuildTries bounds the search for a free rebuild id.
const rebuildTries = 64

// RebuildID returns an id for a rebuild of committed snapshot source: the
// source's id plus ".r" and a random suffix. It keeps the source's date,
// sorts right after the source and before the next snapshot, and is never
// an existing id, so a rebuild of an older snapshot never becomes the
// newest (and so never LATEST), while a rebuild of the newest does.
func (s *Store) RebuildID(source string) (string, error) {
	ids, err := s.List()
	if err != nil {
		return "", err
	}
	i, ok := slices.BinarySearch(ids, source)
	if !ok {
		return "", &UnknownSnapshotError{ID: source, Nearest: nearestIDs(ids, source)}
	}
	next := ""
	if i+1 < len(ids) {
		next = ids[i+1]
	}
	for range rebuildTries {
		id := source + ".r" + strings.ToLower(rand.Text()[:3])
		if checkID(id) != nil {
			return "", fmt.Errorf("rebuild id for %s: %w", source, ErrInvalidID)
		}
		if _, taken := slices.BinarySearch(ids, id); taken || s.exists(id) {
			continue
		}
		if next == "" || id < next {
			return id, nil
		}
	}
	return "", fmt.Errorf("rebuild id for %s (next is %s): %w", source, next, ErrNoRebuildID)
}
