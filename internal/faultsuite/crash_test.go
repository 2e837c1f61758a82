package faultsuite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
)

// killPoint is a moment of a run, seen from outside through the store's
// files, at which a crash test kills the process.
type killPoint struct {
	name    string
	reached func(store, baseID string) bool
}

func tmpHas(store, name string) bool {
	m, _ := filepath.Glob(filepath.Join(store, "tmp", "*", name))
	return len(m) > 0
}

func tmpFileOver(store, name string, size int64) bool {
	m, _ := filepath.Glob(filepath.Join(store, "tmp", "*", name))
	for _, p := range m {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			return true
		}
	}
	return false
}

func latestOf(store string) string {
	b, _ := os.ReadFile(filepath.Join(store, "LATEST"))
	return strings.TrimSpace(string(b))
}

func snapshotCount(store string) int {
	e, _ := os.ReadDir(filepath.Join(store, "snapshots"))
	return len(e)
}

// killPoints are in the order a run passes them: starting up, holding
// the lock, fetching into the archive, writing each table, the manifest,
// the rename into snapshots/ and the move of LATEST.
var killPoints = []killPoint{
	{"starting up", func(string, string) bool { return true }},
	{"lock taken", func(store, _ string) bool {
		fi, err := os.Stat(filepath.Join(store, ".lock"))
		return err == nil && fi.Size() > 0
	}},
	{"archive opened", func(store, _ string) bool { return tmpHas(store, "raw.warc.gz") }},
	{"archive half written", func(store, _ string) bool { return tmpFileOver(store, "raw.warc.gz", 40<<10) }},
	{"members written", func(store, _ string) bool { return tmpHas(store, "members.parquet") }},
	{"places written", func(store, _ string) bool { return tmpHas(store, "places.arrow") }},
	{"history written", func(store, _ string) bool { return tmpHas(store, "history.parquet") }},
	{"manifest written", func(store, _ string) bool { return tmpHas(store, "manifest.json") }},
	{"renamed into snapshots/", func(store, _ string) bool { return snapshotCount(store) > 1 }},
	{"LATEST moved", func(store, baseID string) bool { return latestOf(store) != baseID }},
}

// phase says, from the store's files, how far the killed run had got.
func phase(store, baseID string) string {
	switch {
	case latestOf(store) != baseID:
		return "committed, LATEST moved"
	case snapshotCount(store) > 1:
		return "renamed, LATEST not moved"
	case tmpHas(store, "manifest.json"):
		return "manifest written, not renamed"
	case tmpHas(store, "members.parquet"):
		return "writing tables"
	case tmpHas(store, "raw.warc.gz"):
		return "fetching"
	}
	return "before the snapshot began"
}

// TestCrash kills the schedule daemon (30 trials) and `citynets run` (10
// trials) with SIGKILL at many points of a run, and checks every time that
// the store verifies, LATEST names a complete snapshot, the previous
// snapshot is untouched and no half snapshot is listed; every fourth trial
// then runs again on the store, which must succeed.
func TestCrash(t *testing.T) {
	s := setup(t)
	var mu sync.Mutex
	phases := map[string]int{}
	t.Run("trials", func(t *testing.T) {
		trial := 0
		for _, daemon := range []bool{true, false} {
			offsets := []time.Duration{0, 2 * time.Millisecond, 7 * time.Millisecond}
			if !daemon {
				offsets = []time.Duration{time.Millisecond}
			}
			for _, off := range offsets {
				for _, kp := range killPoints {
					trial++
					n, kp, off, daemon := trial, kp, off, daemon
					proc := "run"
					if daemon {
						proc = "daemon"
					}
					t.Run(fmt.Sprintf("%02d %s at %s+%s", n, proc, kp.name, off), func(t *testing.T) {
						t.Parallel()
						got := s.crashTrial(t, daemon, kp, off, n%4 == 0)
						mu.Lock()
						phases[got]++
						mu.Unlock()
					})
				}
			}
		}
	})
	names := make([]string, 0, len(phases))
	total := 0
	for p, n := range phases {
		names = append(names, fmt.Sprintf("%s: %d", p, n))
		total += n
	}
	sort.Strings(names)
	t.Logf("%d trials killed the process at: %s", total, strings.Join(names, "; "))
	if len(phases) < 4 {
		t.Errorf("the kills landed in only %d phases of a run (%v): the test no longer reaches the write", len(phases), phases)
	}
}

// crashTrial starts a process on a copy of the baseline, kills it at kp,
// checks the store and returns the phase the run had reached.
func (s *suite) crashTrial(t *testing.T, daemon bool, kp killPoint, offset time.Duration, rerun bool) string {
	store := s.copyStore(t)
	before := hashTree(t, filepath.Join(store, "snapshots", s.baseID))
	args := []string{"--store", store, "--log-format", "json"}
	if daemon {
		args = append(args, "schedule", "--cron", "@every 1s")
	} else {
		args = append(args, "run")
	}
	args = append(args, "--replay", s.warc, "--networks", strings.Join(s.networks, ","), "--specs", s.specs)
	cmd := exec.Command(s.bin, args...)
	cmd.Env = offline()
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	reached := false
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Microsecond) {
		if kp.reached(store, s.baseID) {
			reached = true
			break
		}
	}
	if kp.name == "starting up" {
		offset += rand.N(600 * time.Millisecond)
	}
	time.Sleep(offset)
	cmd.Process.Kill()
	err := <-exited
	if !reached {
		t.Logf("did not see %q within 30s; killed anyway", kp.name)
	}
	if !daemon && err == nil {
		t.Logf("the run had finished before the kill")
	}
	got := phase(store, s.baseID)
	t.Logf("killed at: %s", got)

	latest := checkNoHalfSnapshot(t, store)
	if latest != s.baseID && !strings.HasPrefix(got, "committed") {
		t.Errorf("LATEST = %s but the phase is %q", latest, got)
	}
	s.checkUntouched(t, store, before)
	s.checkVerify(t, store)
	if t.Failed() {
		t.Logf("the process's log:\n%s", tail(logs.String(), 2000))
	}
	if rerun {
		r := s.exec(context.Background(), nil, "--store", store, "--log-format", "json", "run", "--replay", s.warc,
			"--networks", strings.Join(s.networks, ","), "--specs", s.specs)
		if r.code != 0 {
			t.Errorf("the run after the crash: exit %d\n%s", r.code, tail(r.stderr, 2000))
		}
		if l := checkNoHalfSnapshot(t, store); l == latest {
			t.Error("the run after the crash did not move LATEST")
		}
		if left, _ := os.ReadDir(filepath.Join(store, "tmp")); len(left) > 0 {
			t.Errorf("the crashed run's temporary folder survived the next run (%d left)", len(left))
		}
		s.checkVerify(t, store)
		checkCatalogExact(t, store)
	}
	return got
}

// checkCatalogExact fails unless index.json lists exactly the committed
// snapshots: whatever a crash left behind, the next run rewrites it.
func checkCatalogExact(t *testing.T, store string) {
	t.Helper()
	st, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	lag, err := st.CatalogLag(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(lag) > 0 {
		t.Errorf("after the next run, %s is behind: %v", output.IndexFile, lag)
	}
}
