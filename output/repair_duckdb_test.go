//go:build duckdb

package output

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/duckdbtest"
)

// TestDuckDBReadsRepairedSnapshots: DuckDB refuses a snapshot poisoned
// with invalid UTF-8 (which proves this test can fail), reads every table
// of the next snapshot made on top of it, and, after Repair, every table of
// the poisoned one and a glob over all snapshots.
func TestDuckDBReadsRepairedSnapshots(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const poisoned, child = "20261126T020000Z-aaa", testID
	commitPoisoned(t, s, poisoned, poisonedTables())
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := []string{MembersParquet, PlacesParquet, ChangesParquet, HistoryParquet}
	scan := func(source string) error { return duckdbtest.ScanAll(ctx, db, source) }
	file := func(id, name string) string {
		return "read_parquet('" + filepath.ToSlash(filepath.Join(s.Path(id), name)) + "')"
	}

	for _, name := range []string{MembersParquet, PlacesParquet, HistoryParquet} {
		if err := scan(file(poisoned, name)); err == nil {
			t.Errorf("DuckDB read the poisoned %s", name)
		} else {
			t.Logf("poisoned %s: %v", name, err)
		}
	}

	prev, err := s.Read(ctx, poisoned)
	if err != nil {
		t.Fatal(err)
	}
	members := sampleMembers()[:1]
	next := &citynets.Tables{Members: members, Places: prev.Places,
		History: UpdateHistory(prev.History, child, members, map[string]bool{"c40": true, "iclei": true, "wmccc": true})}
	txn, err := s.Begin(ctx, child)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	os.WriteFile(filepath.Join(txn.Dir(), RawWARC), []byte(rawWARC), 0o644)
	if err := txn.Commit(ctx, &Manifest{ParentID: poisoned}, next); err != nil {
		t.Fatal(err)
	}
	for _, name := range tables {
		if err := scan(file(child, name)); err != nil {
			t.Errorf("child %s: %v", name, err)
		}
	}

	unlock, err := s.Lock(ctx, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := s.Repair(ctx, poisoned, "vtest"); err != nil {
		t.Fatal(err)
	}
	for _, name := range tables {
		if err := scan(file(poisoned, name)); err != nil {
			t.Errorf("repaired %s: %v", name, err)
		}
		glob := "read_parquet('" + filepath.ToSlash(filepath.Join(s.Dir(), "snapshots", "*", name)) + "')"
		if err := scan(glob); err != nil {
			t.Errorf("glob over all snapshots' %s: %v", name, err)
		}
	}
}
