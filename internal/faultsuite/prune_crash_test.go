package faultsuite

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPruneCrash kills `snapshots prune --keep 1` on a deduplicated store
// (three replayed nights: the last two all revisits of the first) at
// spread-out moments: every time the store verifies, LATEST names a
// complete snapshot, and the next prune finishes; the kept snapshot still
// rebuilds.
func TestPruneCrash(t *testing.T) {
	s := setup(t)
	template := filepath.Join(t.TempDir(), "store")
	for range 3 {
		r := s.exec(context.Background(), nil, "--store", template, "--log-format", "json", "run", "--replay", s.warc,
			"--networks", strings.Join(s.networks, ","), "--specs", s.specs)
		if r.code != 0 {
			t.Fatalf("night: exit %d\n%s", r.code, tail(r.stderr, 2000))
		}
	}
	points := []killPoint{
		{"started", func(string, string) bool { return true }},
		{"payloads moved", func(store, _ string) bool {
			moved, _ := filepath.Glob(filepath.Join(store, "payloads", "*.warc.gz"))
			return len(moved) > 0
		}},
		{"a snapshot removed", func(store, _ string) bool { return snapshotCount(store) < 3 }},
		{"one snapshot left", func(store, _ string) bool { return snapshotCount(store) == 1 }},
	}
	trial := 0
	for _, kp := range points {
		for _, off := range []time.Duration{0, 300 * time.Microsecond, 2 * time.Millisecond} {
			trial++
			rebuild := trial%4 == 0
			t.Run(kp.name+"+"+off.String(), func(t *testing.T) {
				store := copyTree(t, template)
				cmd := exec.Command(s.bin, "--store", store, "snapshots", "prune", "--keep", "1")
				cmd.Env = offline()
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !kp.reached(store, ""); {
					time.Sleep(200 * time.Microsecond)
				}
				time.Sleep(off)
				cmd.Process.Kill()
				err := cmd.Wait()
				moved, _ := filepath.Glob(filepath.Join(store, "payloads", "*.warc.gz"))
				t.Logf("killed at %s+%s: %d snapshots, %d payload files, finished first: %v", kp.name, off, snapshotCount(store), len(moved), err == nil)
				checkNoHalfSnapshot(t, store)
				s.checkVerify(t, store)
				r := s.exec(context.Background(), nil, "--store", store, "snapshots", "prune", "--keep", "1")
				if r.code != 0 {
					t.Fatalf("the prune after the kill: exit %d\n%s", r.code, tail(r.stderr, 2000))
				}
				s.checkVerify(t, store)
				if rebuild {
					r := s.exec(context.Background(), nil, "--store", store, "rebuild", "LATEST")
					if r.code != 0 {
						t.Errorf("rebuild of the kept snapshot: exit %d\n%s", r.code, tail(r.stderr, 2000))
					}
				}
			})
		}
	}
}

// copyTree copies the store at src into a fresh folder.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "store")
	err := filepath.Walk(src, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, fi.Mode())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
