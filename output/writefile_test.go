package output

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets"
)

// TestWriteOneTable checks that each table can be written alone to a
// Parquet file of any name, byte for byte as WriteTables writes it into a
// snapshot, replacing what was there and leaving nothing else behind.
func TestWriteOneTable(t *testing.T) {
	ctx := context.Background()
	tables := sampleTables()
	snap := t.TempDir()
	if _, err := WriteTables(ctx, snap, testID, tables); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		file  string // the same table's file in a snapshot
		write func(path string) error
		read  func(path string) (any, error)
		want  any
	}{
		{"members", MembersParquet,
			func(p string) error { return WriteMembers(ctx, p, testID, tables.Members) },
			func(p string) (any, error) { return ReadMembers(ctx, p) }, normalise(tables).Members},
		{"places", PlacesParquet,
			func(p string) error { return WritePlaces(ctx, p, testID, tables.Places) },
			func(p string) (any, error) { return ReadPlaces(ctx, p) }, normalise(tables).Places},
		{"changes", ChangesParquet,
			func(p string) error { return WriteChanges(ctx, p, testID, tables.Changes) },
			func(p string) (any, error) { return ReadChanges(ctx, p) }, normalise(tables).Changes},
		{"history", HistoryParquet,
			func(p string) error { return WriteHistory(ctx, p, testID, tables.History) },
			func(p string) (any, error) { return ReadHistory(ctx, p) }, normalise(tables).History},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.parquet")
			if err := os.WriteFile(path, []byte("an older file"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := tt.write(path); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(snap, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the snapshot's %s", path, tt.file)
			}
			rows, err := tt.read(path)
			if err != nil {
				t.Fatal(err)
			}
			switch w := tt.want.(type) {
			case []citynets.Member:
				diffRows(t, tt.name, rows.([]citynets.Member), w)
			case []citynets.Place:
				diffRows(t, tt.name, rows.([]citynets.Place), w)
			case []citynets.Change:
				diffRows(t, tt.name, rows.([]citynets.Change), w)
			case []citynets.HistoryEntry:
				diffRows(t, tt.name, rows.([]citynets.HistoryEntry), w)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
				t.Errorf("mode: %v, %v; want 0644", fi.Mode(), err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the folder holds %d entries, want only the file", len(entries))
			}
		})
	}
}

// TestWriteOneTableFailureKeepsOldFile checks that a failed write (invalid
// UTF-8 here) leaves the previous file whole and no temporary file.
func TestWriteOneTableFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "changes.parquet")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := []citynets.Change{{ToSnapshot: testID, Network: "c40", MemberKey: "x", Change: citynets.Joined,
		Cause: citynets.CauseSource, NewName: "bad \xff name"}}
	err := WriteChanges(context.Background(), path, testID, bad)
	var se *StringEncodingError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *StringEncodingError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "previous" {
		t.Errorf("the old file became %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only the old file", len(entries))
	}
}
