package output

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
)

func newStore(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const rawWARC = "not really a warc, only bytes to hash"

// commit writes snapshot id with the sample tables and a raw archive.
func commit(t *testing.T, s *Store, id string) *Manifest {
	t.Helper()
	ctx := context.Background()
	txn, err := s.Begin(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	if err := os.WriteFile(filepath.Join(txn.Dir(), RawWARC), []byte(rawWARC), 0o644); err != nil {
		t.Fatal(err)
	}
	m := &Manifest{ToolVersion: "test", Gazetteer: GazetteerInfo{Name: "test", SHA256: strings.Repeat("0f", 32)},
		Networks: map[string]NetworkStatus{"c40": {Status: StatusOK, Members: len(sampleMembers())}}}
	if err := txn.Commit(ctx, m, sampleTables()); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNewSnapshotID(t *testing.T) {
	start := time.Date(2026, 11, 27, 3, 0, 0, 0, time.FixedZone("CET", 3600))
	re := regexp.MustCompile(`^20261127T020000Z-[a-z0-9]{3}$`)
	seen := map[string]bool{}
	for range 50 {
		id := NewSnapshotID(start)
		if !re.MatchString(id) {
			t.Fatalf("NewSnapshotID = %q", id)
		}
		if err := checkID(id); err != nil {
			t.Fatal(err)
		}
		seen[id] = true
	}
	if len(seen) < 40 {
		t.Errorf("only %d distinct ids in 50: suffix not random", len(seen))
	}
	if a, b := NewSnapshotID(start), NewSnapshotID(start.Add(time.Second)); a >= b {
		t.Errorf("ids do not sort in time order: %s >= %s", a, b)
	}
}

func TestCommitAndRead(t *testing.T) {
	s := newStore(t)
	m := commit(t, s, testID)

	if ids, err := s.List(); err != nil || !slices.Equal(ids, []string{testID}) {
		t.Fatalf("List = %v, %v", ids, err)
	}
	if got, err := s.Latest(); err != nil || got != testID {
		t.Fatalf("Latest = %q, %v", got, err)
	}
	fi, err := os.Stat(filepath.Join(s.Dir(), "LATEST"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("LATEST mode %v, want 0644", fi.Mode().Perm())
	}

	got, err := s.Manifest(testID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != testID || got.SchemaVersion != citynets.SchemaVersion || got.CreatedAt.IsZero() || got.ToolVersion != "test" {
		t.Errorf("manifest = %+v", got)
	}
	if got.Networks["c40"].Status != StatusOK {
		t.Errorf("networks = %v", got.Networks)
	}
	want := append(requiredFiles(citynets.SchemaVersion), RawWARC)
	for _, name := range want {
		if _, ok := got.Files[name]; !ok {
			t.Errorf("manifest lacks %s", name)
		}
	}
	if len(got.Files) != len(want) {
		t.Errorf("manifest files %v, want %v", got.Files, want)
	}
	sum := sha256.Sum256([]byte(rawWARC))
	if f := got.Files[RawWARC]; f.SHA256 != hex.EncodeToString(sum[:]) || f.Bytes != int64(len(rawWARC)) {
		t.Errorf("raw.warc.gz = %+v", f)
	}
	if f := got.Files[MembersParquet]; f.Rows != int64(len(sampleMembers())) || f.Bytes == 0 {
		t.Errorf("members.parquet = %+v", f)
	}
	if m.Files[MembersArrow] != got.Files[MembersArrow] {
		t.Error("Commit did not fill the caller's manifest")
	}

	tables, err := s.Read(context.Background(), testID)
	if err != nil {
		t.Fatal(err)
	}
	diffTables(t, tables, normalise(sampleTables()))
	if err := s.Verify(context.Background(), testID); err != nil {
		t.Errorf("Verify of a fresh snapshot: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Join(s.Dir(), "tmp")); len(entries) != 0 {
		t.Errorf("tmp/ not empty after commit: %v", entries)
	}
}

func TestUncommittedTxnIsInvisible(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	commit(t, s, testID)
	latest, _ := os.ReadFile(filepath.Join(s.Dir(), "LATEST"))

	// A run that wrote everything but crashed before Commit.
	const crashed = "20261128T020000Z-zzz"
	txn, err := s.Begin(ctx, crashed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteTables(ctx, txn.Dir(), crashed, sampleTables()); err != nil {
		t.Fatal(err)
	}
	if err := writeManifest(txn.Dir(), &Manifest{ID: crashed}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.List(); !slices.Equal(ids, []string{testID}) {
		t.Errorf("List = %v, want only the committed snapshot", ids)
	}
	if got, _ := os.ReadFile(filepath.Join(s.Dir(), "LATEST")); string(got) != string(latest) {
		t.Errorf("LATEST changed to %q", got)
	}
	if _, err := s.Resolve(crashed); !errors.Is(err, ErrUnknownSnapshot) {
		t.Errorf("Resolve(uncommitted) = %v", err)
	}

	// Without the lock, a new Begin must not touch the crashed folder (its
	// owner may be alive); with it, the folder is cleaned up.
	other := &Store{dir: s.Dir(), active: map[string]struct{}{}}
	t2, err := other.Begin(ctx, "20261129T020000Z-aaa")
	if err != nil {
		t.Fatal(err)
	}
	t2.Abort()
	if _, err := os.Stat(txn.Dir()); err != nil {
		t.Errorf("Begin without the lock removed a live temp folder: %v", err)
	}
	unlock, err := other.Lock(ctx, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	t3, err := other.Begin(ctx, "20261129T020000Z-bbb")
	if err != nil {
		t.Fatal(err)
	}
	defer t3.Abort()
	if _, err := os.Stat(txn.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temp folder survived Begin under the lock: %v", err)
	}
	if _, err := os.Stat(t3.Dir()); err != nil {
		t.Errorf("Begin removed its own folder: %v", err)
	}
	if err := t3.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(t3.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Abort left %s", t3.Dir())
	}
	if err := txn.Commit(ctx, &Manifest{}, nil); err == nil {
		t.Error("Commit of a cleaned-up transaction succeeded")
	}
}

func TestFailedCommitLeavesStoreUntouched(t *testing.T) {
	s := newStore(t)
	commit(t, s, testID)
	ctx, cancel := context.WithCancel(context.Background())
	txn, err := s.Begin(ctx, "20261128T020000Z-zzz")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := txn.Commit(ctx, &Manifest{}, sampleTables()); err == nil {
		t.Fatal("Commit with a cancelled context succeeded")
	}
	if ids, _ := s.List(); !slices.Equal(ids, []string{testID}) {
		t.Errorf("List = %v", ids)
	}
	if got, _ := s.Latest(); got != testID {
		t.Errorf("Latest = %q", got)
	}
	if err := txn.Abort(); err != nil {
		t.Fatal(err)
	}
}

func TestCommitRules(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	commit(t, s, "20261127T020000Z-bbb")

	t.Run("older id does not move LATEST back", func(t *testing.T) {
		commit(t, s, "20261101T020000Z-aaa")
		if got, _ := s.Latest(); got != "20261127T020000Z-bbb" {
			t.Errorf("Latest = %q", got)
		}
	})
	t.Run("existing id", func(t *testing.T) {
		if _, err := s.Begin(ctx, "20261127T020000Z-bbb"); !errors.Is(err, ErrSnapshotExists) {
			t.Errorf("Begin(existing) = %v", err)
		}
	})
	t.Run("bad ids", func(t *testing.T) {
		for _, id := range []string{"", "../x", "a/b", ".hidden", "LATEST", "a b"} {
			if _, err := s.Begin(ctx, id); !errors.Is(err, ErrInvalidID) {
				t.Errorf("Begin(%q) = %v", id, err)
			}
		}
	})
	t.Run("manifest id mismatch", func(t *testing.T) {
		txn, err := s.Begin(ctx, "20261130T020000Z-ccc")
		if err != nil {
			t.Fatal(err)
		}
		defer txn.Abort()
		if err := txn.Commit(ctx, &Manifest{ID: "other"}, nil); err == nil {
			t.Error("Commit accepted a manifest for another id")
		}
	})
	t.Run("commit twice", func(t *testing.T) {
		txn, err := s.Begin(ctx, "20261130T020000Z-ddd")
		if err != nil {
			t.Fatal(err)
		}
		if err := txn.Commit(ctx, &Manifest{}, nil); err != nil {
			t.Fatal(err)
		}
		if err := txn.Commit(ctx, &Manifest{}, nil); !errors.Is(err, ErrTxnDone) {
			t.Errorf("second Commit = %v", err)
		}
		if err := txn.Abort(); err != nil {
			t.Errorf("Abort after Commit = %v", err)
		}
		if !s.committed("20261130T020000Z-ddd") {
			t.Error("Abort after Commit removed the snapshot")
		}
	})
}

func TestEmptyStore(t *testing.T) {
	s := newStore(t)
	if _, err := s.Latest(); !errors.Is(err, ErrNoSnapshots) {
		t.Errorf("Latest = %v", err)
	}
	if ids, err := s.List(); err != nil || len(ids) != 0 {
		t.Errorf("List = %v, %v", ids, err)
	}
	if err := s.VerifyAll(context.Background()); err != nil {
		t.Errorf("VerifyAll = %v", err)
	}
	var unknown *UnknownSnapshotError
	if _, err := s.Manifest("nope"); !errors.As(err, &unknown) {
		t.Errorf("Manifest(nope) = %v", err)
	}
}

func TestOpenStore(t *testing.T) {
	t.Run("creates folders", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		if _, err := OpenStore(dir); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(filepath.Join(dir, "snapshots")); err != nil || !fi.IsDir() {
			t.Errorf("snapshots/ not created: %v", err)
		}
	})
	t.Run("not writable", func(t *testing.T) {
		// A path under a regular file cannot be created, even by root.
		f := filepath.Join(t.TempDir(), "file")
		os.WriteFile(f, nil, 0o644)
		if _, err := OpenStore(filepath.Join(f, "store")); !errors.Is(err, ErrStoreNotWritable) {
			t.Errorf("OpenStore under a file = %v", err)
		}
	})
	t.Run("read only", func(t *testing.T) {
		s := newStore(t)
		commit(t, s, testID)
		ro, err := OpenStoreReadOnly(s.Dir())
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ro.Latest(); err != nil || got != testID {
			t.Errorf("Latest = %q, %v", got, err)
		}
		if _, err := ro.Begin(context.Background(), "20261130T020000Z-x"); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Begin on read-only store = %v", err)
		}
	})
}

func TestResolve(t *testing.T) {
	s := newStore(t)
	ids := []string{
		"20261125T020000Z-aaa",
		"20261126T020000Z-bbb",
		"20261127T020000Z-ccc",
		"20261127T140000Z-ddd",
		"20261128T020000Z-eee",
	}
	for _, id := range ids {
		commit(t, s, id)
	}
	cases := []struct {
		in      string
		want    string
		nearest []string // for an unknown id
		matches int      // for an ambiguous prefix
	}{
		{in: "20261126T020000Z-bbb", want: "20261126T020000Z-bbb"},
		{in: "LATEST", want: "20261128T020000Z-eee"},
		{in: "latest", want: "20261128T020000Z-eee"},
		{in: "20261125", want: "20261125T020000Z-aaa"},
		{in: " 20261127T14 ", want: "20261127T140000Z-ddd"},
		{in: "2026-11-27T14:00", want: "20261127T140000Z-ddd"},
		{in: "2026-11-27T02:00:00Z", want: "20261127T020000Z-ccc"},
		{in: "2026-11-27T03:00:00+01:00", want: "20261127T020000Z-ccc"},
		{in: "20261127", matches: 2},
		{in: "2026-11-27", matches: 2},
		{in: "20261127T080000Z-zzz", nearest: []string{"20261127T020000Z-ccc", "20261127T140000Z-ddd", "20261128T020000Z-eee"}},
		{in: "2026-11-26T12:00", nearest: []string{"20261126T020000Z-bbb", "20261127T020000Z-ccc", "20261127T140000Z-ddd"}},
		{in: "2027", nearest: []string{"20261127T020000Z-ccc", "20261127T140000Z-ddd", "20261128T020000Z-eee"}},
		{in: "1999", nearest: []string{"20261125T020000Z-aaa", "20261126T020000Z-bbb", "20261127T020000Z-ccc"}},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := s.Resolve(tc.in)
			switch {
			case tc.want != "":
				if err != nil || got != tc.want {
					t.Errorf("Resolve(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
			case tc.matches > 0:
				var amb *AmbiguousSnapshotError
				if !errors.As(err, &amb) || len(amb.Matches) != tc.matches {
					t.Errorf("Resolve(%q) = %q, %v; want %d matches", tc.in, got, err, tc.matches)
				}
			default:
				var unk *UnknownSnapshotError
				if !errors.As(err, &unk) || !errors.Is(err, ErrUnknownSnapshot) {
					t.Fatalf("Resolve(%q) = %q, %v; want UnknownSnapshotError", tc.in, got, err)
				}
				if !slices.Equal(unk.Nearest, tc.nearest) {
					t.Errorf("nearest = %v, want %v", unk.Nearest, tc.nearest)
				}
				if !strings.Contains(err.Error(), tc.nearest[0]) {
					t.Errorf("error %q does not list the nearest ids", err)
				}
			}
		})
	}
}

func TestResolveDanglingLatest(t *testing.T) {
	s := newStore(t)
	commit(t, s, testID)
	os.WriteFile(filepath.Join(s.Dir(), "LATEST"), []byte("20990101T000000Z-xxx\n"), 0o644)
	if _, err := s.Resolve("LATEST"); !errors.Is(err, ErrDanglingLatest) {
		t.Errorf("Resolve(LATEST) = %v", err)
	}
}

// BenchmarkWriteSnapshot commits a snapshot of 100,000 synthetic members
// (with their places, history and some changes) as Parquet and Arrow.
// Target: under 1 s and 300 MB peak RSS per snapshot, measured with
//
//	go test -c -o /tmp/output.test ./output/
//	/usr/bin/time -v /tmp/output.test -test.run '^$' -test.bench WriteSnapshot -test.benchtime 3x
//
// which scripts/bench-write.sh (make bench-write) runs and checks.
func BenchmarkWriteSnapshot(b *testing.B) {
	// Run under the binary's own soft limit, as `citynets run` does.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(MemoryLimit))
	tables := syntheticTables(100_000)
	// Measure the write, not the generator's garbage.
	debug.FreeOSMemory()
	s, err := OpenStore(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	start := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		txn, err := s.Begin(ctx, NewSnapshotID(start.Add(time.Duration(i)*time.Hour)))
		if err != nil {
			b.Fatal(err)
		}
		if err := txn.Commit(ctx, &Manifest{}, tables); err != nil {
			b.Fatal(err)
		}
	}
}
