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
// the store must verify and every step that read the list rebuild to the
// rows it was committed with.
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
	for _, st := range rep.Steps {
		if st.State != StepCommitted || st.Manifest.Networks["c40"].Status != output.StatusOK {
			// A step whose list the drop guard refused (2017, 2018) was
			// judged against the later steps; a rebuild has only earlier
			// ones to judge by, so it is compared where the list was read.
			continue
		}
		rb, err := Rebuild(t.Context(), st.ID, Options{StoreDir: store})
		if err != nil {
			t.Fatalf("rebuild %s: %v", st.ID, err)
		}
		if rb.Failed() != 0 || rb.Changes != 0 {
			t.Errorf("rebuild of %s: %d failed, %d changes", st.ID, rb.Failed(), rb.Changes)
		}
	}
}
