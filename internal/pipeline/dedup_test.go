package pipeline

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// realisticArchive is the sample pages of networks, each padded to about
// the size of the live page (the samples are trimmed to their lists; the
// live pages carry 20–80 KB of scripts, styles and markup), so that
// archive sizes compare as they do at night. The padding is an HTML
// comment: the scrapers read the same members.
func realisticArchive(t *testing.T, networks ...string) string {
	t.Helper()
	words := strings.Fields("div class wp-block container menu item link href script style nav footer header aria label data id src img alt col row grid flex widget")
	var pages []fetch.FixturePage
	for _, id := range networks {
		ps, err := scrapertest.FixturePages(filepath.Join("../../scrapers", id, "testdata/sample"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range ps {
			rng := rand.New(rand.NewPCG(uint64(i), uint64(len(ps[i].URL))))
			var pad strings.Builder
			pad.WriteString("\n<!-- ")
			for pad.Len() < 40<<10 {
				fmt.Fprintf(&pad, "%s-%d ", words[rng.IntN(len(words))], rng.IntN(1000))
			}
			ps[i].Body = append(ps[i].Body, pad.String()+"-->\n"...)
		}
		pages = append(pages, ps...)
	}
	path := filepath.Join(t.TempDir(), "night.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func payloadIndex(t *testing.T, store string) *output.PayloadIndex {
	t.Helper()
	s, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := s.Payloads(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestUnchangedNight replays the same night twice into a store: the
// second night stores no new payload, and its archive is at most 5 % of
// the first's.
func TestUnchangedNight(t *testing.T) {
	warc := realisticArchive(t, "c40", "metropolis")
	store := t.TempDir()
	first := sampleRun(t, store, warc, "c40,metropolis", nil)
	before := payloadIndex(t, store)
	second := sampleRun(t, store, warc, "c40,metropolis", nil)
	after := payloadIndex(t, store)

	if after.Len() != before.Len() {
		t.Errorf("the unchanged night stored %d new payloads", after.Len()-before.Len())
	}
	a := fileSize(t, filepath.Join(store, "snapshots", first.SnapshotID, output.RawWARC))
	b := fileSize(t, filepath.Join(store, "snapshots", second.SnapshotID, output.RawWARC))
	t.Logf("archive: full night %d bytes, unchanged night %d bytes (%.1f%%)", a, b, 100*float64(b)/float64(a))
	if b*20 > a {
		t.Errorf("the unchanged night's archive is %d bytes, over 5%% of the full night's %d", b, a)
	}
	for id, st := range second.Manifest.Networks {
		if st.Requests == 0 || st.Revisits == 0 || st.BytesStored == 0 {
			t.Errorf("%s: the manifest does not count the night's requests: %+v", id, st)
		}
	}
	verifyStore(t, store)
}

// TestRebuildDeduplicated rebuilds every snapshot of a deduplicated store:
// members and places are the original's in every column, no change is of
// cause source; after prune --keep 1 the remaining snapshot, whose
// revisits refer to payloads of pruned snapshots, still verifies and
// rebuilds.
func TestRebuildDeduplicated(t *testing.T) {
	store := t.TempDir()
	same := archive(t, nil, "c40")
	fewer := archive(t, keepNames(60, ""), "c40")
	var ids []string
	for _, w := range []string{same, same, fewer} {
		ids = append(ids, sampleRun(t, store, w, "c40", nil).SnapshotID)
	}
	for _, id := range ids {
		checkRebuild(t, store, id)
	}
	verifyStore(t, store)

	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := s.Prune(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	left, _ := s.List()
	t.Logf("pruned %d snapshots, kept %v", len(removed), left)
	if len(left) != 1 {
		t.Fatalf("after prune --keep 1: %v", left)
	}
	if moved, _ := os.ReadDir(filepath.Join(store, output.PayloadsDir)); len(moved) == 0 {
		t.Error("prune moved no payloads, but the kept snapshot refers to earlier ones")
	}
	verifyStore(t, store)
	checkRebuild(t, store, left[0])
}

// checkRebuild rebuilds id and compares the rebuild's rows with id's.
func checkRebuild(t *testing.T, store, id string) {
	t.Helper()
	rb, err := Rebuild(t.Context(), id, Options{StoreDir: store})
	if err != nil {
		t.Fatalf("rebuild %s: %v", id, err)
	}
	want, got := tablesOf(t, store, id), tablesOf(t, store, rb.SnapshotID)
	compareJSON(t, id+" members", want.Members, got.Members)
	compareJSON(t, id+" places", want.Places, got.Places)
	for _, c := range got.Changes {
		if c.Cause == citynets.CauseSource {
			t.Errorf("rebuild of %s: a change of cause source: %+v", id, c)
		}
	}
}

func tablesOf(t *testing.T, store, id string) *citynets.Tables {
	t.Helper()
	s, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := snap.Tables(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func compareJSON[T any](t *testing.T, what string, want, got []T) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d rows, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		a, _ := json.Marshal(want[i])
		b, _ := json.Marshal(got[i])
		if string(a) != string(b) {
			t.Errorf("%s row %d:\n got %s\nwant %s", what, i, b, a)
		}
	}
}

// TestReplayOwnArchive replays a deduplicated snapshot's own archive (all
// revisits) into another store: its payloads are found through the store
// the archive lives in; a copy outside any store is resolved through
// --store, and without either it is a bad archive.
func TestReplayOwnArchive(t *testing.T) {
	store := t.TempDir()
	warc := archive(t, nil, "c40")
	sampleRun(t, store, warc, "c40", nil)
	second := sampleRun(t, store, warc, "c40", nil)
	own := filepath.Join(store, "snapshots", second.SnapshotID, output.RawWARC)

	elsewhere := t.TempDir()
	other := sampleRun(t, elsewhere, own, "c40", nil)
	compareJSON(t, "members", tablesOf(t, store, second.SnapshotID).Members, tablesOf(t, elsewhere, other.SnapshotID).Members)

	loose := filepath.Join(t.TempDir(), "night.warc.gz")
	b, err := os.ReadFile(own)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(loose, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := baseTransport(loose, store); err != nil {
		t.Errorf("a copy resolved through --store: %v", err)
	}
	if _, err := BaseTransport(loose); err == nil {
		t.Error("a copy of a revisit-only archive outside any store must not replay")
	}
}
