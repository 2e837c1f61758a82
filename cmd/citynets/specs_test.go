package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpecOverrideChangesSelection: a spec copied into a folder and edited
// changes what the scraper selects, with no rebuild.
func TestSpecOverrideChangesSelection(t *testing.T) {
	warc := sampleWARC(t)
	embedded, err := os.ReadFile("../../scrapers/c40/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Keep only the names that begin with "B" (Bengaluru, Bangkok, …).
	edited := strings.Replace(string(embedded), "        fields:\n          name: {}\n        claimed:",
		"        fields:\n          name: {pattern: '^(B.*)$'}\n        claimed:", 1)
	if edited == string(embedded) {
		t.Fatal("the edit did not apply: the c40 spec's homepage fields changed shape")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c40.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, before, _ := run(t, "scrape", "c40", "--replay", warc, "-q")
	code, after, errOut := run(t, "scrape", "c40", "--replay", warc, "--specs", dir, "-q")
	if code != exitOK {
		t.Fatalf("scrape with override: exit %d: %s", code, errOut)
	}
	nb, na := strings.Count(before, "\n"), strings.Count(after, "\n")
	if nb != 97 || na == 0 || na >= nb {
		t.Fatalf("members: %d embedded, %d with the override; want 97 and fewer", nb, na)
	}
	for _, line := range strings.Split(strings.TrimSpace(after), "\n") {
		if !strings.Contains(line, `"name":"B`) {
			t.Errorf("override let through %s", line)
		}
	}
}

// TestBadSpecOverride: a broken override is bad input (exit 2) naming the file.
func TestBadSpecOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "c40.yaml"), []byte("id: c40\nvariants: [{name: x, sources: [{name: y}]}]\n"), 0o644)
	code, _, errOut := run(t, "scrape", "c40", "--specs", dir)
	if code != exitUsage || !strings.Contains(errOut, "c40.yaml") {
		t.Errorf("exit %d, %q; want 2 naming c40.yaml", code, errOut)
	}
}
