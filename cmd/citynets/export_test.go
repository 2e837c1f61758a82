package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCLI runs export against a demo store: bad usage exits 2, a
// file and a folder target are written, and --all concatenates every
// snapshot with its snapshot columns.
func TestExportCLI(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "data")
	for range 2 {
		if code, out, errOut := run(t, "run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"); code != exitOK {
			t.Fatalf("demo run: exit %d\n%s\n%s", code, out, errOut)
		}
	}
	ids, _ := filepath.Glob(filepath.Join(store, "snapshots", "*"))
	usage := []struct {
		name string
		args []string
	}{
		{"unknown table", []string{"--table", "cities", "--format", "csv"}},
		{"unknown format", []string{"--table", "members", "--format", "xlsx"}},
		{"no table", []string{"--format", "csv"}},
		{"id and --all", []string{"LATEST", "--all", "--table", "members", "--format", "csv"}},
		{"unknown snapshot", []string{"19990101", "--table", "members", "--format", "csv"}},
	}
	for _, tc := range usage {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, _ := run(t, append([]string{"export", "--store", store}, tc.args...)...); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
		})
	}

	csvPath := filepath.Join(dir, "members.csv")
	if code, _, errOut := run(t, "export", "--store", store, "--all", "--table", "members", "--format", "csv", "-o", csvPath); code != exitOK {
		t.Fatalf("export --all: exit %d: %s", code, errOut)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	perSnap := map[string]int{}
	for _, r := range recs[1:] {
		perSnap[r[0]]++
	}
	if recs[0][0] != "snapshot_id" || recs[0][1] != "snapshot_date" || len(perSnap) != 2 || perSnap[filepath.Base(ids[0])] != 150 {
		t.Errorf("header %v, rows per snapshot %v", recs[0][:2], perSnap)
	}

	out := filepath.Join(dir, "runs") + "/"
	if code, _, errOut := run(t, "export", "--store", store, "--all", "--table", "runs", "--format", "jsonl", "-o", out); code != exitOK {
		t.Fatalf("export -o DIR: exit %d: %s", code, errOut)
	}
	for _, id := range ids {
		b, err := os.ReadFile(filepath.Join(out, filepath.Base(id), "runs.jsonl"))
		if err != nil || strings.Count(string(b), "\n") != 5 {
			t.Errorf("runs of %s: %v\n%s", filepath.Base(id), err, b)
		}
	}
}
