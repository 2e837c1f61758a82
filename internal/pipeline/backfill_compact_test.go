package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch/waybacktest"
)

// TestBackfillStoresEachPayloadOnce backfills C40 yearly from the shared
// dated lists: most captures serve several steps (the 2019 list stands
// until 2023). Each payload must be stored in one response record of the
// whole store, the later steps referring to it by revisit records, and
// the store must verify and every step rebuild to the rows and statuses it
// was committed with.
func TestBackfillStoresEachPayloadOnce(t *testing.T) {
	srv := waybacktest.New(t, captures(t, c40Sets(t)))
	store := t.TempDir()
	var logs bytes.Buffer
	rep, err := Backfill(t.Context(), backfillOpts(t, srv.URL(), store, "c40", &logs))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed() == len(rep.Steps) {
		t.Fatalf("no step read: %+v", rep.Steps)
	}
	holders := map[string][]string{} // payload digest → the snapshots storing it
	revisits := 0
	for _, st := range rep.Steps {
		if st.State != StepCommitted {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(store, "snapshots", st.ID, output.RawWARC))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := output.ScanArchive(raw)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			switch {
			case r.Type == "response":
				holders[r.Digest] = append(holders[r.Digest], st.ID+" "+r.URI)
			case r.Revisit():
				revisits++
			}
		}
	}
	for d, h := range holders {
		if len(h) > 1 {
			t.Errorf("payload %s stored %d times: %s", d, len(h), strings.Join(h, ", "))
		}
	}
	if revisits == 0 || !strings.Contains(logs.String(), "step archive deduplicated") {
		t.Errorf("%d revisit records, and no step logged as deduplicated", revisits)
	}
	verifyStore(t, store)
	refused := 0
	for _, st := range rep.Steps {
		if st.State != StepCommitted {
			continue
		}
		rb, err := Rebuild(t.Context(), st.ID, Options{StoreDir: store})
		if err != nil {
			t.Fatalf("rebuild %s: %v", st.ID, err)
		}
		// A list the drop guard refused (the partial lists of 2017 and
		// 2018, judged against the later steps) is refused again.
		want := st.Manifest.Networks["c40"].Status
		if got := rb.Manifest.Networks["c40"].Status; got != want || rb.Changes != 0 {
			t.Errorf("rebuild of %s: c40 %s (was %s), %d changes", st.ID, got, want, rb.Changes)
		}
		if want == output.StatusFailed {
			refused++
		}
	}
	if refused == 0 {
		t.Error("no step's list was refused: the rebuild of a refused list is not tested")
	}
}
