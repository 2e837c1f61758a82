package pipeline

import (
	"os"
	"path/filepath"
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
