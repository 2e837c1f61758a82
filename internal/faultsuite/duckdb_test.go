//go:build duckdb

package faultsuite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets/internal/duckdbtest"
	"github.com/citynets/citynets/output"
)

// checkDuckDB reads every table of every snapshot in store with DuckDB,
// the tool analysts use: one string it cannot decode, in any snapshot,
// breaks every query that globs over the store.
func checkDuckDB(t *testing.T, store string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dirs, err := os.ReadDir(filepath.Join(store, "snapshots"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		for _, table := range []string{output.MembersParquet, output.PlacesParquet, output.ChangesParquet, output.HistoryParquet} {
			path := filepath.ToSlash(filepath.Join(store, "snapshots", d.Name(), table))
			if err := duckdbtest.ScanAll(context.Background(), db, "read_parquet('"+path+"')"); err != nil {
				t.Errorf("DuckDB cannot read %s/%s: %v", d.Name(), table, err)
			}
		}
	}
}
