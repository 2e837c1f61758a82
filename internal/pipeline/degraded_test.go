package pipeline

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// caseArchive writes one fixture case folder of a network as a WARC.
func caseArchive(t *testing.T, network, dir string) string {
	t.Helper()
	pages, err := scrapertest.FixturePages(filepath.Join("../../scrapers", network, "testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), dir+".warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOptionalSourceDegrades runs a good night, a night on which /cities/
// answers 403 (the c40 blocked case: an optional source), and a good night
// again. The blocked night keeps the homepage's 97 members fresh, marks
// c40 degraded (a pass: the run has no failed network), says in the
// manifest what failed and where the missing fields came from, and carries
// every region and city-page field from the good night, so neither that
// night nor the next shows a single c40 change.
func TestOptionalSourceDegrades(t *testing.T) {
	store := t.TempDir()
	good, err := Run(t.Context(), Options{StoreDir: store, Replay: caseArchive(t, "c40", "sample"), Networks: "c40"})
	if err != nil || good.Failed() != 0 {
		t.Fatalf("good night: %v, %+v", err, good.Manifest.Networks)
	}
	rep, err := Run(t.Context(), Options{StoreDir: store, Replay: caseArchive(t, "c40", "blocked"), Networks: "c40"})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Manifest.Networks["c40"]
	if st.Status != output.StatusDegraded || !st.Passed() || rep.Failed() != 0 {
		t.Fatalf("c40 = %+v (failed %d), want degraded and passed", st, rep.Failed())
	}
	for _, want := range []string{"optional source cities failed: blocked", "HTTP 403", "carried from " + good.SnapshotID + " for 97 members"} {
		if !strings.Contains(st.Error, want) {
			t.Errorf("manifest reason %q lacks %q", st.Error, want)
		}
	}
	if st.Members != 97 || st.CarriedFrom != "" {
		t.Errorf("members %d carried_from %q, want 97 fresh members", st.Members, st.CarriedFrom)
	}
	s, _ := output.OpenStore(store)
	before, after := readC40(t, s, good.SnapshotID), readC40(t, s, rep.SnapshotID)
	if len(after) != 97 {
		t.Fatalf("%d c40 rows, want 97", len(after))
	}
	for key, m := range after {
		b := before[key]
		if m.Stale || m.CarriedFrom != "" {
			t.Errorf("%s: stale %v carried_from %q, want a fresh row", key, m.Stale, m.CarriedFrom)
		}
		if m.NetworkRegion == "" || m.NetworkRegion != b.NetworkRegion || !maps.Equal(m.Attributes, b.Attributes) {
			t.Errorf("%s: region %q attributes %v, want the good night's %q %v", key, m.NetworkRegion, m.Attributes, b.NetworkRegion, b.Attributes)
		}
	}
	checkNoChanges(t, s, rep.SnapshotID, "c40")

	again, err := Run(t.Context(), Options{StoreDir: store, Replay: caseArchive(t, "c40", "sample"), Networks: "c40"})
	if err != nil || again.Manifest.Networks["c40"].Status != output.StatusOK {
		t.Fatalf("good night again: %v, %+v", err, again.Manifest.Networks)
	}
	checkNoChanges(t, s, again.SnapshotID, "c40")
}

func readC40(t *testing.T, s *output.Store, id string) map[string]citynets.Member {
	t.Helper()
	tables, err := s.Read(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]citynets.Member{}
	for _, m := range tables.Members {
		if m.Network == "c40" {
			out[m.MemberKey] = m
		}
	}
	return out
}

func checkNoChanges(t *testing.T, s *output.Store, id, network string) {
	t.Helper()
	tables, err := s.Read(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range tables.Changes {
		if c.Network == network {
			if n++; n <= 5 {
				t.Errorf("snapshot %s: change %s %s %v", id, c.Change, c.MemberKey, c.ChangedFields)
			}
		}
	}
	if n > 5 {
		t.Errorf("… %d changes in all, want none", n)
	}
}

// TestCarryDetail checks the matching and what is carried: by key, else
// by name; never over a value read tonight; nothing for a new member.
func TestCarryDetail(t *testing.T) {
	parent := []citynets.Member{
		{MemberKey: "lagos", Name: "Lagos", NetworkRegion: "Africa", Attributes: map[string]string{"page": "p/lagos", "population": "15 million"}},
		{MemberKey: "old-key", Name: "Accra", NetworkRegion: "Africa", Attributes: map[string]string{"page": "p/accra"}, CarriedFrom: "older"},
		{MemberKey: "quito", Name: "Quito", NetworkRegion: "Latin America", CountryPublished: "Ecuador"},
	}
	rows := []citynets.Member{
		{MemberKey: "lagos", Name: "Lagos", Attributes: map[string]string{"population": "16 million"}},
		{MemberKey: "accra", Name: "Accra", Attributes: map[string]string{}},
		{MemberKey: "quito", Name: "Quito", NetworkRegion: "Andes", Attributes: map[string]string{}},
		{MemberKey: "casablanca", Name: "Casablanca", Attributes: map[string]string{}},
	}
	failures := []scrapers.SourceFailure{{Source: "cities", Fields: []string{"attributes.page", "region"}}}
	carried, from := carryDetail(rows, parent, failures, "parent")
	if carried != 2 || from != "parent" {
		t.Errorf("carried %d from %q, want 2 from parent", carried, from)
	}
	want := []citynets.Member{
		{MemberKey: "lagos", Name: "Lagos", NetworkRegion: "Africa", Attributes: map[string]string{"page": "p/lagos", "population": "16 million"}},
		{MemberKey: "accra", Name: "Accra", NetworkRegion: "Africa", Attributes: map[string]string{"page": "p/accra"}},
		{MemberKey: "quito", Name: "Quito", NetworkRegion: "Andes", Attributes: map[string]string{}},
		{MemberKey: "casablanca", Name: "Casablanca", Attributes: map[string]string{}},
	}
	for i := range want {
		if rows[i].NetworkRegion != want[i].NetworkRegion || !maps.Equal(rows[i].Attributes, want[i].Attributes) || rows[i].CountryPublished != "" {
			t.Errorf("row %s = %q %v, want %q %v", rows[i].Name, rows[i].NetworkRegion, rows[i].Attributes, want[i].NetworkRegion, want[i].Attributes)
		}
	}
}
