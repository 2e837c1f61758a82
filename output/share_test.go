package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSchemaJSONShared: consecutive snapshots share schema.json's inode
// (an unchanged night stores it once), a damaged copy in the newest
// snapshot is not linked, and pruning the first snapshot leaves the
// second's copy whole and verified.
func TestSchemaJSONShared(t *testing.T) {
	s := newStore(t)
	ids := []string{"20261201T020000Z-aaa", "20261202T020000Z-bbb", "20261203T020000Z-ccc"}
	path := func(id string) string { return filepath.Join(s.Dir(), snapshotsDir, id, SchemaJSON) }
	commit(t, s, ids[0])
	commit(t, s, ids[1])
	if !sameInode(t, path(ids[0]), path(ids[1])) {
		t.Fatal("the second snapshot wrote its own schema.json, want a link to the first's")
	}
	// A newest copy that differs (here made writable and altered) is not shared.
	os.Remove(path(ids[1]))
	if err := os.WriteFile(path(ids[1]), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	commit(t, s, ids[2])
	if sameInode(t, path(ids[1]), path(ids[2])) {
		t.Error("a schema.json with other bytes was linked")
	}
	if _, err := s.Prune(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(t.Context(), ids[2]); err != nil {
		t.Errorf("after prune: %v", err)
	}
}

func sameInode(t *testing.T, a, b string) bool {
	t.Helper()
	fa, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(fa, fb)
}
