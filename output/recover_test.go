package output

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func commitChild(t *testing.T, s *Store, id, parent string) {
	t.Helper()
	ctx := context.Background()
	txn, err := s.Begin(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	os.WriteFile(filepath.Join(txn.Dir(), RawWARC), []byte(rawWARC), 0o644)
	m := &Manifest{ParentID: parent, Networks: map[string]NetworkStatus{"c40": {Status: StatusOK, Members: len(sampleMembers())}}}
	if err := txn.Commit(ctx, m, sampleTables()); err != nil {
		t.Fatal(err)
	}
}

// TestRollForward simulates a crash between the rename of a snapshot into
// place and the move of LATEST, by pointing LATEST back at the parent.
func TestRollForward(t *testing.T) {
	const a, b = "20261126T020000Z-aaa", "20261127T020000Z-bbb"
	cases := []struct {
		name   string
		parent string
		damage func(s *Store)
		want   string
	}{
		{"interrupted successor", a, nil, b},
		{"not the successor of LATEST", "20261125T020000Z-zzz", nil, ""},
		{"successor fails its hashes", a, func(s *Store) {
			os.WriteFile(filepath.Join(s.Path(b), MembersParquet), []byte("garbage"), 0o644)
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			commitChild(t, s, a, "")
			commitChild(t, s, b, c.parent)
			if c.damage != nil {
				c.damage(s)
			}
			os.WriteFile(filepath.Join(s.Dir(), latestFile), []byte(a+"\n"), 0o644)
			got, err := s.RollForward(context.Background())
			if err != nil || got != c.want {
				t.Fatalf("RollForward = %q, %v; want %q", got, err, c.want)
			}
			latest, _ := s.Latest()
			if want := map[bool]string{true: b, false: a}[c.want != ""]; latest != want {
				t.Errorf("LATEST = %s, want %s", latest, want)
			}
		})
	}
}
