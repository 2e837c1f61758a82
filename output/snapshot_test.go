package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStoreSnapshot(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const older, newer = "20261126T020000Z-aaa", "20261127T020000Z-bbb"
	commit(t, s, older)
	commit(t, s, newer)

	tests := []struct {
		arg     string
		wantID  string
		wantErr error
	}{
		{newer, newer, nil},
		{"LATEST", newer, nil},
		{"latest", newer, nil},
		{"20261126", older, nil},
		{"2026-11-26", older, nil},
		{"2026112", "", ErrAmbiguousSnapshot},
		{"20250101", "", ErrUnknownSnapshot},
		{"", "", ErrInvalidID},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			sn, err := s.Snapshot(ctx, tt.arg)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Snapshot(%q) = %v, want %v", tt.arg, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sn.ID != tt.wantID || sn.Manifest == nil || sn.Manifest.ID != tt.wantID {
				t.Fatalf("Snapshot(%q) = %s (manifest %+v), want %s", tt.arg, sn.ID, sn.Manifest, tt.wantID)
			}
			if sn.Dir() != s.Path(tt.wantID) {
				t.Errorf("Dir = %s", sn.Dir())
			}
			tables, err := sn.Tables(ctx)
			if err != nil {
				t.Fatal(err)
			}
			diffTables(t, tables, normalise(sampleTables()))
			if again, _ := sn.Tables(ctx); again != tables {
				t.Error("Tables read the snapshot twice")
			}
			if err := sn.Verify(ctx); err != nil {
				t.Errorf("Verify = %v", err)
			}
		})
	}
}

// TestSnapshotTablesAreLazy checks that opening a snapshot reads only its
// manifest: a snapshot whose tables are damaged still opens, and the
// damage shows when the tables are read.
func TestSnapshotTablesAreLazy(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	commit(t, s, testID)
	if err := os.WriteFile(filepath.Join(s.Path(testID), MembersParquet), []byte("not parquet"), 0o644); err != nil {
		t.Fatal(err)
	}
	sn, err := s.Snapshot(ctx, testID)
	if err != nil {
		t.Fatalf("Snapshot of a snapshot with damaged tables = %v", err)
	}
	if _, err := sn.Tables(ctx); err == nil {
		t.Error("Tables of a damaged snapshot succeeded")
	}
	if err := sn.Verify(ctx); err == nil {
		t.Error("Verify of a damaged snapshot succeeded")
	}
}

// TestOpenStoreReadOnlyNeedsAStore checks that a read-only open of anything
// but a store fails with ErrNoStore and creates nothing.
func TestOpenStoreReadOnlyNeedsAStore(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) string // returns the store path
	}{
		{"missing folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "no", "store") }},
		{"empty folder", func(t *testing.T) string { return t.TempDir() }},
		{"a file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "file")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t)
			before := listTree(t, filepath.Dir(dir))
			_, err := OpenStoreReadOnly(dir)
			if !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), dir) {
				t.Fatalf("OpenStoreReadOnly(%s) = %v, want ErrNoStore naming the path", dir, err)
			}
			if after := listTree(t, filepath.Dir(dir)); after != before {
				t.Errorf("OpenStoreReadOnly created something:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// listTree names everything under dir (nothing when dir is missing).
func listTree(t *testing.T, dir string) string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err == nil {
			names = append(names, p)
		}
		return nil
	})
	return strings.Join(names, " ")
}

// TestCheckSafe checks that a read-only store opens with a symlink among
// its own entries but CheckSafe reports it, as OpenStore would.
func TestCheckSafe(t *testing.T) {
	for _, name := range []string{"", tmpDir, lockFile, latestFile} {
		t.Run("symlinked "+name, func(t *testing.T) {
			s := newStore(t)
			commit(t, s, testID)
			if name != "" {
				p := filepath.Join(s.Dir(), name)
				os.RemoveAll(p)
				if err := os.Symlink(t.TempDir(), p); err != nil {
					t.Skip("no symlinks here:", err)
				}
			}
			ro, err := OpenStoreReadOnly(s.Dir())
			if err != nil {
				t.Fatal(err)
			}
			err = ro.CheckSafe()
			if (name == "") != (err == nil) || (err != nil && !errors.Is(err, ErrUnsafeStore)) {
				t.Errorf("CheckSafe = %v", err)
			}
		})
	}
}
