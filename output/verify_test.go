package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestVerify(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   []string // every one must appear in the error
	}{
		{"intact", func(*testing.T, string) {}, nil},
		{"flipped byte", func(t *testing.T, dir string) { flipByte(t, filepath.Join(dir, MembersParquet), 100) },
			[]string{"members.parquet: sha256"}},
		{"truncated arrow", func(t *testing.T, dir string) { os.Truncate(filepath.Join(dir, PlacesArrow), 10) },
			[]string{"places.arrow: 10 bytes", "places.arrow: unreadable"}},
		{"missing archive", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, RawWARC)) },
			[]string{"raw.warc.gz: missing"}},
		{"extra file", func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644) },
			[]string{"notes.txt: not in manifest"}},
		{"two damaged files", func(t *testing.T, dir string) {
			flipByte(t, filepath.Join(dir, HistoryParquet), 50)
			flipByte(t, filepath.Join(dir, RawWARC), 0)
		}, []string{"history.parquet: sha256", "raw.warc.gz: sha256"}},
		{"file from another snapshot", func(t *testing.T, dir string) {
			other := t.TempDir()
			if _, err := WriteTables(context.Background(), other, "20990101T000000Z-zzz", sampleTables()); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(filepath.Join(other, ChangesParquet))
			os.WriteFile(filepath.Join(dir, ChangesParquet), b, 0o644)
		}, []string{`changes.parquet: carries snapshot id "20990101T000000Z-zzz"`}},
		{"dangling LATEST", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "..", "..", "LATEST"), []byte("20990101T000000Z-zzz\n"), 0o644)
		}, []string{"LATEST names a snapshot that is not committed"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			commit(t, s, testID)
			tc.damage(t, s.Path(testID))
			err := s.Verify(context.Background(), testID)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Verify = %v", err)
				}
				return
			}
			var ve *VerifyError
			if !errors.As(err, &ve) || !errors.Is(err, ErrVerify) {
				t.Fatalf("Verify = %v, want a VerifyError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Verify error %q does not mention %q", err, w)
				}
			}
			if err := s.VerifyAll(context.Background()); err == nil {
				t.Error("VerifyAll passed a damaged store")
			}
		})
	}
}

func TestVerifyAllNamesEachSnapshot(t *testing.T) {
	s := newStore(t)
	good, bad := "20261126T020000Z-aaa", "20261127T020000Z-bbb"
	commit(t, s, good)
	commit(t, s, bad)
	flipByte(t, filepath.Join(s.Path(bad), MembersArrow), 200)
	err := s.VerifyAll(context.Background())
	if err == nil || !strings.Contains(err.Error(), bad) || strings.Contains(err.Error(), good) {
		t.Errorf("VerifyAll = %v, want only %s named", err, bad)
	}
}

func flipByte(t *testing.T, path string, at int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, at); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0xff
	if _, err := f.WriteAt(b, at); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyManifestFields tampers with one manifest field at a time:
// verify must name what is wrong with it.
func TestVerifyManifestFields(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(m *Manifest)
		want   string
	}{
		{"intact", func(*Manifest) {}, ""},
		{"id of another folder", func(m *Manifest) { m.ID = "20261127T020000Z-zzz" }, "folder is"},
		{"invalid id", func(m *Manifest) { m.ID = "../x" }, "not a valid snapshot id"},
		{"zero created_at", func(m *Manifest) { m.CreatedAt = time.Time{} }, "created_at"},
		{"invalid parent", func(m *Manifest) { m.ParentID = "a/b" }, "parent_id"},
		{"parent after the snapshot", func(m *Manifest) { m.ParentID = "20261128T020000Z-aaa" }, "parent_id"},
		{"parent is itself", func(m *Manifest) { m.ParentID = testID }, "parent_id"},
		{"unknown schema", func(m *Manifest) { m.SchemaVersion = "99" }, "schema_version"},
		{"empty schema", func(m *Manifest) { m.SchemaVersion = "" }, "schema_version"},
		{"unknown status", func(m *Manifest) { m.Networks["c40"] = NetworkStatus{Status: "great", Members: len(sampleMembers())} }, `status "great"`},
		{"negative members", func(m *Manifest) {
			m.Networks["c40"] = NetworkStatus{Status: StatusOK, Members: len(sampleMembers()) + 1}
			m.Networks["x"] = NetworkStatus{Status: StatusFailed, Members: -1}
		}, "negative"},
		{"negative bytes", func(m *Manifest) {
			m.Networks["x"] = NetworkStatus{Status: StatusSkipped, Bytes: -5}
		}, "negative"},
		{"members do not add up", func(m *Manifest) { m.Networks["x"] = NetworkStatus{Status: StatusSkipped, Members: 3} }, "members.parquet has"},
		{"file missing from disk", func(m *Manifest) { m.Files["notes.txt"] = FileInfo{SHA256: strings.Repeat("0", 64)} }, "notes.txt: missing"},
		{"file not in manifest", func(m *Manifest) { delete(m.Files, RawWARC) }, "raw.warc.gz: not in manifest"},
		{"gazetteer sha256 malformed", func(m *Manifest) { m.Gazetteer.SHA256 = "xyz" }, "gazetteer"},
		{"gazetteer sha256 upper case", func(m *Manifest) { m.Gazetteer.SHA256 = strings.Repeat("AB", 32) }, "gazetteer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			commit(t, s, testID)
			path := filepath.Join(s.Path(testID), ManifestFile)
			m, err := ReadManifest(path)
			if err != nil {
				t.Fatal(err)
			}
			tc.tamper(m)
			if err := writeManifest(s.Path(testID), m); err != nil {
				t.Fatal(err)
			}
			err = s.VerifyAll(context.Background())
			if tc.want == "" {
				if err != nil {
					t.Fatalf("VerifyAll = %v", err)
				}
				return
			}
			if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("VerifyAll = %v, want a problem mentioning %q", err, tc.want)
			}
		})
	}
}

// TestVerifyRefusesSymlinks: a file of a snapshot that is a symlink is
// reported, never followed.
func TestVerifyRefusesSymlinks(t *testing.T) {
	s := newStore(t)
	commit(t, s, testID)
	outside := filepath.Join(t.TempDir(), "members.parquet")
	path := filepath.Join(s.Path(testID), MembersParquet)
	if err := os.Rename(path, outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, path); err != nil {
		t.Fatal(err)
	}
	err := s.Verify(context.Background(), testID)
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("Verify = %v, want the symlink reported", err)
	}
	if _, err := s.Read(context.Background(), testID); !errors.Is(err, ErrUnsafeStore) {
		t.Errorf("Read through a symlinked table = %v, want ErrUnsafeStore", err)
	}
}
