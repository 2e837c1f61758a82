package output

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCatalogFollowsTheSnapshots checks that index.json lists exactly the
// committed snapshots through commits, a prune, a lost catalog and a
// tampered one.
func TestCatalogFollowsTheSnapshots(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	ids := []string{"20261125T020000Z-aaa", "20261126T020000Z-bbb", "20261127T020000Z-ccc"}
	for _, id := range ids {
		commit(t, s, id)
	}
	listed := func() []string {
		t.Helper()
		c, err := s.readCatalog()
		if err != nil {
			t.Fatal(err)
		}
		return catalogIDs(c)
	}
	steps := []struct {
		name string
		do   func()
		want []string
		lag  bool
	}{
		{"after commits", func() {}, ids, false},
		{"after prune", func() {
			if _, err := s.Prune(ctx, 2); err != nil {
				t.Fatal(err)
			}
		}, ids[1:], false},
		{"lost, then a run starts", func() {
			os.Remove(filepath.Join(s.Dir(), IndexFile))
			if lag, _ := s.CatalogLag(ctx); len(lag) != 1 {
				t.Errorf("lag of a missing catalog = %v", lag)
			}
			if c, err := s.Catalog(ctx); err != nil || !slices.Equal(catalogIDs(c), ids[1:]) {
				t.Errorf("Catalog rebuilt in memory = %v, %v", c, err)
			}
			if _, err := s.RollForward(ctx); err != nil {
				t.Fatal(err)
			}
		}, ids[1:], false},
	}
	for _, st := range steps {
		st.do()
		if got := listed(); !slices.Equal(got, st.want) {
			t.Errorf("%s: index.json lists %v, want %v", st.name, got, st.want)
		}
		if err := s.VerifyAll(ctx); err != nil {
			t.Errorf("%s: verify: %v", st.name, err)
		}
	}
	c, _ := s.readCatalog()
	e := c.Snapshots[0]
	if e.Date == nil || e.Date.Format("2006-01-02") != "2026-11-26" || e.Networks["c40"].Status != StatusOK || e.Members == 0 || e.Rows[RunsParquet] != 1 {
		t.Errorf("entry %+v", e)
	}
	c.Snapshots[0].Members++
	if err := s.writeCatalog(c); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAll(ctx); err == nil || !strings.Contains(err.Error(), "differs from its manifest") {
		t.Errorf("verify of a tampered catalog: %v", err)
	}
}
