package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// helperEnv, when set, makes TestBackfillHelperProcess run a backfill in
// this process (store and archive URL separated by a space) for
// TestBackfillKilled to SIGKILL.
const helperEnv = "CITYNETS_BACKFILL_HELPER"

func TestBackfillHelperProcess(t *testing.T) {
	arg := os.Getenv(helperEnv)
	if arg == "" {
		t.Skip("run by TestBackfillKilled")
	}
	var store, archive string
	fmt.Sscan(arg, &store, &archive)
	o := backfillOpts(t, archive, store, "c40,iclei", nil)
	// Slow enough for the kill to land mid-read or mid-commit.
	o.Archive.CDXInterval, o.Archive.CaptureInterval, o.Archive.Sleep = 2*time.Millisecond, 2*time.Millisecond, nil
	if _, err := Backfill(t.Context(), o); err != nil {
		t.Fatal(err)
	}
}

// TestBackfillKilled SIGKILLs a backfill while it reads and while it
// commits, re-runs it, and checks that the store then holds the very
// snapshots an uninterrupted backfill writes: same ids, members, changes,
// history and statuses.
func TestBackfillKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	srv := waybacktest.New(t, captures(t, c40Sets(t), icleiSets(t)))
	ref := t.TempDir()
	if _, err := Backfill(t.Context(), backfillOpts(t, srv.URL(), ref, "c40,iclei", nil)); err != nil {
		t.Fatal(err)
	}
	want := readSeries(t, ref)
	points := []struct {
		name    string
		reached func(store string) bool
	}{
		{"while reading", func(store string) bool { e, _ := os.ReadDir(filepath.Join(store, "tmp")); return len(e) >= 3 }},
		{"while committing", func(store string) bool { e, _ := os.ReadDir(filepath.Join(store, "snapshots")); return len(e) >= 3 }},
	}
	for _, p := range points {
		t.Run(p.name, func(t *testing.T) {
			store := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBackfillHelperProcess$")
			cmd.Env = append(os.Environ(), helperEnv+"="+store+" "+srv.URL())
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			for end := time.Now().Add(60 * time.Second); !p.reached(store) && time.Now().Before(end); time.Sleep(time.Millisecond) {
			}
			cmd.Process.Kill()
			if err := <-done; err == nil {
				t.Log("the backfill finished before the kill")
			}
			committed, _ := os.ReadDir(filepath.Join(store, "snapshots"))
			t.Logf("killed %s with %d snapshots committed", p.name, len(committed))
			if _, err := Backfill(t.Context(), backfillOpts(t, srv.URL(), store, "c40,iclei", nil)); err != nil {
				t.Fatalf("re-run: %v", err)
			}
			compareSeries(t, readSeries(t, store), want)
			if left, _ := os.ReadDir(filepath.Join(store, "tmp")); len(left) > 0 {
				t.Errorf("%d temporary folders left", len(left))
			}
			verifyStore(t, store)
		})
	}
}

// compareSeries compares what a snapshot holds, not when it was written.
func compareSeries(t *testing.T, got, want series) {
	t.Helper()
	ids := func(s series) []string {
		var out []string
		for _, x := range s {
			out = append(out, x.id)
		}
		return out
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Fatalf("snapshots %v, want %v", ids(got), ids(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if a, b := outcomes(g.m.Networks), outcomes(w.m.Networks); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: networks %v, want %v", g.id, a, b)
		}
		if g.m.ParentID != w.m.ParentID {
			t.Errorf("%s: parent %s, want %s", g.id, g.m.ParentID, w.m.ParentID)
		}
		for _, tc := range []struct {
			name      string
			got, want any
		}{
			{"members", memberRows(g.t), memberRows(w.t)},
			{"changes", g.t.Changes, w.t.Changes},
			{"history", g.t.History, w.t.History},
		} {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("%s: %s differ from the uninterrupted backfill's", g.id, tc.name)
			}
		}
	}
}

// outcomes are the networks' statuses without their timings.
func outcomes(ns map[string]output.NetworkStatus) map[string]output.NetworkStatus {
	out := map[string]output.NetworkStatus{}
	for id, n := range ns {
		n.DurationMS = 0
		out[id] = n
	}
	return out
}

// memberRows are the rows' stable content (fetched_at is the capture's
// time, so it is stable too).
func memberRows(tb *citynets.Tables) []citynets.Member { return tb.Members }
