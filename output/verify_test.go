package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
