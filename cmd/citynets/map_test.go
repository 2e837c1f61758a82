package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMapFromSnapshot writes the map of a replayed snapshot and checks that
// it is one self-contained file naming the snapshot and every network.
func TestMapFromSnapshot(t *testing.T) {
	warc := sampleWARC(t)
	store := t.TempDir()
	if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	out := filepath.Join(t.TempDir(), "map.html")
	if code, _, errOut := run(t, "map", "--store", store, "-o", out); code != exitOK {
		t.Fatalf("map: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	latest, _ := os.ReadFile(filepath.Join(store, "LATEST"))
	for _, want := range []string{strings.TrimSpace(string(latest)), "C40 Cities Climate Leadership Group", "GeoNames"} {
		if !strings.Contains(page, want) {
			t.Errorf("map.html lacks %q", want)
		}
	}
	for _, external := range []string{"<script src=\"http", "<link href=\"http", "cdn."} {
		if strings.Contains(page, external) {
			t.Errorf("map.html loads something from outside: %q", external)
		}
	}
	if code, _, errOut := run(t, "map", "nope", "--store", store, "-o", out); code != exitUsage || !strings.Contains(errOut, "nope") {
		t.Errorf("unknown snapshot: exit %d, %q", code, errOut)
	}
}

// TestMapAll writes the map of a store with two snapshots and checks that
// the page carries both dates for the time slider.
func TestMapAll(t *testing.T) {
	warc := sampleWARC(t)
	store := t.TempDir()
	for range 2 {
		if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run: exit %d: %s", code, errOut)
		}
	}
	ids, _ := filepath.Glob(filepath.Join(store, "snapshots", "*"))
	if len(ids) != 2 {
		t.Fatalf("%d snapshots, want 2", len(ids))
	}
	out := filepath.Join(t.TempDir(), "map.html")
	if code, _, errOut := run(t, "map", "--all", "--store", store, "-o", out); code != exitOK {
		t.Fatalf("map --all: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, dir := range ids {
		if id := filepath.Base(dir); !strings.Contains(page, `"id":"`+id+`"`) {
			t.Errorf("map.html lacks snapshot %s in its series", id)
		}
	}
	if !strings.Contains(page, `"steps":[`) {
		t.Error("map.html has no time series")
	}
	if code, _, _ := run(t, "map", "LATEST", "--all", "--store", store, "-o", out); code != exitUsage {
		t.Errorf("an ID with --all: exit %d, want usage", code)
	}
}
