package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets/output"
)

// TestReadCommandsNeedAStore checks that every command that only reads the
// store refuses a path that holds no store with exit 2 and a clear message,
// and creates nothing there: a mistyped --store must not become a store.
func TestReadCommandsNeedAStore(t *testing.T) {
	commands := [][]string{
		{"snapshots"},
		{"snapshots", "list"},
		{"snapshots", "show", "LATEST"},
		{"snapshots", "verify"},
		{"diff"},
		{"diff", "--format", "parquet", "-o", "changes.parquet"},
		{"map"},
		{"rebuild", "LATEST"},
	}
	stores := []struct {
		name  string
		store func(t *testing.T) string
	}{
		{"missing folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nonexistent") }},
		{"folder without snapshots/", func(t *testing.T) string { return t.TempDir() }},
	}
	for _, st := range stores {
		for _, args := range commands {
			t.Run(st.name+"/"+strings.Join(args, " "), func(t *testing.T) {
				store := st.store(t)
				work := t.TempDir() // where -o files would land
				t.Chdir(work)
				code, _, errOut := run(t, append(args, "--store", store)...)
				if code != exitUsage {
					t.Errorf("exit %d, want %d; stderr %q", code, exitUsage, errOut)
				}
				if args[0] != "rebuild" && !strings.Contains(errOut, "no snapshot store at "+store) {
					t.Errorf("stderr %q does not say there is no store at %s", errOut, store)
				}
				for _, dir := range []string{store, work} {
					if entries, _ := os.ReadDir(dir); len(entries) > 0 {
						t.Errorf("%s was written: %v", dir, entries)
					}
				}
			})
		}
	}
	if _, err := os.Stat("/nonexistent"); os.IsNotExist(err) {
		code, _, errOut := run(t, "snapshots", "list", "--store", "/nonexistent")
		if code != exitUsage || !strings.Contains(errOut, "citynets run") {
			t.Errorf("snapshots list --store /nonexistent: exit %d, %q", code, errOut)
		}
		if _, err := os.Stat("/nonexistent"); !os.IsNotExist(err) {
			t.Errorf("snapshots list created /nonexistent")
			os.Remove("/nonexistent/snapshots")
			os.Remove("/nonexistent")
		}
	}
}

// TestDiffParquetWritesOneFile checks that diff --format parquet -o writes
// the changes as one Parquet file, and nothing else beside it.
func TestDiffParquetWritesOneFile(t *testing.T) {
	warc := sampleWARC(t)
	store := t.TempDir()
	for range 2 {
		if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run: exit %d: %s", code, errOut)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "changes.parquet")
	if code, _, errOut := run(t, "diff", "--store", store, "--format", "parquet", "-o", out); code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the output folder holds %v, want only changes.parquet", entries)
	}
	meta, err := output.ReadParquetMeta(out)
	if err != nil {
		t.Fatal(err)
	}
	latest, _ := os.ReadFile(filepath.Join(store, "LATEST"))
	if meta.SnapshotID != strings.TrimSpace(string(latest)) {
		t.Errorf("the file says snapshot %q, want %q", meta.SnapshotID, latest)
	}
	if _, err := output.ReadChanges(context.Background(), out); err != nil {
		t.Errorf("read it back: %v", err)
	}
}
