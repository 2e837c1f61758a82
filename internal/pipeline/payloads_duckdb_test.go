//go:build duckdb

package pipeline

import (
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// TestDuckDBReadsPayloadIndex reads payloads.json with DuckDB, as an
// analyst asking "where is this page's body stored?" would.
func TestDuckDBReadsPayloadIndex(t *testing.T) {
	store := t.TempDir()
	warc := archive(t, nil, "c40")
	sampleRun(t, store, warc, "c40", nil)
	sampleRun(t, store, warc, "c40", nil)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var records, digests int
	q := `SELECT count(*), count(DISTINCT p.digest) FROM (SELECT unnest(payloads) AS p FROM read_json_auto(?))`
	if err := db.QueryRowContext(t.Context(), q, filepath.Join(store, "payloads.json")).Scan(&records, &digests); err != nil {
		t.Fatalf("duckdb: %v", err)
	}
	if want := payloadIndex(t, store).Len(); digests != want || records < digests {
		t.Errorf("DuckDB reads %d records of %d digests, the index holds %d digests", records, digests, want)
	}
}
