//go:build duckdb

package faultsuite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

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
			if err := readAll(db, path); err != nil {
				t.Errorf("DuckDB cannot read %s/%s: %v", d.Name(), table, err)
			}
		}
	}
}

// readAll scans every value of the file: a count(*) alone would let DuckDB
// skip decoding the strings.
func readAll(db *sql.DB, path string) error {
	rows, err := db.QueryContext(context.Background(), "SELECT * FROM read_parquet('"+path+"')")
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
