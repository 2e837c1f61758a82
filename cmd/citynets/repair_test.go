package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
)

// TestSnapshotsRepair: a snapshot poisoned with invalid UTF-8 (as a build
// without the writer's check could leave it) fails verify; the next run on
// top of it is valid; `snapshots repair` fixes it in place, once.
func TestSnapshotsRepair(t *testing.T) {
	store := t.TempDir()
	specs := t.TempDir()
	os.WriteFile(filepath.Join(specs, "c40.yaml"), []byte(strings.Replace(readFile(t, "../../scrapers/c40/spec.yaml"), "min_members: 80", "min_members: 1", 1)), 0o644)
	runC40 := func(names ...string) string {
		t.Helper()
		if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", c40Archive(t, names), "--specs", specs, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run: %d %s", code, errOut)
		}
		return strings.TrimSpace(readFile(t, filepath.Join(store, "LATEST")))
	}

	poisoned := runC40("Lagos", "Lima", "London")
	dir := filepath.Join(store, "snapshots", poisoned)
	for _, name := range []string{output.MembersParquet, output.HistoryParquet} {
		poisonParquet(t, dir, name, "name", "London", "Lond\xffon")
	}
	code, out, _ := run(t, "snapshots", "verify", poisoned, "--store", store)
	if code != exitUsage || !strings.Contains(out, "members.parquet: column name") || !strings.Contains(out, "invalid UTF-8") {
		t.Fatalf("verify of the poisoned snapshot: exit %d\n%s", code, out)
	}

	// The next night London has left; its history row is carried.
	later := runC40("Lagos", "Lima", "Paris")
	if code, out, errOut := run(t, "snapshots", "verify", later, "--store", store); code != exitOK {
		t.Fatalf("verify of the snapshot after the poisoned one: exit %d\n%s%s", code, out, errOut)
	}

	t.Logf("verify of the poisoned snapshot:\n%s", out)
	code, out, errOut := run(t, "snapshots", "repair", poisoned, "--store", store)
	t.Logf("repair:\n%s", out)
	if code != exitOK || !strings.Contains(out, "replaced 2") {
		t.Fatalf("repair: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "snapshots", "verify", "--store", store); code != exitOK {
		t.Fatalf("verify after repair: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "snapshots", "show", poisoned, "--json", "--store", store); code != exitOK || !strings.Contains(out, `"repaired"`) {
		t.Errorf("show after repair: exit %d, no repaired entry\n%s", code, out)
	}
	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := s.Read(t.Context(), poisoned)
	if err != nil {
		t.Fatal(err)
	}
	if names := memberNames(tables.Members); !strings.Contains(names, "Lond\uFFFDon") {
		t.Errorf("repaired members %s", names)
	}

	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"nothing to repair", []string{"snapshots", "repair", poisoned, "--store", store}, exitOK, "nothing to repair"},
		{"unknown id", []string{"snapshots", "repair", "20010101", "--store", store}, exitUsage, "unknown snapshot"},
		{"no id", []string{"snapshots", "repair", "--store", store}, exitUsage, "arg"},
		{"unwritable store", []string{"snapshots", "repair", poisoned, "--store", filepath.Join(unwritable(t), "store")}, exitNoWrite, "store"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, c.args...)
			if code != c.code || !strings.Contains(out+errOut, c.want) {
				t.Errorf("exit %d, output %q %q; want exit %d mentioning %q", code, out, errOut, c.code, c.want)
			}
		})
	}

	t.Run("store locked", func(t *testing.T) {
		unlock, err := s.Lock(t.Context(), false, "test holder")
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		if code, _, errOut := run(t, "snapshots", "repair", poisoned, "--store", store); code != exitNoWrite || !strings.Contains(errOut, "test holder") {
			t.Errorf("repair of a locked store: exit %d %s", code, errOut)
		}
	})
}

func memberNames(ms []citynets.Member) string {
	var names []string
	for _, m := range ms {
		names = append(names, m.Name)
	}
	return strings.Join(names, ",")
}

// unwritable returns a path under which no store can be created.
func unwritable(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ro")
	os.MkdirAll(dir, 0o555)
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		f.Close() // root: a file stands in for the folder
		dir = filepath.Join(t.TempDir(), "file-not-dir")
		os.WriteFile(dir, nil, 0o644)
	}
	return dir
}

// poisonParquet rewrites one Parquet table of a snapshot folder with old
// replaced by bad in a top-level string column, and updates the manifest's
// hash, as a writer without the UTF-8 check would have left it.
func poisonParquet(t *testing.T, dir, name, column, old, bad string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, name)
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	kv := rdr.MetaData().KeyValueMetadata()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(ctx)
	rdr.Close()
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()

	var keys, vals []string
	for _, k := range []string{output.MetaSchemaVersion, output.MetaSnapshotID} {
		keys, vals = append(keys, k), append(vals, *kv.FindValue(k))
	}
	md := arrow.NewMetadata(keys, vals)
	schema := arrow.NewSchema(tbl.Schema().Fields(), &md)
	col := schema.FieldIndices(column)[0]

	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	tr := array.NewTableReader(tbl, -1)
	defer tr.Release()
	replaced := 0
	for tr.Next() {
		rec := tr.RecordBatch()
		cols := rec.Columns()
		src := cols[col].(*array.String)
		b := array.NewStringBuilder(memory.NewGoAllocator())
		for i := range src.Len() {
			if src.IsNull(i) {
				b.AppendNull()
			} else if v := src.Value(i); v == old {
				b.Append(bad)
				replaced++
			} else {
				b.Append(v)
			}
		}
		cols = append([]arrow.Array(nil), cols...)
		cols[col] = b.NewArray()
		out := array.NewRecordBatch(schema, cols, rec.NumRows())
		if err := w.Write(out); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if replaced == 0 {
		t.Fatalf("%s: no %s %q to poison", name, column, old)
	}

	mpath := filepath.Join(dir, output.ManifestFile)
	m, err := output.ReadManifest(mpath)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	sum := sha256.Sum256(b)
	fi := m.Files[name]
	fi.SHA256, fi.Bytes = hex.EncodeToString(sum[:]), int64(len(b))
	m.Files[name] = fi
	mb, _ := json.MarshalIndent(m, "", "  ")
	os.WriteFile(mpath, append(mb, '\n'), 0o644)
}
