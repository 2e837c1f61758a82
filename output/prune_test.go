package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestPrune(t *testing.T) {
	ids := []string{
		"20261123T020000Z-aaa", "20261124T020000Z-bbb", "20261125T020000Z-ccc",
		"20261126T020000Z-ddd", "20261127T020000Z-eee",
	}
	cases := []struct {
		name     string
		keep     int
		latest   string // LATEST forced to this (an operator's rollback); "" = newest
		removed  []string
		remained []string
	}{
		{"keep two", 2, "", ids[:3], ids[3:]},
		{"keep more than exist", 10, "", nil, ids},
		{"keep all", 5, "", nil, ids},
		{"never LATEST", 1, ids[1], []string{ids[0], ids[2], ids[3]}, []string{ids[1], ids[4]}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			for _, id := range ids {
				commit(t, s, id)
			}
			if tc.latest != "" {
				os.WriteFile(filepath.Join(s.Dir(), "LATEST"), []byte(tc.latest+"\n"), 0o644)
			}
			removed, err := s.Prune(context.Background(), tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(removed, tc.removed) {
				t.Errorf("removed %v, want %v", removed, tc.removed)
			}
			if got, _ := s.List(); !slices.Equal(got, tc.remained) {
				t.Errorf("List = %v, want %v", got, tc.remained)
			}
			for _, id := range tc.removed {
				if _, err := os.Stat(s.Path(id)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s still on disk", id)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(s.Dir(), "tmp")); len(entries) != 0 {
				t.Errorf("prune left %v in tmp/", entries)
			}
			if err := s.VerifyAll(context.Background()); err != nil {
				t.Errorf("VerifyAll after prune: %v", err)
			}
			// The newest snapshot still holds the complete history.
			tables, err := s.Read(context.Background(), ids[4])
			if err != nil || len(tables.History) != len(sampleTables().History) {
				t.Errorf("history after prune: %v rows, %v", len(tables.History), err)
			}
		})
	}
}

func TestPruneRejectsKeepZero(t *testing.T) {
	s := newStore(t)
	commit(t, s, testID)
	if _, err := s.Prune(context.Background(), 0); !errors.Is(err, ErrInvalidKeep) {
		t.Errorf("Prune(0) = %v", err)
	}
	if ids, _ := s.List(); len(ids) != 1 {
		t.Errorf("Prune(0) removed snapshots: %v", ids)
	}
}
