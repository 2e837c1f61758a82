//go:build duckdb

// Package duckdbtest reads our files with DuckDB, the tool analysts use,
// for the tests that prove a store is readable outside our own code.
package duckdbtest

import (
	"context"
	"database/sql"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// ScanAll reads every value of a DuckDB source such as
// "read_parquet('x.parquet')". A count(*) alone would let DuckDB skip
// decoding the strings, which is where a bad file fails.
func ScanAll(ctx context.Context, db *sql.DB, source string) error {
	rows, err := db.QueryContext(ctx, "SELECT * FROM "+source)
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
