package output

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestArrowFilesCompressedAndLegacy checks that members.arrow and
// places.arrow are written with compressed buffers, and that the readers
// of this package (ReadArrowMeta, the UTF-8 scan of verify and repair)
// read those and the uncompressed files that builds before compression
// wrote, to the same record batches.
func TestArrowFilesCompressedAndLegacy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tables := syntheticTables(2000)
	if _, err := WriteTables(ctx, dir, testID, tables); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		rows int
	}{
		{MembersArrow, len(tables.Members)},
		{PlacesArrow, len(tables.Places)},
	} {
		t.Run(tc.file, func(t *testing.T) {
			current := filepath.Join(dir, tc.file)
			legacy := filepath.Join(t.TempDir(), tc.file)
			writeUncompressed(t, current, legacy)
			if c, l := fileSize(t, current), fileSize(t, legacy); c*2 > l {
				t.Errorf("%s is %d bytes, uncompressed %d: not compressed", tc.file, c, l)
			}
			want := scanAll(t, current)
			for _, path := range []string{current, legacy} {
				meta, err := ReadArrowMeta(path)
				if err != nil || meta.Rows != int64(tc.rows) || meta.SnapshotID != testID {
					t.Errorf("ReadArrowMeta(%s) = %+v, %v", path, meta, err)
				}
				got := scanAll(t, path)
				if len(got) != len(want) {
					t.Fatalf("%s: %d batches, want %d", path, len(got), len(want))
				}
				for i := range got {
					if !array.RecordEqual(got[i], want[i]) {
						t.Errorf("%s batch %d differs from the compressed file's", path, i)
					}
				}
			}
		})
	}
}

// scanAll returns every record batch of an Arrow file, retained.
func scanAll(t *testing.T, path string) []arrow.RecordBatch {
	t.Helper()
	var out []arrow.RecordBatch
	err := scanArrow(context.Background(), path, func(rec arrow.RecordBatch, _ int64) error {
		rec.Retain()
		out = append(out, rec)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, r := range out {
			r.Release()
		}
	})
	return out
}

// writeUncompressed copies the Arrow file src to dst as builds before
// compression wrote it: the same schema, metadata and batches, with
// uncompressed buffers.
func writeUncompressed(t *testing.T, src, dst string) {
	t.Helper()
	batches := scanAll(t, src)
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := ipc.NewFileWriter(f, ipc.WithSchema(batches[0].Schema()), ipc.WithAllocator(memory.NewGoAllocator()))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range batches {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestZstdLevel pins where Parquet's zstd level changes: the default level
// up to smallTableRows rows, the fastest above, so a 100,000-member
// snapshot stays within its memory budget.
func TestZstdLevel(t *testing.T) {
	for _, tc := range []struct{ rows, want int }{
		{0, 3},
		{5000, 3},
		{smallTableRows, 3},
		{smallTableRows + 1, 1},
		{100_000, 1},
	} {
		if got := zstdLevel(tc.rows); got != tc.want {
			t.Errorf("zstdLevel(%d) = %d, want %d", tc.rows, got, tc.want)
		}
	}
}
