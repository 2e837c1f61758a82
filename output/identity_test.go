package output

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
)

// ids lists the member_id of each row.
func ids(ms []citynets.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.MemberID)
	}
	return out
}

// withID returns m with member_id id, as read back from a snapshot.
func withID(m citynets.Member, id string) citynets.Member {
	m.MemberID = id
	return m
}

// TestAssignMemberIDs covers each rule of AssignMemberIDs with a parent
// (members and history) and this run's members.
func TestAssignMemberIDs(t *testing.T) {
	london := withID(cityMember("c40", "London", "2643743"), "c40:london")
	paris := withID(cityMember("c40", "Paris", "2988507"), "c40:paris")
	page := func(m citynets.Member, u string) citynets.Member {
		m.Attributes = map[string]string{"page": u}
		return m
	}
	tests := []struct {
		name    string
		parent  []citynets.Member
		history []citynets.HistoryEntry
		to      []citynets.Member
		ok      map[string]bool
		want    []string
	}{
		{
			name: "same key keeps the parent's id", parent: []citynets.Member{london, paris},
			to: []citynets.Member{cityMember("c40", "Paris", "2988507"), cityMember("c40", "London", "2643743")},
			ok: okFor("c40"), want: []string{"c40:paris", "c40:london"},
		},
		{
			name: "a new member: network and key at first sight", parent: []citynets.Member{london},
			to: []citynets.Member{cityMember("c40", "London", "2643743"), cityMember("c40", "Lagos", "2332459")},
			ok: okFor("c40"), want: []string{"c40:london", "c40:lagos"},
		},
		{
			name: "a rename at the same place keeps the id", parent: []citynets.Member{london, paris},
			to: []citynets.Member{cityMember("c40", "London, UK", "2643743"), cityMember("c40", "Paris", "2988507")},
			ok: okFor("c40"), want: []string{"c40:london", "c40:paris"},
		},
		{
			name:   "the same detail page pairs members no place resolves",
			parent: []citynets.Member{page(withID(cityMember("c40", "Tshwane", ""), "c40:tshwane"), "https://www.c40.org/cities/tshwane/")},
			to:     []citynets.Member{page(cityMember("c40", "City of Tshwane", ""), "https://www.c40.org/cities/tshwane/?ref=x")},
			ok:     okFor("c40"), want: []string{"c40:tshwane"},
		},
		{
			name:    "a rejoin under the key it left with takes the old id",
			parent:  []citynets.Member{london},
			history: []citynets.HistoryEntry{{Network: "c40", MemberID: "c40:paris-old", MemberKey: "paris", ToSnapshot: "S1"}},
			to:      []citynets.Member{cityMember("c40", "London", "2643743"), cityMember("c40", "Paris", "2988507")},
			ok:      okFor("c40"), want: []string{"c40:london", "c40:paris-old"},
		},
		{
			name: "a key renamed away and reused by another member gets a suffix",
			parent: []citynets.Member{
				withID(with(cityMember("uclg", "Greater Dhaka", "1"), func(m *citynets.Member) {}), "uclg:dhaka"),
			},
			history: []citynets.HistoryEntry{{Network: "uclg", MemberID: "uclg:dhaka", MemberKey: "greater dhaka", Present: true}},
			to:      []citynets.Member{cityMember("uclg", "Greater Dhaka", "1"), cityMember("uclg", "Dhaka", "2")},
			ok:      okFor("uclg"), want: []string{"uclg:dhaka", "uclg:dhaka~2"},
		},
		{
			name:   "a failed network's carried rows keep their ids; nothing is paired there",
			parent: []citynets.Member{london},
			to:     []citynets.Member{carried(london, "S1"), carried(withID(cityMember("c40", "Lima", "1"), "c40:lima"), "S0")},
			ok:     okFor(), want: []string{"c40:london", "c40:lima"},
		},
		{
			name: "a key listed twice is one member",
			to:   []citynets.Member{cityMember("c40", "Guadalajara", "4005539"), cityMember("c40", "Guadalajara", "3121070")},
			ok:   okFor("c40"), want: []string{"c40:guadalajara", "c40:guadalajara"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			to := slices.Clone(tc.to)
			AssignMemberIDs(DiffInput{From: tc.parent, To: to, FromOK: tc.ok, ToOK: tc.ok}, tc.history)
			if got := ids(to); !slices.Equal(got, tc.want) {
				t.Errorf("ids %q, want %q", got, tc.want)
			}
		})
	}
}

// TestUCLGRenameKeepsMemberID: UCLG keys are built from the published name
// and country, so "Surabaya" → "Kota Surabaya" is a new key. It is one
// renamed change carrying both keys, and the member keeps its member_id and
// its spell's start (first seen).
func TestUCLGRenameKeepsMemberID(t *testing.T) {
	uclg := func(name string) citynets.Member {
		m := cityMember("uclg", name, "1625822")
		m.CountryPublished, m.MemberKey = "Indonesia", memberKey(name, "Indonesia")
		return m
	}
	lists := [][]citynets.Member{
		{uclg("Surabaya"), uclg("Bandung")},
		{uclg("Surabaya"), uclg("Bandung")},
		{uclg("Kota Surabaya"), uclg("Bandung")},
	}
	lists[0][1].Match.PlaceID, lists[1][1].Match.PlaceID, lists[2][1].Match.PlaceID = "geonames:1650357", "geonames:1650357", "geonames:1650357"
	steps, history := runScenario(lists, []string{"20240101T020000Z-aaa", "20250101T020000Z-bbb", "20260101T020000Z-ccc"}, okFor("uclg"))

	var got []string
	for _, c := range steps[2].changes {
		got = append(got, strings.Join([]string{c.Change, c.MemberID, c.OldMemberKey, c.NewMemberKey, c.OldName, c.NewName}, "|"))
	}
	want := []string{"renamed|uclg:surabaya|indonesia|surabaya|indonesia|kota surabaya|indonesia|Surabaya|Kota Surabaya"}
	if !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	wantHist := []string{
		"uclg|uclg:bandung|indonesia|bandung|indonesia|Bandung|geonames:1650357|20240101T020000Z-aaa|20260101T020000Z-ccc|true|3",
		"uclg|uclg:surabaya|indonesia|kota surabaya|indonesia|Kota Surabaya|geonames:1625822|20240101T020000Z-aaa|20260101T020000Z-ccc|true|3",
	}
	if got := hists(history); !slices.Equal(got, wantHist) {
		t.Errorf("history\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(wantHist, "\n  "))
	}
}

// legacyHistoryColumns are the history columns as written before member
// ids and spells (schema version 1).
func legacyHistoryColumns() []column[citynets.HistoryEntry] {
	type H = citynets.HistoryEntry
	return []column[H]{
		stringCol("network", false, func(h *H) *string { return &h.Network }, nil),
		stringCol("member_key", false, func(h *H) *string { return &h.MemberKey }, nil),
		stringCol("place_id", true, func(h *H) *string { return &h.PlaceID }, nil),
		stringCol("name", false, func(h *H) *string { return &h.Name }, nil),
		stringCol("first_seen", false, func(h *H) *string { return &h.FromSnapshot }, nil),
		stringCol("last_seen", false, func(h *H) *string { return &h.ToSnapshot }, nil),
		boolCol("present", func(h *H) *bool { return &h.Present }),
		int64Col("seen_count", func(h *H) *int64 { return &h.SeenCount }, nil),
	}
}

// TestReadLegacyHistory: a history file written before spells reads as
// one spell per row, with member_id and dates derived, and the next run
// continues those spells.
func TestReadLegacyHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), HistoryParquet)
	old := []citynets.HistoryEntry{
		{Network: "c40", MemberKey: "london", Name: "London", PlaceID: "geonames:2643743",
			FromSnapshot: "20190601T020000Z-aaa", ToSnapshot: "20231101T020000Z-bbb", Present: true, SeenCount: 9},
		{Network: "c40", MemberKey: "caracas", Name: "Caracas",
			FromSnapshot: "20190601T020000Z-aaa", ToSnapshot: "20200101T020000Z-ccc", SeenCount: 2},
	}
	writeLegacy(t, path, legacyHistoryColumns(), old)
	got, err := ReadHistory(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].MemberID != "c40:london" || !got[0].From.Equal(day(2019, 6, 1)) || !got[0].To.Equal(day(2023, 11, 1)) ||
		got[1].MemberID != "c40:caracas" || !got[1].To.Equal(day(2020, 1, 1)) {
		t.Errorf("derived spells %q, dates %v %v", hists(got), got[0].From, got[0].To)
	}
	next := UpdateHistory(got, "20231102T020000Z-ddd", []citynets.Member{cityMember("c40", "London", "2643743"), cityMember("c40", "Caracas", "3646738")}, okFor("c40"))
	want := []string{
		"c40|c40:caracas|caracas|Caracas||20190601T020000Z-aaa|20200101T020000Z-ccc|false|2",
		"c40|c40:caracas|caracas|Caracas|geonames:3646738|20231102T020000Z-ddd|20231102T020000Z-ddd|true|1",
		"c40|c40:london|london|London|geonames:2643743|20190601T020000Z-aaa|20231102T020000Z-ddd|true|10",
	}
	if got := hists(next); !slices.Equal(got, want) {
		t.Errorf("next history\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// writeLegacy writes rows with the columns of schema version 1, labelled
// as such: only a file of a legacy version may lack columns.
func writeLegacy[T any](t *testing.T, path string, cols []column[T], rows []T) {
	t.Helper()
	if err := writeParquetFile(context.Background(), path, "history", "20231101T020000Z-bbb", cols, rows); err != nil {
		t.Fatal(err)
	}
	setSchemaVersion(t, path, "1")
}
