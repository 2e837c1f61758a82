package output

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/sharedtest"
)

// c40Snapshot is one dated C40 list of shared/sites/real/lists (see its
// SOURCE.md), all complete lists, as a snapshot of the scenario.
type c40Snapshot struct {
	id, file, column string
}

// c40Snapshots are the lists in date order. The ids carry each list's
// date: 2019 (ClimActor's C40Cities2019 tag), August 2023 (C40's data
// warehouse), 6 November 2024 (c40tools) and the 2026 homepage.
var c40Snapshots = []c40Snapshot{
	{"20190601T020000Z-c19", "c40_2019_climactor.csv", "name"},
	{"20230801T020000Z-c23", "c40_2023_c40dw-current-members.csv", "city"},
	{"20241106T020000Z-c24", "c40_2024-11_c40tools-capacity-tiers.csv", "city_as_published"},
	{"20261127T020000Z-c26", "c40_2026_homepage.csv", "city"},
}

// readCSVColumns reads the named columns of a CSV file with a header row,
// values trimmed as a scraper's fields are.
func readCSVColumns(t *testing.T, path string, columns ...string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	idx := make([]int, len(columns))
	for i, c := range columns {
		if idx[i] = slices.Index(rows[0], c); idx[i] < 0 {
			t.Fatalf("%s: no column %q", path, c)
		}
	}
	var out [][]string
	for _, r := range rows[1:] {
		vals := make([]string, len(idx))
		for i, j := range idx {
			vals[i] = strings.TrimSpace(r[j])
		}
		out = append(out, vals)
	}
	return out
}

// c40ListMembers builds one list's members as C40's homepage scraper would
// publish them: keyed by the name alone (the homepage gives no country or
// slug), in list order, duplicates kept. The place is the one the real
// matcher gives the name with the list's country as hint, from
// testdata/spells/c40_places.tsv (written by internal/pipeline's
// TestC40ListPlaces). The country is only that hint: the 2023 to 2026
// countries were added by the lists' researcher, not published by C40.
func c40ListMembers(t *testing.T, s c40Snapshot, places map[string]string) []citynets.Member {
	t.Helper()
	at, err := idTime(s.id)
	if err != nil {
		t.Fatal(err)
	}
	var out []citynets.Member
	for _, r := range readCSVColumns(t, sharedtest.Path(t, "sites/real/lists/"+s.file), s.column, "country") {
		id, ok := places[r[0]+"\t"+r[1]]
		if !ok {
			t.Fatalf("%q (%s) missing from c40_places.tsv: run go test ./internal/pipeline -run TestC40ListPlaces -update", r[0], r[1])
		}
		out = append(out, citynets.Member{
			Network: "c40", MemberKey: memberKey(r[0], ""), Name: r[0], MemberType: citynets.TypeCity,
			SourceURL: "https://www.c40.org/", SourceSHA256: s.id, FetchedAt: at,
			Match: citynets.Match{PlaceID: "geonames:" + id, Method: citynets.MatchExact, Score: 1},
		})
	}
	return out
}

// scenarioStep is what one snapshot of a scenario produced.
type scenarioStep struct {
	id      string
	members []citynets.Member
	changes []citynets.Change
}

// runScenario advances ids, changes and history through the lists as the
// pipeline's assemble does: AssignMemberIDs, Diff, UpdateHistory.
func runScenario(lists [][]citynets.Member, ids []string, ok map[string]bool) ([]scenarioStep, []citynets.HistoryEntry) {
	var steps []scenarioStep
	var history []citynets.HistoryEntry
	var prev scenarioStep
	for i, members := range lists {
		in := DiffInput{FromID: prev.id, ToID: ids[i], From: prev.members, To: members, FromOK: ok, ToOK: ok}
		AssignMemberIDs(in, history)
		step := scenarioStep{id: ids[i], members: members, changes: Diff(in)}
		history = UpdateHistory(history, ids[i], members, ok)
		steps = append(steps, step)
		prev = step
	}
	return steps, history
}

// TestSpellsC40Lists runs the four complete dated C40 lists (2019 → 2023
// → 2024-11 → 2026) through member ids, diff and history, checks what
// must hold, and keeps every change and spell in
// testdata/spells/c40_2019_2026.golden.tsv (-update rewrites it), where
// the cases without a single right answer (Dhaka's split and merge,
// Guadalajara listed twice in 2019) can be read; output/README.md states
// their rule.
func TestSpellsC40Lists(t *testing.T) {
	places := map[string]string{}
	for _, l := range readLines(t, filepath.Join("testdata", "spells", "c40_places.tsv")) {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[2] == "" {
			t.Fatalf("bad or unresolved line %q in c40_places.tsv", l)
		}
		places[f[0]+"\t"+f[1]] = f[2]
	}
	var lists [][]citynets.Member
	var ids []string
	for _, s := range c40Snapshots {
		lists = append(lists, c40ListMembers(t, s, places))
		ids = append(ids, s.id)
	}
	steps, history := runScenario(lists, ids, okFor("c40"))

	spells := map[string][]citynets.HistoryEntry{} // by member_id
	byName := map[string]string{}                  // latest name → member_id
	for _, h := range history {
		spells[h.MemberID] = append(spells[h.MemberID], h)
		byName[h.Name] = h.MemberID
	}
	for id, ss := range spells {
		if len(ss) != 1 {
			t.Errorf("%s has %d spells; no C40 member left and rejoined", id, len(ss))
		}
	}
	first, last := ids[0], ids[len(ids)-1]
	joinedLater := []string{"Ahmedabad", "Casablanca", "Dhaka South", "Ekurhuleni", "Fortaleza", "Freetown", "Miami", "Mumbai", "Phoenix"}
	for _, m := range lists[len(lists)-1] {
		h := spells[m.MemberID][0]
		if !slices.Contains(joinedLater, h.Name) && (h.FromSnapshot != first || h.ToSnapshot != last || !h.Present || h.SeenCount != 4) {
			t.Errorf("%s: spell %s; want one spell over all four lists", m.Name, hist(h))
		}
	}
	if got := spells[byName["Kolkata"]]; len(got) != 1 || got[0].FromSnapshot != ids[0] || got[0].ToSnapshot != ids[1] || got[0].Present {
		t.Errorf("Kolkata: %q; want one spell 2019 to 2023, ended before 2024-11", hists(got))
	}
	if got := spells[byName["Fortaleza"]]; len(got) != 1 || got[0].FromSnapshot != ids[2] || !got[0].Present {
		t.Errorf("Fortaleza: %q; want one spell from 2024-11, open", hists(got))
	}

	// Guadalajara is listed twice in 2019 (Mexico, then a wrong match in
	// Spain): one key, so one member; the first row counts.
	if got := spells["c40:guadalajara"]; len(got) != 1 || got[0].PlaceID != "geonames:4005539" || got[0].SeenCount != 4 {
		t.Errorf("Guadalajara: %q; want one spell at Guadalajara, Mexico, seen 4 times", hists(got))
	}
	for _, m := range lists[0] {
		if m.Name == "Guadalajara" && m.MemberID != "c40:guadalajara" {
			t.Errorf("2019 Guadalajara row has member_id %q; both rows are c40:guadalajara", m.MemberID)
		}
	}

	renames := map[string][]string{} // member_id → "old key → new key" per step
	for _, s := range steps {
		for _, c := range s.changes {
			if c.Change == citynets.Renamed {
				renames[c.MemberID] = append(renames[c.MemberID], c.OldMemberKey+" → "+c.NewMemberKey)
			}
		}
	}
	for _, tc := range []struct {
		latest string
		want   []string
	}{
		{"New York City", []string{"new york city, ny → new york city"}},
		{"Austin", []string{"austin, tx → austin"}},
		{"Tel Aviv – Yafo", []string{"tel aviv → tel aviv-yafo", "tel aviv-yafo → tel aviv – yafo"}},
		{"Dhaka (North & South)", []string{"dhaka → dhaka north", "dhaka north → dhaka (north & south)"}},
	} {
		id := byName[tc.latest]
		if want := NewMemberID("c40", tc.want[0][:strings.Index(tc.want[0], " → ")]); id != want {
			t.Errorf("%s: member_id %q, want %q (its key at first sight)", tc.latest, id, want)
		}
		if !slices.Equal(renames[id], tc.want) {
			t.Errorf("%s: renames %q, want %q", tc.latest, renames[id], tc.want)
		}
	}

	var b strings.Builder
	b.WriteString("# C40's dated lists 2019 → 2023 → 2024-11 → 2026 (shared/sites/real/lists) through\n")
	b.WriteString("# AssignMemberIDs, Diff and UpdateHistory; written by TestSpellsC40Lists -update.\n")
	b.WriteString("# changes: to_snapshot, change, member_id, old_member_key, new_member_key, old_name, new_name\n")
	for _, s := range steps[1:] {
		for _, c := range s.changes {
			fmt.Fprintf(&b, "change\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ToSnapshot, c.Change, c.MemberID, c.OldMemberKey, c.NewMemberKey, c.OldName, c.NewName)
		}
	}
	b.WriteString("# spells: member_id, member_key, name, place_id, from_date, to_date, present, seen_count\n")
	for _, h := range history {
		fmt.Fprintf(&b, "spell\t%s\t%s\t%s\t%s\t%s\t%s\t%v\t%d\n", h.MemberID, h.MemberKey, h.Name, h.PlaceID,
			h.From.Format(time.DateOnly), h.To.Format(time.DateOnly), h.Present, h.SeenCount)
	}
	checkGolden(t, filepath.Join("testdata", "spells", "c40_2019_2026.golden.tsv"), b.String())
}

// checkGolden compares got with the golden file, rewriting it with -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (check, then -update):\n%s", golden, got)
	}
}
