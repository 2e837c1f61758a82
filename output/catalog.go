package output

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/atomicfile"
)

// IndexFile is the store-level catalog at the store root.
const IndexFile = "index.json"

// maxIndex bounds what is read of index.json (about 1 KB per snapshot).
const maxIndex = 256 << 20

// Catalog is index.json: every committed snapshot, oldest first, so that
// "all snapshots" is one file to read. It is derived from the snapshots'
// manifests and rewritten atomically at each commit, prune and repair; a
// missing or stale catalog is rebuilt from the snapshots, which remain the
// truth.
type Catalog struct {
	SchemaVersion string         `json:"schema_version"`
	Snapshots     []CatalogEntry `json:"snapshots"`
}

// CatalogEntry is one snapshot in the catalog.
type CatalogEntry struct {
	ID string `json:"id"`
	// Date is the date the snapshot describes (see snapshot_date); absent
	// for an id that does not start with a time.
	Date        *time.Time                `json:"date,omitempty"`
	CreatedAt   time.Time                 `json:"created_at"`
	Parent      string                    `json:"parent,omitempty"`
	RebuiltFrom string                    `json:"rebuilt_from,omitempty"`
	Members     int64                     `json:"members"`
	Networks    map[string]CatalogNetwork `json:"networks"`
	// Rows counts the rows of each table file (members.parquet → n).
	Rows map[string]int64 `json:"rows"`
}

// CatalogNetwork is one network's status and member count in a snapshot.
type CatalogNetwork struct {
	Status  string `json:"status"`
	Members int    `json:"members"`
}

// catalogEntry builds the catalog entry of a snapshot from its manifest.
func catalogEntry(m *Manifest) CatalogEntry {
	e := CatalogEntry{
		ID: m.ID, CreatedAt: m.CreatedAt, Parent: m.ParentID, RebuiltFrom: m.RebuiltFrom,
		Networks: map[string]CatalogNetwork{}, Rows: map[string]int64{},
	}
	if d, ok := snapshotDate(m.ID); ok {
		e.Date = &d
	}
	for id, n := range m.Networks {
		e.Networks[id] = CatalogNetwork{Status: n.Status, Members: n.Members}
	}
	for name, f := range m.Files {
		if filepath.Ext(name) == ".parquet" {
			e.Rows[name] = f.Rows
		}
	}
	e.Members = e.Rows[MembersParquet]
	return e
}

// readCatalog reads index.json; fs.ErrNotExist when there is none.
func (s *Store) readCatalog() (*Catalog, error) {
	b, err := readSmall(filepath.Join(s.dir, IndexFile), maxIndex)
	if err != nil {
		return nil, err
	}
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("read %s: %w", IndexFile, err)
	}
	return &c, nil
}

// buildCatalog makes the catalog of the committed snapshots ids, reusing
// the entries of prev (may be nil) for ids not in dirty and reading the
// manifests of the others. A snapshot whose manifest does not read is
// left out, as Newest leaves it out of the lineage.
func (s *Store) buildCatalog(ctx context.Context, ids []string, prev *Catalog, dirty map[string]bool) (*Catalog, error) {
	known := map[string]CatalogEntry{}
	if prev != nil {
		for _, e := range prev.Snapshots {
			known[e.ID] = e
		}
	}
	c := &Catalog{SchemaVersion: citynets.SchemaVersion, Snapshots: []CatalogEntry{}}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e, ok := known[id]; ok && !dirty[id] {
			c.Snapshots = append(c.Snapshots, e)
			continue
		}
		m, err := s.Manifest(id)
		if err != nil || m.ID != id {
			continue
		}
		c.Snapshots = append(c.Snapshots, catalogEntry(m))
	}
	return c, nil
}

// Catalog returns the catalog of the store: index.json when it lists
// exactly the committed snapshots, else one rebuilt from their manifests
// in memory (a reader holds no lock, so it never writes index.json; the
// next commit, prune, repair or run start does).
func (s *Store) Catalog(ctx context.Context) (*Catalog, error) {
	ids, err := s.List()
	if err != nil {
		return nil, err
	}
	prev, err := s.readCatalog()
	if err == nil && slices.Equal(catalogIDs(prev), ids) {
		return prev, nil
	}
	return s.buildCatalog(ctx, ids, prev, nil)
}

// RefreshCatalog rewrites index.json to list exactly the committed
// snapshots, rereading the manifests of the ids in dirty (a repaired
// snapshot) and of snapshots the old catalog lacks. Commit, Prune, Repair
// and crash recovery call it; it writes only when something changed.
func (s *Store) RefreshCatalog(ctx context.Context, dirty ...string) error {
	if s.readOnly {
		return fmt.Errorf("refresh %s: %w", IndexFile, ErrReadOnly)
	}
	ids, err := s.List()
	if err != nil {
		return fmt.Errorf("refresh %s: %w", IndexFile, err)
	}
	prev, _ := s.readCatalog() // missing or garbage: rebuilt from the manifests
	d := map[string]bool{}
	for _, id := range dirty {
		d[id] = true
	}
	c, err := s.buildCatalog(ctx, ids, prev, d)
	if err != nil {
		return fmt.Errorf("refresh %s: %w", IndexFile, err)
	}
	if prev != nil && reflect.DeepEqual(prev, c) {
		return nil
	}
	return s.writeCatalog(c)
}

// writeCatalog writes index.json atomically (a temp file renamed over it,
// which replaces a symlink rather than writing through it).
func (s *Store) writeCatalog(c *Catalog) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", IndexFile, err)
	}
	if err := atomicfile.WriteFile(filepath.Join(s.dir, IndexFile), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", IndexFile, err)
	}
	return nil
}

func catalogIDs(c *Catalog) []string {
	ids := make([]string, len(c.Snapshots))
	for i, e := range c.Snapshots {
		ids[i] = e.ID
	}
	return ids
}

// CatalogLag says how index.json is behind the snapshots, one line per
// snapshot it lacks or lists in excess, or that it is missing. A crash
// between a commit's (or prune's) last rename and the catalog's rewrite
// leaves such a lag, as it leaves LATEST unmoved; it is not damage, and
// the next run, prune or repair rewrites the catalog. Verify reports it
// apart from the problems (see verifyCatalog).
func (s *Store) CatalogLag(ctx context.Context) ([]string, error) {
	ids, err := s.List()
	if err != nil {
		return nil, err
	}
	c, err := s.readCatalog()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if len(ids) == 0 {
			return nil, nil
		}
		return []string{IndexFile + " is missing"}, nil
	case err != nil:
		return nil, nil // a problem, not a lag: verifyCatalog reports it
	}
	listed := map[string]bool{}
	for _, id := range catalogIDs(c) {
		listed[id] = true
	}
	var lag []string
	for _, id := range ids {
		if !listed[id] {
			lag = append(lag, fmt.Sprintf("%s does not list snapshot %s yet", IndexFile, id))
		}
		delete(listed, id)
	}
	for _, id := range slices.Sorted(maps.Keys(listed)) {
		lag = append(lag, fmt.Sprintf("%s still lists %s, which is no longer committed", IndexFile, id))
	}
	return lag, ctx.Err()
}

// verifyCatalog returns what is wrong with index.json: it must decode,
// and each entry of a committed snapshot must say exactly what the
// snapshot's manifest says. Entries it lacks or has in excess are a lag
// (see CatalogLag), not a problem.
func (s *Store) verifyCatalog(ctx context.Context) ([]string, error) {
	ids, err := s.List()
	if err != nil {
		return nil, err
	}
	c, err := s.readCatalog()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return []string{err.Error()}, nil
	}
	want, err := s.buildCatalog(ctx, ids, nil, nil)
	if err != nil {
		return nil, err
	}
	got := map[string]CatalogEntry{}
	for _, e := range c.Snapshots {
		got[e.ID] = e
	}
	var problems []string
	for _, e := range want.Snapshots {
		if g, ok := got[e.ID]; ok && !sameEntry(g, e) {
			problems = append(problems, fmt.Sprintf("%s: entry of %s differs from its manifest", IndexFile, e.ID))
		}
	}
	return problems, nil
}

// sameEntry compares two entries, times by instant.
func sameEntry(a, b CatalogEntry) bool {
	if (a.Date == nil) != (b.Date == nil) || (a.Date != nil && !a.Date.Equal(*b.Date)) || !a.CreatedAt.Equal(b.CreatedAt) {
		return false
	}
	a.Date, b.Date = nil, nil
	a.CreatedAt, b.CreatedAt = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}
