package output

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNextID(t *testing.T) {
	day := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	cases := []struct {
		name       string
		newest     string // "" = empty store
		clock      time.Time
		want       string // the id's time part
		wantBehind bool
	}{
		{"empty store", "", day, "20261206T020000Z", false},
		{"clock ahead of the newest", "20261205T020000Z-aaa", day, "20261206T020000Z", false},
		{"same second: not behind, only quick", "20261206T020000Z-zzz", day, "20261206T020001Z", false},
		{"clock at 1970", "20260601T020000Z-aaa", time.Unix(0, 0), "20260601T020001Z", true},
		{"after a run with the clock a year ahead", "20271206T020000Z-aaa", day, "20271206T020001Z", true},
		{"after a rebuild of the newest", "20261206T020000Z-aaa.rxyz", day, "20261206T020001Z", false},
		{"sub-second clock", "", day.Add(900 * time.Millisecond), "20261206T020000Z", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			if c.newest != "" {
				commit(t, s, c.newest)
			}
			begin := time.Now()
			id, behind, err := s.NextID(c.clock)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(begin); d > time.Second {
				t.Errorf("NextID took %v", d)
			}
			if !strings.HasPrefix(id, c.want+"-") || id <= c.newest || checkID(id) != nil {
				t.Errorf("NextID = %s, want %s-… after %q", id, c.want, c.newest)
			}
			if (behind > 0) != c.wantBehind {
				t.Errorf("behind = %v, want behind: %v", behind, c.wantBehind)
			}
		})
	}
}

// TestNextIDIncreases: ids keep increasing through a night when the clock
// ran a year ahead and the nights after it, when it is right again.
func TestNextIDIncreases(t *testing.T) {
	s := newStore(t)
	night := time.Date(2026, 12, 6, 2, 0, 0, 0, time.UTC)
	clocks := []time.Time{night, night.AddDate(1, 0, 1), night.AddDate(0, 0, 2), night.AddDate(0, 0, 3), night.AddDate(0, 0, 3)}
	prev := ""
	for i, clock := range clocks {
		id, _, err := s.NextID(clock)
		if err != nil {
			t.Fatal(err)
		}
		if id <= prev {
			t.Fatalf("night %d: id %s does not sort after %s", i, id, prev)
		}
		commit(t, s, id)
		prev = id
	}
}

func TestNextIDRefusesAnUnsortableNewest(t *testing.T) {
	s := newStore(t)
	commit(t, s, "backfill-x") // sorts after every time-based id
	if _, _, err := s.NextID(time.Now()); !errors.Is(err, ErrInvalidID) {
		t.Errorf("NextID = %v, want ErrInvalidID", err)
	}
}

// BenchmarkNextID shows the id choice costs the same whatever the skew
// between the clock and the newest snapshot (it used to step a second at
// a time: 673 s with the clock at 1970).
func BenchmarkNextID(b *testing.B) {
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	txn, err := s.Begin(context.Background(), "20260601T020000Z-aaa")
	if err != nil {
		b.Fatal(err)
	}
	if err := txn.Commit(context.Background(), &Manifest{}, nil); err != nil {
		b.Fatal(err)
	}
	newest := time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)
	for _, skew := range []struct {
		name string
		d    time.Duration
	}{{"skew=0", 0}, {"skew=56y", newest.Sub(time.Unix(0, 0))}} {
		b.Run(skew.name, func(b *testing.B) {
			clock := newest.Add(-skew.d)
			for b.Loop() {
				if _, _, err := s.NextID(clock); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestRebuildID(t *testing.T) {
	const a, b = "20261205T020000Z-aaa", "20261206T020000Z-bbb"
	cases := []struct {
		name     string
		ids      []string
		source   string
		next     string // the id the rebuild must sort before; "" = none
		wantErr  error
		newestOK bool // the rebuild becomes the newest
	}{
		{"older snapshot", []string{a, b}, a, b, nil, false},
		{"newest snapshot", []string{a, b}, b, "", nil, true},
		{"older snapshot rebuilt before", []string{a, a + ".rzzz", b}, a, a + ".rzzz", nil, false},
		{"a rebuild", []string{a, a + ".rmmm", b}, a + ".rmmm", b, nil, false},
		{"unknown", []string{a}, b, "", ErrUnknownSnapshot, false},
		{"no room after the source", []string{a, a + ".r"}, a, "", ErrNoRebuildID, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			for _, id := range c.ids {
				commit(t, s, id)
			}
			id, err := s.RebuildID(c.source)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("RebuildID = %q, %v; want %v", id, err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(id, c.source) || id <= c.source || (c.next != "" && id >= c.next) || slices.Contains(c.ids, id) {
				t.Errorf("RebuildID(%s) = %s, want between it and %q", c.source, id, c.next)
			}
			if got := id > c.ids[len(c.ids)-1]; got != c.newestOK {
				t.Errorf("RebuildID(%s) = %s becomes the newest: %v", c.source, id, got)
			}
			if tm, err := idTime(id); err != nil || !strings.HasPrefix(c.source, tm.Format(idLayout)) {
				t.Errorf("RebuildID(%s) = %s does not keep the source's date", c.source, id)
			}
		})
	}
}

func TestRepairLatest(t *testing.T) {
	const a, b = "20261205T020000Z-aaa", "20261206T020000Z-bbb"
	cases := []struct {
		name   string
		latest *string // nil = no LATEST file
		warn   bool
	}{
		{"right", ptr(b + "\n"), false},
		{"missing", nil, true},
		{"empty", ptr(""), true},
		{"garbage", ptr("\xff\x00 ../../etc\n"), true},
		{"dangling", ptr("20990101T000000Z-zzz\n"), true},
		{"older", ptr(a + "\n"), true},
		{"huge", ptr(strings.Repeat("9", 1<<20)), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			commit(t, s, a)
			commit(t, s, b)
			path := filepath.Join(s.Dir(), latestFile)
			os.Remove(path)
			if c.latest != nil {
				os.WriteFile(path, []byte(*c.latest), 0o644)
			}
			var logs bytes.Buffer
			got, err := s.RepairLatest(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil || got != b {
				t.Fatalf("RepairLatest = %q, %v; want %s", got, err, b)
			}
			if l, err := s.Latest(); err != nil || l != b {
				t.Errorf("LATEST = %q, %v after the repair", l, err)
			}
			if warned := strings.Contains(logs.String(), "level=WARN"); warned != c.warn {
				t.Errorf("warned %v, want %v: %s", warned, c.warn, logs.String())
			}
			if err := s.VerifyAll(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("newest has a broken manifest", func(t *testing.T) {
		s := newStore(t)
		commit(t, s, a)
		commit(t, s, b)
		os.WriteFile(filepath.Join(s.Path(b), ManifestFile), []byte("{"), 0o644)
		if got, err := s.RepairLatest(context.Background(), nil); err != nil || got != a {
			t.Errorf("RepairLatest = %q, %v; want %s", got, err, a)
		}
	})
	t.Run("empty store", func(t *testing.T) {
		s := newStore(t)
		if got, err := s.RepairLatest(context.Background(), nil); err != nil || got != "" {
			t.Errorf("RepairLatest = %q, %v", got, err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestStoreRefusesSymlinks plants a symlink pointing outside the store in
// each place the store keeps its own files, and runs what `run` and
// `prune` do: each is refused with ErrUnsafeStore and nothing outside the
// store changes.
func TestStoreRefusesSymlinks(t *testing.T) {
	const a, b = "20261205T020000Z-aaa", "20261206T020000Z-bbb"
	cases := []struct {
		name  string
		plant func(t *testing.T, store, outside string)
	}{
		{"tmp", func(t *testing.T, store, outside string) {
			os.RemoveAll(filepath.Join(store, tmpDir))
			mustSymlink(t, outside, filepath.Join(store, tmpDir))
		}},
		{".lock", func(t *testing.T, store, outside string) {
			os.Remove(filepath.Join(store, lockFile))
			mustSymlink(t, filepath.Join(outside, "canary"), filepath.Join(store, lockFile))
		}},
		{"LATEST", func(t *testing.T, store, outside string) {
			os.WriteFile(filepath.Join(outside, "LATEST"), []byte(a+"\n"), 0o644)
			os.Remove(filepath.Join(store, latestFile))
			mustSymlink(t, filepath.Join(outside, "LATEST"), filepath.Join(store, latestFile))
		}},
		{"snapshot folder", func(t *testing.T, store, outside string) {
			dir := filepath.Join(store, snapshotsDir, a)
			os.Rename(dir, filepath.Join(outside, a))
			mustSymlink(t, filepath.Join(outside, a), dir)
		}},
		{"snapshots", func(t *testing.T, store, outside string) {
			dir := filepath.Join(store, snapshotsDir)
			os.Rename(dir, filepath.Join(outside, snapshotsDir))
			mustSymlink(t, filepath.Join(outside, snapshotsDir), dir)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			commit(t, s, a)
			commit(t, s, b)
			outside := t.TempDir()
			os.WriteFile(filepath.Join(outside, "canary"), []byte("canary\n"), 0o644)
			c.plant(t, s.Dir(), outside)
			before := snapshotTree(t, outside)

			_, err := OpenStore(s.Dir())
			errs := []error{err}
			// A Store opened before the symlink appeared must refuse too.
			unlock, err := s.Lock(ctx, false, "test")
			errs = append(errs, err)
			if err == nil {
				errs = append(errs, s.CheckWritable(ctx))
				_, err = s.RepairLatest(ctx, nil)
				errs = append(errs, err)
				if txn, err := s.Begin(ctx, "20261207T020000Z-ccc"); err == nil {
					errs = append(errs, txn.Commit(ctx, &Manifest{}, sampleTables()))
				} else {
					errs = append(errs, err)
				}
				_, err = s.Prune(ctx, 1)
				errs = append(errs, err)
				unlock()
			}
			if !slices.ContainsFunc(errs, func(err error) bool { return errors.Is(err, ErrUnsafeStore) }) {
				t.Errorf("no step refused the symlinked %s: %v", c.name, errs)
			}
			if after := snapshotTree(t, outside); !slices.Equal(before, after) {
				t.Errorf("outside the store changed:\nbefore %q\nafter  %q", before, after)
			}
		})
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// snapshotTree lists every file under dir with its content.
func snapshotTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out = append(out, p+"="+string(b))
		}
		return nil
	})
	return out
}

// TestSymlinkedStoreRootWorks: the root itself may be a symlink.
func TestSymlinkedStoreRootWorks(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real")
	link := filepath.Join(t.TempDir(), "link")
	os.MkdirAll(real, 0o755)
	mustSymlink(t, real, link)
	s, err := OpenStore(link)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock(context.Background(), false, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := s.CheckWritable(context.Background()); err != nil {
		t.Fatal(err)
	}
	commit(t, s, testID)
	if got, err := s.Latest(); err != nil || got != testID {
		t.Errorf("Latest = %q, %v", got, err)
	}
	if err := s.VerifyAll(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestCheckWritable(t *testing.T) {
	t.Run("writable", func(t *testing.T) {
		s := newStore(t)
		if err := s.CheckWritable(context.Background()); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(filepath.Join(s.Dir(), tmpDir)); len(left) != 0 {
			t.Errorf("probe left in tmp/: %v", left)
		}
	})
	t.Run("tmp is a file", func(t *testing.T) {
		s := newStore(t)
		os.WriteFile(filepath.Join(s.Dir(), tmpDir), nil, 0o644)
		if err := s.CheckWritable(context.Background()); !errors.Is(err, ErrUnsafeStore) {
			t.Errorf("CheckWritable = %v", err)
		}
	})
	t.Run("snapshots unwritable", func(t *testing.T) {
		s := newStore(t)
		snaps := filepath.Join(s.Dir(), snapshotsDir)
		if os.Geteuid() == 0 {
			if out, err := exec.Command("chattr", "+i", snaps).CombinedOutput(); err != nil {
				t.Skipf("chattr: %v %s", err, out)
			}
			t.Cleanup(func() { exec.Command("chattr", "-i", snaps).Run() })
		} else {
			os.Chmod(snaps, 0o555)
			t.Cleanup(func() { os.Chmod(snaps, 0o755) })
		}
		if err := s.CheckWritable(context.Background()); !errors.Is(err, ErrStoreNotWritable) {
			t.Errorf("CheckWritable = %v", err)
		}
	})
}
