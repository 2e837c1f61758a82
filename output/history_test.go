package output

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
)

// hist renders a spell as
// network|member_id|member_key|name|place_id|from_snapshot|to_snapshot|present|seen.
// The dates are checked apart (TestHistoryDates): every id here is a
// short label, not a dated snapshot id.
func hist(h citynets.HistoryEntry) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%v|%d", h.Network, h.MemberID, h.MemberKey, h.Name, h.PlaceID,
		h.FromSnapshot, h.ToSnapshot, h.Present, h.SeenCount)
}

func hists(hs []citynets.HistoryEntry) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, hist(h))
	}
	return out
}

func carried(m citynets.Member, from string) citynets.Member {
	m.Stale, m.CarriedFrom = true, from
	return m
}

// TestUpdateHistory walks one history through a sequence of runs, each
// step starting from the previous step's result.
func TestUpdateHistory(t *testing.T) {
	london, paris, lagos := cityMember("c40", "London", "2643743"), cityMember("c40", "Paris", "2988507"), cityMember("c40", "Lagos", "2332459")
	seoul := cityMember("wmccc", "Seoul", "1835848")
	steps := []struct {
		name    string
		id      string
		members []citynets.Member
		ok      map[string]bool
		want    []string
	}{
		{
			name: "first run", id: "S1",
			members: []citynets.Member{paris, london, seoul, london},
			ok:      okFor("c40", "wmccc"),
			want: []string{
				"c40|c40:london|london|London|geonames:2643743|S1|S1|true|1",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|true|1",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S1|true|1",
			},
		},
		{
			name: "one leaves, one joins, a name and place change; wmccc skipped", id: "S2",
			members: []citynets.Member{
				with(london, func(m *citynets.Member) { m.Name, m.Match.PlaceID = "London ", "geonames:1" }),
				lagos,
			},
			ok: okFor("c40"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S2|true|1",
				"c40|c40:london|london|London |geonames:1|S1|S2|true|2",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S1|true|1",
			},
		},
		{
			name: "c40 fails: stale rows stay present without advancing", id: "S3",
			members: []citynets.Member{
				carried(with(london, func(m *citynets.Member) { m.Name = "Stale name" }), "S2"),
				carried(lagos, "S2"),
				seoul,
			},
			ok: okFor("wmccc"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S2|true|1",
				"c40|c40:london|london|London |geonames:1|S1|S2|true|2",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S3|true|2",
			},
		},
		{
			name: "paris rejoins: a second spell; wmccc passes with no rows", id: "S4",
			members: []citynets.Member{london, paris, lagos},
			ok:      okFor("c40", "wmccc"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S4|true|2",
				"c40|c40:london|london|London|geonames:2643743|S1|S4|true|3",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"c40|c40:paris|paris|Paris|geonames:2988507|S4|S4|true|1",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S3|false|2",
			},
		},
		{
			name: "a stale row unknown to the history was seen in its carried_from", id: "S5",
			members: []citynets.Member{london, paris, lagos, carried(cityMember("iclei", "Bonn", "2946447"), "S0"), cityMember("uclg", "Rabat", "")},
			ok:      okFor("c40"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S5|true|3",
				"c40|c40:london|london|London|geonames:2643743|S1|S5|true|4",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"c40|c40:paris|paris|Paris|geonames:2988507|S4|S5|true|2",
				"iclei|iclei:bonn|bonn|Bonn|geonames:2946447|S0|S0|true|1",
				"uclg|uclg:rabat|rabat|Rabat||S5|S5|true|1",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S3|false|2",
			},
		},
		{
			name: "c40 not run at all: its spells are kept as they were", id: "S6",
			members: []citynets.Member{cityMember("uclg", "Rabat", "")},
			ok:      okFor("uclg"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S5|true|3",
				"c40|c40:london|london|London|geonames:2643743|S1|S5|true|4",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"c40|c40:paris|paris|Paris|geonames:2988507|S4|S5|true|2",
				"iclei|iclei:bonn|bonn|Bonn|geonames:2946447|S0|S0|true|1",
				"uclg|uclg:rabat|rabat|Rabat||S5|S6|true|2",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S3|false|2",
			},
		},
		{
			name: "london renamed under its member_id: one spell, the latest key and name; paris leaves", id: "S7",
			members: []citynets.Member{
				with(london, func(m *citynets.Member) {
					m.MemberID, m.MemberKey, m.Name = "c40:london", "greater london", "Greater London"
				}),
				lagos,
			},
			ok: okFor("c40"),
			want: []string{
				"c40|c40:lagos|lagos|Lagos|geonames:2332459|S2|S7|true|4",
				"c40|c40:london|greater london|Greater London|geonames:2643743|S1|S7|true|5",
				"c40|c40:paris|paris|Paris|geonames:2988507|S1|S1|false|1",
				"c40|c40:paris|paris|Paris|geonames:2988507|S4|S5|false|2",
				"iclei|iclei:bonn|bonn|Bonn|geonames:2946447|S0|S0|true|1",
				"uclg|uclg:rabat|rabat|Rabat||S5|S6|true|2",
				"wmccc|wmccc:seoul|seoul|Seoul|geonames:1835848|S1|S3|false|2",
			},
		},
	}
	var h []citynets.HistoryEntry
	for _, st := range steps {
		h = UpdateHistory(h, st.id, st.members, st.ok)
		if got := hists(h); !slices.Equal(got, st.want) {
			t.Fatalf("%s: history =\n  %s\nwant\n  %s", st.name, strings.Join(got, "\n  "), strings.Join(st.want, "\n  "))
		}
	}
}

// TestHistoryDates: from_date and to_date are the UTC dates of the
// snapshot ids, and an id that does not start with a time gives null.
func TestHistoryDates(t *testing.T) {
	m := cityMember("c40", "Kolkata", "1275004")
	h := UpdateHistory(nil, "20230801T020000Z-abc", []citynets.Member{m}, okFor("c40"))
	h = UpdateHistory(h, "20241106T233000Z-def", []citynets.Member{m}, okFor("c40"))
	h = UpdateHistory(h, "20261127T020000Z-ghi", nil, okFor("c40"))
	if len(h) != 1 {
		t.Fatalf("%d spells, want 1", len(h))
	}
	got := h[0]
	if !got.From.Equal(day(2023, 8, 1)) || !got.To.Equal(day(2024, 11, 6)) || got.Present {
		t.Errorf("spell %s from %v to %v; want 2023-08-01 to 2024-11-06, closed", hist(got), got.From, got.To)
	}
	if h := UpdateHistory(nil, "S1", []citynets.Member{m}, okFor("c40")); !h[0].From.IsZero() {
		t.Errorf("undated id gave date %v", h[0].From)
	}
}

func TestUpdateHistoryLeavesParentAlone(t *testing.T) {
	parent := UpdateHistory(nil, "S1", []citynets.Member{cityMember("c40", "London", "1"), cityMember("c40", "Paris", "2")}, okFor("c40"))
	before := hists(parent)
	_ = UpdateHistory(parent, "S2", []citynets.Member{cityMember("c40", "London", "3")}, okFor("c40"))
	if after := hists(parent); !slices.Equal(before, after) {
		t.Errorf("parent changed:\n  %s\nwas\n  %s", strings.Join(after, "\n  "), strings.Join(before, "\n  "))
	}
}

func BenchmarkUpdateHistory(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			from, to := benchMembers(n, 1)
			ok := okFor(benchNetworks...)
			parent := UpdateHistory(nil, "S1", from, ok)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = UpdateHistory(parent, "S2", to, ok)
			}
		})
	}
}
