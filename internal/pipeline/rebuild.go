package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/citynets/citynets/output"
)

// Rebuild re-parses and re-enriches a snapshot from its own archive into a
// new snapshot whose parent is the original, so that its changes show what
// a scraper fix or a new gazetteer changed (all of cause `processing`: the
// pages are the same bytes). The original's spec folder is used unless
// o.SpecsDir says otherwise.
func Rebuild(ctx context.Context, id string, o Options) (*Report, error) {
	o.defaults()
	store, err := output.OpenStoreReadOnly(o.StoreDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	snap, err := store.Snapshot(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	if err := snap.Verify(ctx); err != nil {
		return nil, fmt.Errorf("%w: snapshot %s fails verification: %w", ErrInput, snap.ID, err)
	}
	m := snap.Manifest
	if m.Source == output.SourceRederived {
		return nil, fmt.Errorf("%w: snapshot %s holds no pages to rebuild from: it re-derives history over the series, with the members of %s; rebuild %s (or any snapshot of the series) instead",
			ErrInput, snap.ID, m.ParentID, m.ParentID)
	}
	o.RebuildFrom, o.AsOf = snap.ID, m.CreatedAt
	o.Replay = filepath.Join(snap.Dir(), output.RawWARC)
	o.Networks = scrapedNetworks(m)
	if m.Backfill != nil {
		o.AsOf = m.Backfill.Step // its pages are the site as of its step, read with that day's variants
		// Its lists were judged against the later snapshots, not the
		// earlier one a rebuild's parent is: a list the backfill refused
		// (a partial list in an old design) must be refused again.
		if o.guardRefs, err = laterRefs(ctx, store, m.Backfill.Step, strings.Split(o.Networks, ","), o.Logger); err != nil {
			return nil, err
		}
	}
	if o.SpecsDir == "" {
		o.SpecsDir = specsDir(m, o.Logger)
	}
	// A network read with a spec the snapshot stored (a repaired one, read
	// with its induced spec) is read with that spec again, so that the
	// rebuild reproduces its rows; o.SpecFiles may still name another.
	if files := storedSpecs(snap.Dir(), m); len(files) > 0 {
		if o.SpecFiles == nil {
			o.SpecFiles = map[string]string{}
		}
		for id, f := range files {
			if _, set := o.SpecFiles[id]; !set {
				o.SpecFiles[id] = f
			}
		}
	}
	return Run(ctx, o)
}

// scrapedNetworks lists the networks the snapshot scraped (not skipped).
func scrapedNetworks(m *output.Manifest) string {
	var ids []string
	for id, s := range m.Networks {
		if s.Status != output.StatusSkipped {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// specsDir is the override folder the snapshot was made with, when it still
// exists.
func specsDir(m *output.Manifest, log *slog.Logger) string {
	for _, s := range m.Specs {
		if s.Dir == "" {
			continue
		}
		dir := filepath.Dir(s.Dir)
		if _, err := os.Stat(dir); err != nil {
			log.Warn("the snapshot's spec folder is gone; using the embedded specs", "dir", dir)
			return ""
		}
		return dir
	}
	return ""
}
