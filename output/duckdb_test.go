//go:build duckdb

// This test reads a committed snapshot with DuckDB, the tool analysts use,
// to prove the files mean what DESIGN says outside our own reader. It needs
// cgo and builds DuckDB (slow the first time), hence the build tag:
//
//	go test -tags duckdb ./output/
package output

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/citynets/citynets"
)

func TestDuckDBReadsSnapshot(t *testing.T) {
	s := newStore(t)
	commit(t, s, testID)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	file := func(name string) string {
		return "read_parquet('" + filepath.ToSlash(filepath.Join(s.Path(testID), name)) + "')"
	}

	t.Run("row counts", func(t *testing.T) {
		tables := sampleTables()
		for name, want := range map[string]int{
			MembersParquet: len(tables.Members), PlacesParquet: len(tables.Places),
			ChangesParquet: len(tables.Changes), HistoryParquet: len(tables.History),
		} {
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+file(name)).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("%s: %d rows, want %d", name, n, want)
			}
		}
	})

	t.Run("types", func(t *testing.T) {
		want := map[string]map[string]string{
			MembersParquet: {
				"snapshot_id": "VARCHAR", "member_since": "DATE", "fetched_at": "TIMESTAMP WITH TIME ZONE",
				"attributes": "MAP(VARCHAR, VARCHAR)", "stale": "BOOLEAN", "latitude": "DOUBLE",
				"population": "BIGINT", "match_score": "FLOAT", "carried_from": "VARCHAR",
			},
			PlacesParquet:  {"networks": "VARCHAR[]", "network_count": "INTEGER", "member_keys": "VARCHAR[]"},
			ChangesParquet: {"changed_fields": "VARCHAR[]", "place_id": "VARCHAR"},
			HistoryParquet: {"present": "BOOLEAN", "seen_count": "BIGINT"},
		}
		for name, cols := range want {
			rows, err := db.QueryContext(ctx, "DESCRIBE SELECT * FROM "+file(name))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for rows.Next() {
				var col, typ string
				var null, key, def, extra sql.NullString
				if err := rows.Scan(&col, &typ, &null, &key, &def, &extra); err != nil {
					t.Fatal(err)
				}
				got[col] = typ
			}
			rows.Close()
			for col, typ := range cols {
				if got[col] != typ {
					t.Errorf("%s.%s: DuckDB type %q, want %q", name, col, got[col], typ)
				}
			}
		}
	})

	t.Run("values", func(t *testing.T) {
		var name, since, tier, fetched string
		var lat float64
		var stale bool
		err := db.QueryRowContext(ctx, `SELECT name, strftime(member_since, '%Y-%m-%d'), attributes['tier'],
			strftime(fetched_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g'), latitude, stale
			FROM `+file(MembersParquet)+` WHERE member_key = 'london'`).Scan(&name, &since, &tier, &fetched, &lat, &stale)
		if err != nil {
			t.Fatal(err)
		}
		if name != "London" || since != "2005-10-01" || tier != "Megacity" || fetched != "2026-11-27T02:00:03.456" || lat != 51.50853 || stale {
			t.Errorf("london = %q %q %q %q %v %v", name, since, tier, fetched, lat, stale)
		}

		var nulls int
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM `+file(MembersParquet)+`
			WHERE place_id IS NULL AND latitude IS NULL AND population IS NULL AND member_since IS NULL
			  AND country_published IS NULL AND cardinality(attributes) = 0`).Scan(&nulls)
		if err != nil {
			t.Fatal(err)
		}
		if nulls != 1 {
			t.Errorf("%d fully-null unresolved members, want 1", nulls)
		}

		var carried string
		var tokyoSince time.Time
		err = db.QueryRowContext(ctx, `SELECT carried_from, member_since FROM `+file(MembersParquet)+` WHERE stale`).Scan(&carried, &tokyoSince)
		if err != nil {
			t.Fatal(err)
		}
		if carried != "20261126T020000Z-aaa" || tokyoSince.Format(time.DateOnly) != "2000-01-01" {
			t.Errorf("stale row = %q %v", carried, tokyoSince)
		}

		var networks string
		if err := db.QueryRowContext(ctx, `SELECT array_to_string(networks, ',') FROM `+file(PlacesParquet)+
			` WHERE place_id = 'geonames:2643743'`).Scan(&networks); err != nil {
			t.Fatal(err)
		}
		if networks != "c40,metropolis" {
			t.Errorf("networks = %q", networks)
		}
	})

	t.Run("key-value metadata", func(t *testing.T) {
		for _, name := range []string{MembersParquet, PlacesParquet, ChangesParquet, HistoryParquet} {
			path := filepath.ToSlash(filepath.Join(s.Path(testID), name))
			got := map[string]string{}
			rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT decode(key), decode(value) FROM parquet_kv_metadata('%s')`, path))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var k, v string
				if err := rows.Scan(&k, &v); err != nil {
					t.Fatal(err)
				}
				got[k] = v
			}
			rows.Close()
			if got[MetaSchemaVersion] != citynets.SchemaVersion || got[MetaSnapshotID] != testID {
				t.Errorf("%s metadata = %v", name, got)
			}
		}
	})

	t.Run("compression", func(t *testing.T) {
		var codecs string
		err := db.QueryRowContext(ctx, `SELECT string_agg(DISTINCT compression, ',') FROM parquet_metadata('`+
			filepath.ToSlash(filepath.Join(s.Path(testID), MembersParquet))+`')`).Scan(&codecs)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.EqualFold(codecs, "ZSTD") {
			t.Errorf("codecs = %q, want ZSTD", codecs)
		}
	})
}
