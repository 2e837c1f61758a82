package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/citynets/citynets/output"
	_ "github.com/citynets/citynets/scrapers/all"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// archive writes the sample fixtures of the given networks as a WARC, with
// the c40 homepage's body passed through edit.
func archive(t *testing.T, edit func(home string) string, networks ...string) string {
	t.Helper()
	var pages []fetch.FixturePage
	for _, id := range networks {
		ps, err := scrapertest.FixturePages(filepath.Join("../../scrapers", id, "testdata/sample"))
		if err != nil {
			t.Fatal(err)
		}
		for i := range ps {
			if ps[i].URL == "https://www.c40.org/" && edit != nil {
				ps[i].Body = []byte(edit(string(ps[i].Body)))
			}
		}
		pages = append(pages, ps...)
	}
	path := filepath.Join(t.TempDir(), "run.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

// keepNames drops every homepage list item after the first n of each list.
func keepNames(n int, claim string) func(string) string {
	li := regexp.MustCompile(`(?s)<li>.*?</li>`)
	return func(home string) string {
		count := 0
		home = li.ReplaceAllStringFunc(home, func(s string) string {
			count++
			if (count-1)%97 < n {
				return s
			}
			return ""
		})
		if claim != "" {
			home = regexp.MustCompile(`C40 has \d+ member cities`).ReplaceAllString(home, "C40 has "+claim+" member cities")
		}
		return home
	}
}

// TestGuardFailuresCarryForward runs a good night, then nights whose c40
// page breaks a guard in different ways: c40 must fail with the reason,
// keep its 97 members as stale rows from the good night, and the other
// network must still produce fresh rows.
func TestGuardFailuresCarryForward(t *testing.T) {
	other := "metropolis"
	cases := []struct {
		name   string
		edit   func(string) string
		reason string
	}{
		{"claimed count mismatch", keepNames(90, ""), "claims 97 members but 90 were parsed"},
		{"drop beyond the threshold", keepNames(70, "70"), "down from 97"},
		{"zero items", keepNames(0, ""), "zero members"},
		{"below the floor", keepNames(79, "79"), "below the floor of 80"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := t.TempDir()
			specs := "../../examples/specs"
			good, err := Run(t.Context(), Options{StoreDir: store, Replay: archive(t, nil, "c40", other), SpecsDir: specs, Networks: "c40," + other})
			if err != nil || good.Failed() != 0 {
				t.Fatalf("good night: %v, %+v", err, good.Manifest.Networks)
			}
			rep, err := Run(t.Context(), Options{StoreDir: store, Replay: archive(t, c.edit, "c40", other), SpecsDir: specs, Networks: "c40," + other})
			if err != nil {
				t.Fatal(err)
			}
			st := rep.Manifest.Networks["c40"]
			if st.Status != output.StatusFailed || !strings.Contains(st.Error, c.reason) {
				t.Fatalf("c40 = %+v, want failed with %q", st, c.reason)
			}
			if st.CarriedFrom != good.SnapshotID || st.Members != 97 {
				t.Errorf("c40 carried %d members from %q, want 97 from %s", st.Members, st.CarriedFrom, good.SnapshotID)
			}
			checkRows(t, store, rep.SnapshotID, good.SnapshotID, other)
		})
	}
}

func checkRows(t *testing.T, store, id, goodID, other string) {
	t.Helper()
	s, _ := output.OpenStore(store)
	tables, err := s.Read(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	fresh := 0
	for _, m := range tables.Members {
		switch {
		case m.Network == "c40" && (!m.Stale || m.CarriedFrom != goodID):
			t.Fatalf("c40 row %q not stale from %s: stale=%v carried_from=%q", m.Name, goodID, m.Stale, m.CarriedFrom)
		case m.Network == other && m.Stale:
			t.Fatalf("%s row %q is stale", other, m.Name)
		case m.Network == other:
			fresh++
		}
	}
	if fresh == 0 {
		t.Errorf("no fresh %s rows", other)
	}
	for _, c := range tables.Changes {
		if c.Network == "c40" {
			t.Errorf("a failed network produced a change: %+v", c)
		}
	}
	if err := s.VerifyAll(t.Context()); err != nil {
		t.Error(err)
	}
}

// TestCancelledRunCommitsNothing: a run whose context is cancelled leaves
// the store as it was.
func TestCancelledRunCommitsNothing(t *testing.T) {
	store := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Run(ctx, Options{StoreDir: store, Replay: archive(t, nil, "c40"), Networks: "c40"}); err == nil {
		t.Fatal("a cancelled run reported success")
	}
	if ids, _ := os.ReadDir(filepath.Join(store, "snapshots")); len(ids) != 0 {
		t.Errorf("a cancelled run left %d snapshots", len(ids))
	}
}
