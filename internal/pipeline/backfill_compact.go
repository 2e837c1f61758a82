package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
)

// compact stores each payload of a step's archive once before the step is
// committed. Steps are read newest first, so while one is read the
// captures it shares with older steps are in no committed snapshot; they
// are by the time it is committed (oldest first), and a capture the
// archive served to several steps is then kept in the oldest one only,
// the others referring to it by revisit records, as a nightly run refers
// to earlier nights. (A backfill counts no requests or bytes per network,
// so there are no counters to correct.)
func (b *backfill) compact(ctx context.Context, r *stepRead) error {
	idx, err := b.store.RefreshPayloads(ctx)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStore, err)
	}
	rep, err := fetch.Compact(ctx, filepath.Join(r.txn.Dir(), output.RawWARC), payloads{idx: idx})
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: deduplicate the step's archive: %w", ErrStore, err)
		}
		// Deduplicating saves space; the archive as read is whole (Compact
		// replaces it only once the new one is complete), so the step is
		// committed with it.
		b.o.Logger.Warn("step archive not deduplicated; committed as read", "step", r.date.Format(time.DateOnly), "error", err)
		return nil
	}
	if rep.Revisits > 0 {
		b.o.Logger.Info("step archive deduplicated", "step", r.date.Format(time.DateOnly),
			"revisits", rep.Revisits, "bytes_before", rep.Before, "bytes_after", rep.After)
	}
	return nil
}
