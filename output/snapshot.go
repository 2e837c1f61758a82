package output

import (
	"context"
	"fmt"
	"sync"

	"github.com/citynets/citynets"
)

// Snapshot is one committed snapshot opened for reading: its id, resolved
// from what the user typed, and its manifest, read at once; its tables are
// read on first use, since a command that only needs the manifest (show,
// rebuild) should not pay for reading every table.
type Snapshot struct {
	ID       string
	Manifest *Manifest

	store  *Store
	mu     sync.Mutex
	tables *citynets.Tables
}

// Snapshot opens committed snapshot idOrPrefix for reading: an exact id,
// "LATEST" or a unique prefix (see Resolve). It reads the manifest; an
// unknown id gives an *UnknownSnapshotError, an ambiguous prefix an
// *AmbiguousSnapshotError.
func (s *Store) Snapshot(ctx context.Context, idOrPrefix string) (*Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	id, err := s.Resolve(idOrPrefix)
	if err != nil {
		return nil, err
	}
	m, err := s.Manifest(id)
	if err != nil {
		return nil, fmt.Errorf("open snapshot %s: %w", id, err)
	}
	return &Snapshot{ID: id, Manifest: m, store: s}, nil
}

// Dir is the snapshot's folder.
func (sn *Snapshot) Dir() string { return sn.store.Path(sn.ID) }

// Tables reads the snapshot's four Parquet tables the first time it is
// called and returns the same tables after that. A failed read is not
// cached, so it may be retried.
func (sn *Snapshot) Tables(ctx context.Context) (*citynets.Tables, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.tables != nil {
		return sn.tables, nil
	}
	t, err := sn.store.Read(ctx, sn.ID)
	if err != nil {
		return nil, err
	}
	sn.tables = t
	return t, nil
}

// Verify checks the snapshot's files against its manifest (see
// Store.Verify).
func (sn *Snapshot) Verify(ctx context.Context) error { return sn.store.Verify(ctx, sn.ID) }
