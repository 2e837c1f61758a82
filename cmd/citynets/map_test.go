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
