package output

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestRepair(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const poisoned, clean = "20261126T020000Z-aaa", testID
	commitPoisoned(t, s, poisoned, poisonedTables())
	commit(t, s, clean)
	before, err := s.Manifest(poisoned)
	if err != nil {
		t.Fatal(err)
	}
	wantTables, err := s.Read(ctx, poisoned) // repaired on read
	if err != nil {
		t.Fatal(err)
	}

	if _, err := s.Repair(ctx, poisoned, "vtest"); err == nil {
		t.Fatal("Repair without the store lock succeeded")
	}
	unlock, err := s.Lock(ctx, false, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()

	rep, err := s.Repair(ctx, poisoned, "vtest")
	if err != nil {
		t.Fatal(err)
	}
	// name, attribute key and value, a places network, a history name
	if rep.Replaced != 5 {
		t.Errorf("Replaced = %d, want 5 (%v)", rep.Replaced, rep.Files)
	}
	if err := s.VerifyAll(ctx); err != nil {
		t.Errorf("after repair: %v", err)
	}
	for _, name := range []string{MembersParquet, PlacesParquet, ChangesParquet, HistoryParquet} {
		if bad := rawInvalidStrings(t, filepath.Join(s.Path(poisoned), name)); len(bad) > 0 {
			t.Errorf("%s still holds %q", name, bad)
		}
	}

	after, err := s.Manifest(poisoned)
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Repaired) != 1 {
		t.Fatalf("manifest records %d repairs, want 1", len(after.Repaired))
	}
	r := after.Repaired[0]
	if r.ToolVersion != "vtest" || r.Replaced != 5 || r.At.IsZero() || !maps.Equal(r.PreviousFiles, before.Files) {
		t.Errorf("repair record = %+v; previous files should be %v", r, before.Files)
	}
	if after.Files[RawWARC] != before.Files[RawWARC] {
		t.Errorf("raw archive changed: %v → %v", before.Files[RawWARC], after.Files[RawWARC])
	}
	if after.Files[MembersParquet].SHA256 == before.Files[MembersParquet].SHA256 {
		t.Error("members.parquet hash unchanged by repair")
	}
	kept := *after
	kept.Files, kept.Repaired = before.Files, nil
	if !reflect.DeepEqual(&kept, before) {
		t.Errorf("repair changed more of the manifest than files and repaired:\n%+v\n%+v", &kept, before)
	}
	got, err := s.Read(ctx, poisoned)
	if err != nil {
		t.Fatal(err)
	}
	diffTables(t, got, wantTables)
	for _, sub := range []string{tmpDir, replacedDir} {
		if left, _ := os.ReadDir(filepath.Join(s.Dir(), sub)); len(left) > 0 {
			t.Errorf("%s/ left behind %v", sub, left)
		}
	}

	t.Run("nothing to repair", func(t *testing.T) {
		for _, id := range []string{poisoned, clean} {
			mb, _ := os.ReadFile(filepath.Join(s.Path(id), ManifestFile))
			rep, err := s.Repair(ctx, id, "vtest")
			if err != nil || rep.Replaced != 0 {
				t.Errorf("Repair(%s) again = %+v, %v", id, rep, err)
			}
			ma, _ := os.ReadFile(filepath.Join(s.Path(id), ManifestFile))
			if !bytes.Equal(mb, ma) {
				t.Errorf("Repair of a clean snapshot %s rewrote its manifest", id)
			}
		}
	})
	t.Run("unknown id", func(t *testing.T) {
		if _, err := s.Repair(ctx, "20990101T000000Z-zzz", "vtest"); !errors.Is(err, ErrUnknownSnapshot) {
			t.Errorf("Repair(unknown) = %v", err)
		}
	})
}

// TestRepairCrashRecovery simulates a crash at each point of the swap and
// checks that the store's recovery leaves a complete snapshot in place.
func TestRepairCrashRecovery(t *testing.T) {
	const id = testID
	cases := []struct {
		name  string
		crash func(t *testing.T, s *Store) // leaves the store as a crash would
	}{
		{"while building the copy", func(t *testing.T, s *Store) {
			os.MkdirAll(filepath.Join(s.Dir(), tmpDir, id+".repair.x"), 0o755)
			os.WriteFile(filepath.Join(s.Dir(), tmpDir, id+".repair.x", MembersParquet), []byte("half"), 0o644)
		}},
		{"after moving the old copy aside", func(t *testing.T, s *Store) {
			os.MkdirAll(filepath.Join(s.Dir(), replacedDir), 0o755)
			if err := os.Rename(s.Path(id), s.asidePath(id)); err != nil {
				t.Fatal(err)
			}
		}},
		{"after moving the new copy in", func(t *testing.T, s *Store) {
			os.MkdirAll(s.asidePath(id), 0o755)
			os.WriteFile(filepath.Join(s.asidePath(id), ManifestFile), []byte("{}"), 0o644)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			s := newStore(t)
			commit(t, s, id)
			want, _ := os.ReadFile(filepath.Join(s.Path(id), ManifestFile))
			c.crash(t, s)
			unlock, err := s.Lock(ctx, false, "test")
			if err != nil {
				t.Fatal(err)
			}
			defer unlock()
			if _, err := s.RollForward(ctx); err != nil {
				t.Fatal(err)
			}
			// A later run's Begin cleans tmp/: the snapshot must not be there.
			txn, err := s.Begin(ctx, "20261128T020000Z-ccc")
			if err != nil {
				t.Fatal(err)
			}
			txn.Abort()
			if err := s.VerifyAll(ctx); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(filepath.Join(s.Path(id), ManifestFile))
			if !bytes.Equal(got, want) {
				t.Errorf("manifest after recovery:\n%s\nwant\n%s", got, want)
			}
			if _, err := os.Stat(s.asidePath(id)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("aside copy left behind: %v", err)
			}
		})
	}
}
