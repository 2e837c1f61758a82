package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// TestBackfillBeforeNightly backfills C40 into a store whose first
// nightly run is today: the backfilled snapshots slot in before it, the
// nightly snapshot is left as committed, and one new snapshot re-derives
// history over the whole series and becomes LATEST. A re-run of the same
// backfill finds its snapshots and commits nothing.
func TestBackfillBeforeNightly(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t)))
	store := t.TempDir()
	nightly := sampleRun(t, store, archive(t, nil, "c40"), "c40", nil)
	manifestBefore, err := os.ReadFile(filepath.Join(store, "snapshots", nightly.SnapshotID, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	o := backfillOpts(t, srv.URL(), store, "c40", nil)
	o.From = day("2023-09-01")
	rep, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed() != 0 || rep.Rederived == nil {
		t.Fatalf("failed %d, re-derived %v: want every step and a re-derived snapshot", rep.Failed(), rep.Rederived)
	}
	re := rep.Rederived
	if got := latestFile(t, store); got != re.SnapshotID || re.ParentID != nightly.SnapshotID || re.SnapshotID <= nightly.SnapshotID {
		t.Errorf("LATEST %s, re-derived %s (parent %s), nightly %s", got, re.SnapshotID, re.ParentID, nightly.SnapshotID)
	}
	if after, _ := os.ReadFile(filepath.Join(store, "snapshots", nightly.SnapshotID, "manifest.json")); string(after) != string(manifestBefore) {
		t.Error("the nightly snapshot was rewritten")
	}
	_, err = Rebuild(t.Context(), re.SnapshotID, Options{StoreDir: store})
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "rebuild "+re.ParentID) {
		t.Errorf("rebuild of the re-derived snapshot: %v; want bad input naming %s to rebuild instead", err, re.ParentID)
	}
	s, _ := output.OpenStoreReadOnly(store)
	tb, err := s.Read(t.Context(), re.SnapshotID)
	if err != nil {
		t.Fatal(err)
	}
	first := rep.Steps[0].ID
	spell := func(name string) *citynets.HistoryEntry {
		for i, h := range tb.History {
			if h.Network == "c40" && h.Name == name {
				return &tb.History[i]
			}
		}
		return nil
	}
	if h := spell("Kolkata"); h == nil || h.Present || h.FromSnapshot != first {
		t.Errorf("Kolkata's spell %+v: want from the first step %s, closed", h, first)
	}
	if h := spell("Fortaleza"); h == nil || !h.Present || h.FromSnapshot != rep.Steps[2].ID || h.ToSnapshot != nightly.SnapshotID {
		t.Errorf("Fortaleza's spell %+v: want from step %s to the nightly %s", h, rep.Steps[2].ID, nightly.SnapshotID)
	}
	if len(tb.Changes) != 0 {
		t.Errorf("the re-derived snapshot has %d changes; its members are the nightly's", len(tb.Changes))
	}
	verifyStore(t, store)
	ids, _ := s.List()

	again, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range again.Steps {
		if st.State != StepExisting {
			t.Errorf("re-run: step %s %s, want existing", st.Date.Format(time.DateOnly), st.State)
		}
	}
	if again.Rederived != nil {
		t.Errorf("re-run re-derived history again: %s", again.Rederived.SnapshotID)
	}
	if ids2, _ := s.List(); len(ids2) != len(ids) || latestFile(t, store) != re.SnapshotID {
		t.Errorf("re-run: %d snapshots (was %d), LATEST %s", len(ids2), len(ids), latestFile(t, store))
	}
}

// TestBackfillDeadline stops a backfill at its deadline: the newest steps,
// read first, are committed, the rest are unread; a re-run reads them,
// and since they land before the steps already committed, history is
// re-derived over the whole series in a snapshot that becomes LATEST.
func TestBackfillDeadline(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t), icleiSets(t)))
	store := t.TempDir()
	o := backfillOpts(t, srv.URL(), store, "c40,iclei", nil)
	o.Deadline, o.Archive.CaptureInterval, o.Archive.Sleep = time.Second, 100*time.Millisecond, nil
	rep, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, st := range rep.Steps {
		states[st.State]++
	}
	if states[StepUnread] == 0 || states[StepCommitted] == 0 || rep.Steps[len(rep.Steps)-1].State != StepCommitted {
		t.Fatalf("states %v: want the newest steps committed and the oldest unread", states)
	}
	if rep.Failed() == 0 {
		t.Error("unread steps do not count as failed")
	}
	o = backfillOpts(t, srv.URL(), store, "c40,iclei", nil)
	rep, err = Backfill(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rederived == nil || latestFile(t, store) != rep.Rederived.SnapshotID {
		t.Fatalf("re-run: re-derived %v, LATEST %s", rep.Rederived, latestFile(t, store))
	}
	got := readSeries(t, store)
	c40 := c40Sets(t)
	for _, s := range got[:len(got)-1] {
		want := nearestBefore(c40, s.m.Backfill.Step)
		if ns := s.m.Networks["c40"]; ns.Passed() && !slices.Equal(fresh(s.t, "c40"), want.names()) {
			t.Errorf("%s: c40 members differ from the list of %s", s.id, want.at.Format(time.DateOnly))
		}
	}
	verifyStore(t, store)
}

// TestBackfillDeadlineAtOnce: a deadline that passes before the first
// step is read commits nothing and is no store error.
func TestBackfillDeadlineAtOnce(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t)))
	store := t.TempDir()
	o := backfillOpts(t, srv.URL(), store, "c40", nil)
	o.Deadline = time.Nanosecond
	rep, err := Backfill(t.Context(), o)
	if err != nil {
		t.Fatalf("Backfill: %v", err)
	}
	for _, st := range rep.Steps {
		if st.State != StepUnread {
			t.Errorf("step %s: %s, want unread", st.Date.Format(time.DateOnly), st.State)
		}
	}
	if got := readSeries(t, store); len(got) != 0 {
		t.Errorf("%d snapshots committed", len(got))
	}
}
