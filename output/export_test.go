package output

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
)

// committedStore is a store with one committed snapshot of the sample
// tables; it returns the store and the snapshot's id.
func committedStore(t *testing.T) (*Store, string) {
	t.Helper()
	s := newStore(t)
	commit(t, s, testID)
	return s, testID
}

// exportBytes exports table of id in format.
func exportBytes(t *testing.T, s *Store, id, table, format string) []byte {
	t.Helper()
	schema, _ := TableSchemaOf(table)
	var buf bytes.Buffer
	tw, err := NewTableWriter(&buf, format, schema, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Batches(context.Background(), id, table, tw.Write); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportRoundTrip exports every table in every format and reads it
// back: the same rows, with the snapshot columns, in every format.
func TestExportRoundTrip(t *testing.T) {
	s, id := committedStore(t)
	for _, table := range TableNames() {
		schema, _ := TableSchemaOf(table)
		var wantRows int64
		if table == TableRuns {
			wantRows = 1
		} else {
			m, _ := s.Manifest(id)
			wantRows = m.Files[table+".parquet"].Rows
		}
		for _, format := range ExportFormats() {
			t.Run(table+"."+format, func(t *testing.T) {
				b := exportBytes(t, s, id, table, format)
				switch format {
				case FormatCSV:
					recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
					if err != nil {
						t.Fatal(err)
					}
					if int64(len(recs)-1) != wantRows || len(recs[0]) != schema.NumFields() {
						t.Fatalf("%d rows of %d cells, want %d of %d", len(recs)-1, len(recs[0]), wantRows, schema.NumFields())
					}
					for _, r := range recs[1:] {
						if r[0] != id || !strings.HasPrefix(r[1], "2026-11-27T02:00:00") {
							t.Errorf("snapshot columns %q %q", r[0], r[1])
						}
					}
				case FormatJSONL:
					lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
					if int64(len(lines)) != wantRows {
						t.Fatalf("%d lines, want %d", len(lines), wantRows)
					}
					for _, l := range lines {
						var row map[string]any
						if err := json.Unmarshal([]byte(l), &row); err != nil {
							t.Fatalf("%v: %s", err, l)
						}
						if row["snapshot_id"] != id || len(row) != schema.NumFields() {
							t.Errorf("row %s", l)
						}
					}
				case FormatParquet:
					rdr, err := file.NewParquetReader(bytes.NewReader(b))
					if err != nil {
						t.Fatal(err)
					}
					defer rdr.Close()
					fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.NewGoAllocator())
					if err != nil {
						t.Fatal(err)
					}
					sc, _ := fr.Schema()
					if rdr.NumRows() != wantRows || !sameFields(sc, schema) {
						t.Errorf("%d rows, schema %s", rdr.NumRows(), sc)
					}
				}
			})
		}
	}
}

func sameFields(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.Fields() {
		if a.Field(i).Name != b.Field(i).Name || !arrow.TypeEqual(a.Field(i).Type, b.Field(i).Type) {
			return false
		}
	}
	return true
}

// TestExportCSVQuoting checks RFC 4180 quoting of names holding commas,
// quotes and newlines, and maps as JSON text, read back by encoding/csv.
func TestExportCSVQuoting(t *testing.T) {
	tests := []struct{ name string }{
		{`Washington, DC`},
		{`The "Big Apple"`},
		{"Line one\nline two"},
		{"Crlf\r\nname, with \"all\" of them"},
		{"São Paulo"},
	}
	s := newStore(t)
	tables := sampleTables()
	tables.Members = nil
	for i, tt := range tests {
		m := sampleMembers()[0]
		m.MemberKey = string(rune('a' + i))
		m.Name = tt.name
		m.Attributes = map[string]string{"note": tt.name}
		tables.Members = append(tables.Members, m)
	}
	ctx := context.Background()
	txn, err := s.Begin(ctx, testID)
	if err != nil {
		t.Fatal(err)
	}
	if err := txn.Commit(ctx, &Manifest{Networks: map[string]NetworkStatus{"c40": {Status: StatusOK, Members: len(tests)}}}, tables); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(exportBytes(t, s, testID, TableMembers, FormatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	nameCol, attrCol := col("name"), col("attributes")
	for i, tt := range tests {
		row := recs[i+1]
		// encoding/csv reads \r\n inside a quoted field as \n.
		want := strings.ReplaceAll(tt.name, "\r\n", "\n")
		if row[nameCol] != want {
			t.Errorf("name %q, want %q", row[nameCol], want)
		}
		var attrs map[string]string
		if err := json.Unmarshal([]byte(row[attrCol]), &attrs); err != nil || attrs["note"] != tt.name {
			t.Errorf("attributes cell %q: %v", row[attrCol], err)
		}
	}
}

// TestExportLegacySnapshot exports a snapshot written before schema
// version 2: its missing snapshot columns are derived, the others null,
// and its runs come from its manifest.
func TestExportLegacySnapshot(t *testing.T) {
	s, id := committedStore(t)
	dir := s.Path(id)
	// Rewrite places.parquet as a version-1 file: no snapshot columns, no
	// continent.
	var v1 []column[citynets.Place]
	for _, c := range placeColumns() {
		if c.field.Name != "continent" {
			v1 = append(v1, c)
		}
	}
	f, err := os.Create(filepath.Join(dir, PlacesParquet))
	if err != nil {
		t.Fatal(err)
	}
	if err := encodeTable(context.Background(), "places", id, v1, sampleTables().Places, f, nil, true); err != nil {
		t.Fatal(err)
	}
	f.Close()
	setSchemaVersion(t, filepath.Join(dir, PlacesParquet), "1")
	os.Remove(filepath.Join(dir, RunsParquet))

	recs, err := csv.NewReader(bytes.NewReader(exportBytes(t, s, id, TablePlaces, FormatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "snapshot_id" || recs[1][0] != id || recs[1][1] != "2026-11-27T02:00:00.000Z" {
		t.Errorf("derived snapshot columns: %q / %q", recs[0], recs[1])
	}
	places, err := ReadPlaces(context.Background(), filepath.Join(dir, PlacesParquet))
	if err != nil || len(places) != 2 || places[0].Continent != "" {
		t.Errorf("ReadPlaces of a version-1 file: %v, %+v", err, places)
	}
	runs := exportBytes(t, s, id, TableRuns, FormatJSONL)
	if !strings.Contains(string(runs), `"network":"c40","status":"ok"`) {
		t.Errorf("runs from the manifest: %s", runs)
	}
}

// setSchemaVersion rewrites a test Parquet file's schema version by
// rewriting the file with its own schema's metadata changed.
func setSchemaVersion(t *testing.T, path, v string) {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	rdr.Close()
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	md := arrow.NewMetadata([]string{MetaSchemaVersion, MetaSnapshotID}, []string{v, testID})
	sc := arrow.NewSchema(tbl.Schema().Fields(), &md)
	cols := make([]arrow.Column, tbl.NumCols())
	for i := range cols {
		cols[i] = *tbl.Column(int(i))
	}
	relabelled := array.NewTable(sc, cols, tbl.NumRows())
	defer relabelled.Release()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := pqarrow.WriteTable(relabelled, out, 1024, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())); err != nil {
		t.Fatal(err)
	}
}
