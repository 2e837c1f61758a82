package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
)

// writeParquetWithMeta writes an empty members file whose schema metadata
// is md, to fake files from another schema version or another tool.
func writeParquetWithMeta(t *testing.T, path string, md map[string]string) {
	t.Helper()
	meta := arrow.MetadataFrom(md)
	sc := arrow.NewSchema(MembersSchema().Fields(), &meta)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(sc, f, nil, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestReadChecksSchemaVersion(t *testing.T) {
	cases := []struct {
		name    string
		meta    map[string]string
		wantGot string
	}{
		{"older version", map[string]string{MetaSchemaVersion: "0", MetaSnapshotID: testID}, "0"},
		{"no citynets metadata", map[string]string{"other": "x"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), MembersParquet)
			writeParquetWithMeta(t, path, tc.meta)
			_, err := ReadMembers(context.Background(), path)
			var sv *SchemaVersionError
			if !errors.As(err, &sv) || !errors.Is(err, ErrSchemaVersion) {
				t.Fatalf("ReadMembers error = %v, want a SchemaVersionError", err)
			}
			if sv.Got != tc.wantGot || sv.Want != citynets.SchemaVersion {
				t.Errorf("SchemaVersionError = %+v", sv)
			}
		})
	}
}

func TestReadTablesRejectsMixedSnapshots(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	if _, err := WriteTables(context.Background(), dir, testID, sampleTables()); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteTables(context.Background(), other, "20261128T020000Z-zzz", sampleTables()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(other, HistoryParquet))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, HistoryParquet), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadTables(context.Background(), dir); err == nil {
		t.Fatal("ReadTables accepted a history file from another snapshot")
	}
}

func TestArrowIPCReadable(t *testing.T) {
	dir := t.TempDir()
	tables := sampleTables()
	if _, err := WriteTables(context.Background(), dir, testID, tables); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, MembersArrow))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f, ipc.WithAllocator(memory.NewGoAllocator()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	checkSchema(t, MembersArrow, r.Schema(), designSchemas()[MembersParquet])
	for k, want := range map[string]string{MetaSchemaVersion: citynets.SchemaVersion, MetaSnapshotID: testID} {
		if got, _ := r.Schema().Metadata().GetValue(k); got != want {
			t.Errorf("metadata %s = %q, want %q", k, got, want)
		}
	}
	if r.NumRecords() != 1 {
		t.Fatalf("%d batches, want 1", r.NumRecords())
	}
	rec, err := r.RecordBatch(0)
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) arrow.Array { return rec.Column(r.Schema().FieldIndices(name)[0]) }
	names := col("name").(*array.String)
	for i, m := range tables.Members {
		if names.Value(i) != m.Name {
			t.Errorf("row %d name %q, want %q", i, names.Value(i), m.Name)
		}
	}
	if ids := col("snapshot_id").(*array.String); ids.Value(2) != testID {
		t.Errorf("snapshot_id %q", ids.Value(2))
	}
	for _, name := range []string{"place_id", "place_name", "latitude", "population", "member_since", "country_published", "network_region", "carried_from"} {
		if col(name).IsValid(1) {
			t.Errorf("%s of the unresolved member is not null", name)
		}
	}
	if col("network_region").IsValid(2) || col("carried_from").IsValid(0) {
		t.Error("empty string written as a value, not null")
	}
	if !col("attributes").IsValid(1) || !col("match_method").IsValid(1) {
		t.Error("non-null columns written as null")
	}
	if !col("latitude").IsValid(0) || col("latitude").(*array.Float64).Value(0) != 51.50853 {
		t.Error("latitude of London lost")
	}
	attrs := col("attributes").(*array.Map)
	if start, end := attrs.ValueOffsets(0); end-start != 2 {
		t.Errorf("London has %d attributes, want 2", end-start)
	}
	if !col("stale").(*array.Boolean).Value(2) {
		t.Error("stale flag lost")
	}

	meta, err := ReadArrowMeta(filepath.Join(dir, PlacesArrow))
	if err != nil || meta.Rows != int64(len(tables.Places)) || meta.SnapshotID != testID {
		t.Errorf("ReadArrowMeta(places.arrow) = %+v, %v", meta, err)
	}
}
