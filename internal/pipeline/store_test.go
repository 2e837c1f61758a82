package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
)

// sampleRun commits one replayed run of the sample fixtures of networks
// and returns its report.
func sampleRun(t *testing.T, store, warc, networks string, log *slog.Logger) *Report {
	t.Helper()
	rep, err := Run(t.Context(), Options{StoreDir: store, Replay: warc, Networks: networks, SpecsDir: "../../examples/specs", Logger: log})
	if err != nil {
		t.Fatalf("run %s: %v", networks, err)
	}
	return rep
}

func latestFile(t *testing.T, store string) string {
	t.Helper()
	b, _ := os.ReadFile(filepath.Join(store, "LATEST"))
	return strings.TrimSpace(string(b))
}

func verifyStore(t *testing.T, store string) {
	t.Helper()
	s, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAll(t.Context()); err != nil {
		t.Errorf("VerifyAll: %v", err)
	}
}

// TestParentFromSnapshots damages LATEST between two nights: the second
// night's parent must still be the newest snapshot, so nothing shows as
// joined, history goes on, LATEST is rewritten and a warning is logged.
func TestParentFromSnapshots(t *testing.T) {
	warc := archive(t, nil, "c40")
	cases := []struct {
		name   string
		damage func(store string, ids []string) error
	}{
		{"empty", func(store string, _ []string) error {
			return os.WriteFile(filepath.Join(store, "LATEST"), nil, 0o644)
		}},
		{"deleted", func(store string, _ []string) error { return os.Remove(filepath.Join(store, "LATEST")) }},
		{"garbage", func(store string, _ []string) error {
			return os.WriteFile(filepath.Join(store, "LATEST"), []byte("\x00zzz not an id\n"), 0o644)
		}},
		{"dangling", func(store string, _ []string) error {
			return os.WriteFile(filepath.Join(store, "LATEST"), []byte("20990101T000000Z-xxx\n"), 0o644)
		}},
		{"names an older snapshot", func(store string, ids []string) error {
			return os.WriteFile(filepath.Join(store, "LATEST"), []byte(ids[0]+"\n"), 0o644)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := t.TempDir()
			first := sampleRun(t, store, warc, "c40", nil)
			second := sampleRun(t, store, warc, "c40", nil)
			if err := c.damage(store, []string{first.SnapshotID, second.SnapshotID}); err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			rep, err := Run(t.Context(), Options{StoreDir: store, Replay: warc, Networks: "c40", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			if err != nil {
				t.Fatalf("run after LATEST was damaged: %v", err)
			}
			if rep.ParentID != second.SnapshotID {
				t.Errorf("parent = %q, want the newest snapshot %s", rep.ParentID, second.SnapshotID)
			}
			if rep.Changes != 0 {
				t.Errorf("%d changes against an unchanged archive (history reset?)", rep.Changes)
			}
			if got := latestFile(t, store); got != rep.SnapshotID {
				t.Errorf("LATEST = %q, want %s", got, rep.SnapshotID)
			}
			if !strings.Contains(logs.String(), "LATEST") || !strings.Contains(logs.String(), "level=WARN") {
				t.Errorf("no warning about LATEST in the log:\n%s", logs.String())
			}
			checkSeen(t, store, rep.SnapshotID, "c40", 3)
			verifyStore(t, store)
		})
	}
}

// checkSeen checks that every history spell of network in snapshot id was
// seen in want snapshots: the lineage was not cut.
func checkSeen(t *testing.T, store, id, network string, want int64) {
	t.Helper()
	s, _ := output.OpenStoreReadOnly(store)
	tables, err := s.Read(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range tables.History {
		if h.Network != network {
			continue
		}
		n++
		if h.SeenCount != want {
			t.Fatalf("history of %s %q seen %d times, want %d", network, h.MemberKey, h.SeenCount, want)
		}
	}
	if n == 0 {
		t.Errorf("no history for %s in %s", network, id)
	}
}

// TestRebuildOfAnOlderSnapshot rebuilds the first of two nights, then runs
// and prunes: the rebuild keeps its source's date, never becomes LATEST,
// and the next night builds on the newest night, so what was seen in
// between (metropolis, only scraped the second night) stays in history.
func TestRebuildOfAnOlderSnapshot(t *testing.T) {
	store := t.TempDir()
	c40 := archive(t, nil, "c40")
	both := archive(t, nil, "c40", "metropolis")
	first := sampleRun(t, store, c40, "c40", nil)
	second := sampleRun(t, store, both, "c40,metropolis", nil)
	if st := second.Manifest.Networks["metropolis"]; st.Status != output.StatusOK {
		t.Fatalf("metropolis failed in the second night: %+v", st)
	}

	rb, err := Rebuild(t.Context(), first.SnapshotID, Options{StoreDir: store})
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	if rb.ParentID != first.SnapshotID {
		t.Errorf("rebuild parent = %s, want %s", rb.ParentID, first.SnapshotID)
	}
	if !(first.SnapshotID < rb.SnapshotID && rb.SnapshotID < second.SnapshotID) {
		t.Errorf("rebuild id %s does not sort between its source %s and the next night %s", rb.SnapshotID, first.SnapshotID, second.SnapshotID)
	}
	if got := latestFile(t, store); got != second.SnapshotID {
		t.Errorf("after the rebuild LATEST = %s, want %s", got, second.SnapshotID)
	}

	third := sampleRun(t, store, c40, "c40", nil)
	if third.ParentID != second.SnapshotID {
		t.Errorf("the night after the rebuild built on %s, want %s", third.ParentID, second.SnapshotID)
	}
	if st := third.Manifest.Networks["metropolis"]; st.Status != output.StatusSkipped || st.Members == 0 {
		t.Errorf("metropolis in the third night = %+v, want its members carried", st)
	}
	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(t.Context(), 2); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.List(); !slices.Equal(ids, []string{second.SnapshotID, third.SnapshotID}) {
		t.Errorf("after prune --keep 2: %v, want the two newest nights", ids)
	}
	if got := latestFile(t, store); got != third.SnapshotID {
		t.Errorf("LATEST = %s, want %s", got, third.SnapshotID)
	}
	checkSeen(t, store, third.SnapshotID, "metropolis", 1)
	checkSeen(t, store, third.SnapshotID, "c40", 3)
	verifyStore(t, store)

	// A rebuild of LATEST itself does become LATEST.
	rb2, err := Rebuild(t.Context(), "LATEST", Options{StoreDir: store})
	if err != nil {
		t.Fatalf("rebuild of LATEST: %v", err)
	}
	if got := latestFile(t, store); got != rb2.SnapshotID || rb2.SnapshotID <= third.SnapshotID {
		t.Errorf("after rebuilding LATEST: LATEST = %s, rebuild %s", got, rb2.SnapshotID)
	}
	verifyStore(t, store)
}

// commitEmpty commits a snapshot with no rows under id.
func commitEmpty(t *testing.T, store, id string) {
	t.Helper()
	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	txn, err := s.Begin(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	if err := txn.Commit(t.Context(), &output.Manifest{Networks: map[string]output.NetworkStatus{}}, &citynets.Tables{}); err != nil {
		t.Fatal(err)
	}
}

// TestNextIDClockSkew: a clock far behind the newest snapshot must not
// cost time (the old loop stepped one second at a time), and ids keep
// increasing after a snapshot taken with the clock ahead.
func TestNextIDClockSkew(t *testing.T) {
	cases := []struct {
		name   string
		newest string
		clock  time.Time
		want   string // the id's time part
	}{
		{"clock at 1970", "20260601T020000Z-aaa", time.Unix(0, 0), "20260601T020001Z"},
		{"clock a year behind", "20271206T020000Z-aaa", time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC), "20271206T020001Z"},
		{"clock ahead of the newest", "20261205T020000Z-aaa", time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC), "20261206T020000Z"},
		{"same second", "20261206T020000Z-zzz", time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC), "20261206T020001Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := t.TempDir()
			commitEmpty(t, store, c.newest)
			s, _ := output.OpenStore(store)
			done := make(chan string, 1)
			go func() {
				id, err := nextID(s, c.clock, "", slog.New(slog.DiscardHandler))
				if err != nil {
					t.Error(err)
				}
				done <- id
			}()
			select {
			case id := <-done:
				if !strings.HasPrefix(id, c.want+"-") || id <= c.newest {
					t.Errorf("nextID = %s, want %s-… after %s", id, c.want, c.newest)
				}
			case <-time.After(2 * time.Second):
				t.Fatal("nextID took over 2s")
			}
		})
	}
}

// countingProgress counts the networks whose scrape started.
type countingProgress struct{ started atomic.Int32 }

func (p *countingProgress) Start(string)           { p.started.Add(1) }
func (*countingProgress) Page(string, int, int)    {}
func (*countingProgress) Done(string, string, int) {}

// TestUnwritableSnapshotsFailsBeforeScrape makes snapshots/ unwritable
// (chmod for a user, the immutable attribute for root, who ignores
// permissions): the run must fail as a store error before any network is
// scraped, not after the whole scrape.
func TestUnwritableSnapshotsFailsBeforeScrape(t *testing.T) {
	store := t.TempDir()
	warc := archive(t, nil, "c40")
	sampleRun(t, store, warc, "c40", nil)
	snaps := filepath.Join(store, "snapshots")
	if os.Geteuid() == 0 {
		if out, err := exec.Command("chattr", "+i", snaps).CombinedOutput(); err != nil {
			t.Skipf("cannot make snapshots/ immutable as root: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", snaps).Run() })
	} else {
		os.Chmod(snaps, 0o555)
		t.Cleanup(func() { os.Chmod(snaps, 0o755) })
	}
	p := &countingProgress{}
	_, err := Run(t.Context(), Options{StoreDir: store, Replay: warc, Networks: "c40", Progress: p})
	if !errors.Is(err, ErrStore) || !errors.Is(err, output.ErrStoreNotWritable) {
		t.Errorf("run into an unwritable snapshots/ = %v, want a store error", err)
	}
	if n := p.started.Load(); n != 0 {
		t.Errorf("%d networks were scraped before the store was found unwritable", n)
	}
}

// TestSymlinksInStore plants symlinks where the store keeps its own files,
// pointing outside it: every run must refuse with ErrUnsafeStore (a store
// error), and nothing outside the store may change.
func TestSymlinksInStore(t *testing.T) {
	warc := archive(t, nil, "c40")
	cases := []struct {
		name     string
		verifies bool                                          // the snapshots still verify with the symlink in place
		plant    func(t *testing.T, store, outside, id string) // replaces a store entry by a symlink into outside
	}{
		{"tmp", true, func(t *testing.T, store, outside, _ string) {
			os.RemoveAll(filepath.Join(store, "tmp"))
			symlink(t, outside, filepath.Join(store, "tmp"))
		}},
		{".lock", true, func(t *testing.T, store, outside, _ string) {
			os.Remove(filepath.Join(store, ".lock"))
			symlink(t, filepath.Join(outside, "canary"), filepath.Join(store, ".lock"))
		}},
		{"LATEST", false, func(t *testing.T, store, outside, id string) {
			os.WriteFile(filepath.Join(outside, "LATEST"), []byte(id+"\n"), 0o644)
			os.Remove(filepath.Join(store, "LATEST"))
			symlink(t, filepath.Join(outside, "LATEST"), filepath.Join(store, "LATEST"))
		}},
		{"snapshot folder", false, func(t *testing.T, store, outside, id string) {
			dir := filepath.Join(store, "snapshots", id)
			if err := os.Rename(dir, filepath.Join(outside, id)); err != nil {
				t.Fatal(err)
			}
			symlink(t, filepath.Join(outside, id), dir)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "store")
			first := sampleRun(t, store, warc, "c40", nil)
			outside := t.TempDir()
			if err := os.WriteFile(filepath.Join(outside, "canary"), []byte("canary\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			c.plant(t, store, outside, first.SnapshotID)
			before := treeOf(t, outside)

			_, err := Run(t.Context(), Options{StoreDir: store, Replay: warc, Networks: "c40"})
			if !errors.Is(err, output.ErrUnsafeStore) || !errors.Is(err, ErrStore) {
				t.Errorf("run on a store with a symlinked %s = %v, want ErrUnsafeStore", c.name, err)
			}
			// What `snapshots prune` does: take the lock, then prune.
			if s, err := output.OpenStore(store); err == nil {
				if unlock, err := s.Lock(t.Context(), false, "citynets snapshots prune"); err == nil {
					s.Prune(t.Context(), 1)
					unlock()
				}
			}
			if after := treeOf(t, outside); !sameTree(before, after) {
				t.Errorf("files outside the store changed:\nbefore %v\nafter  %v", before, after)
			}
			s, _ := output.OpenStoreReadOnly(store)
			err = s.VerifyAll(t.Context())
			if c.verifies && err != nil {
				t.Errorf("VerifyAll: %v", err)
			}
			if !c.verifies && !strings.Contains(fmt.Sprint(err), "symlink") {
				t.Errorf("VerifyAll = %v, want the symlink reported", err)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// treeOf maps every file under dir to its content.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			tree[p] = string(b)
		}
		return nil
	})
	return tree
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestSymlinkedStoreRoot: the store root itself may be a symlink (as
// under /var/lib): runs work through it.
func TestSymlinkedStoreRoot(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real")
	link := filepath.Join(t.TempDir(), "store")
	if err := os.MkdirAll(real, 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, real, link)
	warc := archive(t, nil, "c40")
	first := sampleRun(t, link, warc, "c40", nil)
	second := sampleRun(t, link, warc, "c40", nil)
	if second.ParentID != first.SnapshotID {
		t.Errorf("parent = %s, want %s", second.ParentID, first.SnapshotID)
	}
	verifyStore(t, link)
	if _, err := os.Stat(filepath.Join(real, "snapshots", second.SnapshotID, "manifest.json")); err != nil {
		t.Error(err)
	}
}
