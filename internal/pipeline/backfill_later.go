package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
)

// laterRef is the nearest snapshot after a step that read a network
// successfully (committed, or read earlier in this backfill): its members
// are the names self-repair looks for on an old design, and their count is
// what the guard's drop check compares with. A nil *laterRef is none.
type laterRef struct {
	id      string
	members []citynets.Member
}

// count is the later snapshot's member count, 0 when there is none.
func (r *laterRef) count() int {
	if r == nil {
		return 0
	}
	return len(r.members)
}

// known are the later snapshot's members as self-repair's known names,
// and the network's known.txt when there is no later snapshot.
func (r *laterRef) known(n scrapers.Network) ([]scrapers.KnownMember, string) {
	if r == nil || len(r.members) == 0 {
		return n.KnownMembers(), knownFromFile
	}
	out := make([]scrapers.KnownMember, len(r.members))
	for i, m := range r.members {
		out[i] = scrapers.KnownMember{Name: m.Name, Country: m.CountryPublished}
	}
	return out, r.id
}

// later finds the nearest snapshot after step i in which network passed:
// a step read in this backfill, or a committed snapshot (a nightly one, or
// a step an earlier run committed), whichever is nearer the step.
func (b *backfill) later(ctx context.Context, i int, network string, reads []*stepRead) (*laterRef, error) {
	var ref *laterRef
	var at time.Time
	for j := i + 1; j < len(reads); j++ {
		if oc, ok := reads[j].outcome(network); ok && oc.err == nil {
			ref = &laterRef{id: output.BackfillID(b.steps[j], b.netIDs()), members: oc.result.Members}
			at = b.steps[j]
			break
		}
	}
	id, err := committedAfter(b.store, b.steps[i], network)
	if err != nil || id == "" {
		return ref, err
	}
	if t, _ := output.SnapshotTime(id); ref != nil && !t.Before(at) {
		return ref, nil
	}
	snap, err := b.load(ctx, id)
	if err != nil {
		return nil, err
	}
	return snap.laterRef(network), nil
}

// laterRef is the snapshot as a later reference for network: its members
// that were read in it, not carried.
func (p *snapshot) laterRef(network string) *laterRef {
	var fresh []citynets.Member
	for _, m := range p.members(network) {
		if !m.Stale {
			fresh = append(fresh, m)
		}
	}
	return &laterRef{id: p.id, members: fresh}
}

// laterRefs are, for a backfilled step dated t, each network's nearest
// committed snapshot after it in which the network passed: what the
// backfill judged the step's lists against (see later), and so what a
// rebuild of the step must judge them against to reproduce it. A network
// with none is absent.
func laterRefs(ctx context.Context, store *output.Store, t time.Time, networks []string, log *slog.Logger) (map[string]*laterRef, error) {
	out := map[string]*laterRef{}
	for _, n := range networks {
		id, err := committedAfter(store, t, n)
		if err != nil {
			return nil, err
		}
		if id == "" {
			continue
		}
		snap, err := loadParent(ctx, store, id, log)
		if err != nil {
			return nil, err
		}
		out[n] = snap.laterRef(n)
	}
	return out, nil
}

// outcome is network's outcome in a step read, if the step was read.
func (r *stepRead) outcome(network string) (outcome, bool) {
	if r == nil {
		return outcome{}, false
	}
	for _, oc := range r.outcomes {
		if oc.net.ID == network {
			return oc, true
		}
	}
	return outcome{}, false
}

// committedAfter is the oldest committed snapshot dated after t in which
// network passed, "" when there is none.
func committedAfter(store *output.Store, t time.Time, network string) (string, error) {
	ids, err := store.List()
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrStore, err)
	}
	for _, id := range ids {
		at, err := output.SnapshotTime(id)
		if err != nil || !at.After(t) {
			continue
		}
		m, err := store.Manifest(id)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrStore, err)
		}
		if st, ok := m.Networks[network]; ok && st.Passed() {
			return id, nil
		}
	}
	return "", nil
}

// load reads a committed snapshot, once.
func (b *backfill) load(ctx context.Context, id string) (*snapshot, error) {
	if s, ok := b.cache[id]; ok {
		return s, nil
	}
	s, err := loadParent(ctx, b.store, id, b.o.Logger)
	if err != nil {
		return nil, err
	}
	b.cache[id] = s
	return s, nil
}
