//go:build duckdb

package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestReadmeDuckDBSnippet runs the demo into a temporary store and then the
// README's DuckDB snippet against it, so the README cannot drift from what
// the tool writes.
func TestReadmeDuckDBSnippet(t *testing.T) {
	store := filepath.Join(t.TempDir(), "data")
	var out, errb bytes.Buffer
	code := Main(t.Context(), []string{"run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("demo run exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```sql\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README has no ```sql block")
	}
	snippet := strings.ReplaceAll(string(m[1]), "'data/", "'"+store+"/")
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := strings.Split(strings.TrimSpace(snippet), ";")
	for _, s := range stmts[:len(stmts)-2] {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	rows, err := db.Query(stmts[len(stmts)-2])
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	defer rows.Close()
	n := 0
	var prev int32 = 1 << 30
	for rows.Next() {
		var name, cc string
		var count int32
		var networks any
		if err := rows.Scan(&name, &cc, &count, &networks); err != nil {
			t.Fatal(err)
		}
		if count > prev || count < 1 || name == "" {
			t.Errorf("row %d: %s %s %d: not ordered by network_count, or empty", n, name, cc, count)
		}
		prev = count
		n++
	}
	if n != 10 {
		t.Errorf("snippet returned %d rows, want 10", n)
	}
}
