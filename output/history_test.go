package output

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
)

// hist renders an entry as network|member_key|name|place_id|first|last|present|seen.
func hist(h citynets.HistoryEntry) string {
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s|%v|%d", h.Network, h.MemberKey, h.Name, h.PlaceID,
		h.FirstSeen, h.LastSeen, h.Present, h.SeenCount)
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
				"c40|london|London|geonames:2643743|S1|S1|true|1",
				"c40|paris|Paris|geonames:2988507|S1|S1|true|1",
				"wmccc|seoul|Seoul|geonames:1835848|S1|S1|true|1",
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
				"c40|lagos|Lagos|geonames:2332459|S2|S2|true|1",
				"c40|london|London |geonames:1|S1|S2|true|2",
				"c40|paris|Paris|geonames:2988507|S1|S1|false|1",
				"wmccc|seoul|Seoul|geonames:1835848|S1|S1|true|1",
			},
		},
		{
			name: "c40 fails: stale rows stay present without advancing", id: "S3",
			members: []citynets.Member{
				carried(with(london, func(m *citynets.Member) { m.Name = "Stale name" }), "S2"),
				carried(lagos, "S2"),
				carried(paris, "S1"), // carried from older than the history knows: present, as in members
				seoul,
			},
			ok: okFor("wmccc"),
			want: []string{
				"c40|lagos|Lagos|geonames:2332459|S2|S2|true|1",
				"c40|london|London |geonames:1|S1|S2|true|2",
				"c40|paris|Paris|geonames:2988507|S1|S1|true|1",
				"wmccc|seoul|Seoul|geonames:1835848|S1|S3|true|2",
			},
		},
		{
			name: "paris rejoins and keeps first_seen; wmccc passes with no rows", id: "S4",
			members: []citynets.Member{london, paris, lagos},
			ok:      okFor("c40", "wmccc"),
			want: []string{
				"c40|lagos|Lagos|geonames:2332459|S2|S4|true|2",
				"c40|london|London|geonames:2643743|S1|S4|true|3",
				"c40|paris|Paris|geonames:2988507|S1|S4|true|2",
				"wmccc|seoul|Seoul|geonames:1835848|S1|S3|false|2",
			},
		},
		{
			name: "a stale row unknown to the history was seen in its carried_from", id: "S5",
			members: []citynets.Member{london, paris, lagos, carried(cityMember("iclei", "Bonn", "2946447"), "S0"), cityMember("uclg", "Rabat", "")},
			ok:      okFor("c40"),
			want: []string{
				"c40|lagos|Lagos|geonames:2332459|S2|S5|true|3",
				"c40|london|London|geonames:2643743|S1|S5|true|4",
				"c40|paris|Paris|geonames:2988507|S1|S5|true|3",
				"iclei|bonn|Bonn|geonames:2946447|S0|S0|true|1",
				"uclg|rabat|Rabat||S5|S5|true|1",
				"wmccc|seoul|Seoul|geonames:1835848|S1|S3|false|2",
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
