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
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// readmeSQL returns the README's ```sql blocks, in order.
func readmeSQL(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllSubmatch(readme, -1) {
		out = append(out, string(m[1]))
	}
	if len(out) == 0 {
		t.Fatal("README has no ```sql block")
	}
	return out
}

// runSnippet runs a snippet's statements against store and returns the
// last statement's rows, each as its column values.
func runSnippet(t *testing.T, store, snippet string) (cols []string, rows [][]any) {
	t.Helper()
	snippet = strings.ReplaceAll(snippet, "'data/", "'"+store+"/")
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := strings.Split(strings.TrimSpace(snippet), ";")
	stmts = stmts[:len(stmts)-1] // the text after the last ;
	for _, s := range stmts[:len(stmts)-1] {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	r, err := db.Query(stmts[len(stmts)-1])
	if err != nil {
		t.Fatalf("query %s: %v", stmts[len(stmts)-1], err)
	}
	defer r.Close()
	cols, _ = r.Columns()
	for r.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, vals)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return cols, rows
}

// TestReadmeDuckDBSnippet runs the demo into a temporary store and then the
// README's first DuckDB snippet against it, so the README cannot drift from
// what the tool writes.
func TestReadmeDuckDBSnippet(t *testing.T) {
	store := filepath.Join(t.TempDir(), "data")
	var out, errb bytes.Buffer
	code := Main(t.Context(), []string{"run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"}, &out, &errb)
	if code != exitOK {
		t.Fatalf("demo run exit %d\n%s\n%s", code, out.String(), errb.String())
	}
	_, rows := runSnippet(t, store, readmeSQL(t)[0])
	var prev int32 = 1 << 30
	for n, r := range rows {
		name, _ := r[0].(string)
		count, _ := r[2].(int32)
		if count > prev || count < 1 || name == "" {
			t.Errorf("row %d: %v: not ordered by network_count, or empty", n, r)
		}
		prev = count
	}
	if len(rows) != 10 {
		t.Errorf("snippet returned %d rows, want 10", len(rows))
	}
}

// TestReadmeDuckDBAcrossSnapshots runs the README's other DuckDB snippets
// over a store of three snapshots (the 2019 C40 list, today's, and the
// demo of all networks), one of whose places.parquet is rewritten as an
// older build wrote it, without the snapshot columns, for the
// union_by_name snippet. Each snippet is recognised by its first comment
// line and its result checked.
func TestReadmeDuckDBAcrossSnapshots(t *testing.T) {
	store := filepath.Join(t.TempDir(), "data")
	for _, list := range []string{"../../output/testdata/diff/c40_2019.txt", "../../scrapers/c40/testdata/sample/names.txt"} {
		warc := c40Archive(t, nameList(t, list))
		if code, out, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run %s: exit %d\n%s\n%s", list, code, out, errOut)
		}
	}
	if code, out, errOut := run(t, "run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"); code != exitOK {
		t.Fatalf("demo run: exit %d\n%s\n%s", code, out, errOut)
	}
	ids, _ := filepath.Glob(filepath.Join(store, "snapshots", "*"))
	if len(ids) != 3 {
		t.Fatalf("%d snapshots, want 3", len(ids))
	}
	legacyPlaces(t, filepath.Join(ids[0], "places.parquet"))

	checks := map[string]func(t *testing.T, cols []string, rows [][]any){
		"-- members per network per night": func(t *testing.T, cols []string, rows [][]any) {
			// c40 in each of three snapshots; four other networks in the last.
			if len(rows) != 7 {
				t.Errorf("%d rows, want 7: %v", len(rows), rows)
			}
		},
		"-- who joined or left in a date range": func(t *testing.T, cols []string, rows [][]any) {
			kinds := map[any]int{}
			for _, r := range rows {
				kinds[r[2]]++
			}
			if kinds["joined"] == 0 || kinds["left"] == 0 {
				t.Errorf("changes %v, want joins and leaves", kinds)
			}
		},
		"-- the spells of one city": func(t *testing.T, cols []string, rows [][]any) {
			if got := strings.Join(cols, ","); got != "network,member_id,name,from_date,to_date,present,seen_count" {
				t.Errorf("columns %s", got)
			}
			if len(rows) == 0 {
				t.Error("no history rows for London")
			}
			for _, r := range rows {
				from, okFrom := r[3].(time.Time)
				to, okTo := r[4].(time.Time)
				id, _ := r[1].(string)
				if !okFrom || !okTo || to.Before(from) || id == "" {
					t.Errorf("spell %v: want a member_id and from_date <= to_date", r)
				}
				// London is on the C40 list of all three snapshots: one
				// spell, still present.
				if r[0] == "c40" && (r[5] != true || r[6] != int64(3)) {
					t.Errorf("c40 spell %v: want present over 3 snapshots", r)
				}
			}
		},
		"-- which nights did a network fail": func(t *testing.T, cols []string, rows [][]any) {
			if len(cols) != 6 {
				t.Errorf("columns %v", cols)
			}
		},
		"-- places per night over a mixed store": func(t *testing.T, cols []string, rows [][]any) {
			if len(rows) != 3 {
				t.Fatalf("%d rows, want one per snapshot: %v", len(rows), rows)
			}
			for _, r := range rows {
				if r[0] == nil || r[1] == nil {
					t.Errorf("snapshot columns not derived: %v", r)
				}
			}
		},
	}
	seen := 0
	for _, snippet := range readmeSQL(t)[1:] {
		first, _, _ := strings.Cut(strings.TrimSpace(snippet), "\n")
		var check func(*testing.T, []string, [][]any)
		for prefix, c := range checks {
			if strings.HasPrefix(first, prefix) {
				check = c
			}
		}
		if check == nil {
			t.Errorf("README snippet %q has no check here: add one", first)
			continue
		}
		seen++
		t.Run(first, func(t *testing.T) {
			cols, rows := runSnippet(t, store, snippet)
			check(t, cols, rows)
		})
	}
	if seen != len(checks) {
		t.Errorf("%d of the %d checked snippets are in the README", seen, len(checks))
	}
}

// legacyPlaces rewrites a places.parquet without the columns schema
// version 2 added, as a store written by an older build holds it.
func legacyPlaces(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tmp := path + ".old"
	q := "COPY (SELECT * EXCLUDE (snapshot_id, snapshot_date, continent) FROM read_parquet('" + path + "')) TO '" + tmp + "' (FORMAT parquet)"
	if _, err := db.Exec(q); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}
