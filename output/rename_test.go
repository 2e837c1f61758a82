package output

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets"
)

// referencePairRenames is pairRenames as it was before it was indexed:
// every vanished key of a place scored against every new key there. It is
// the rule the indexed version must reproduce on groups no larger than
// renameIndexCap; it is quadratic per place and kept here only as the
// reference.
func referencePairRenames(from, to []citynets.Member, gone, news []int32) []citynets.Change {
	type group struct{ gone, news []int32 }
	groups := map[memberID]*group{}
	var out []citynets.Change
	for _, i := range gone {
		a := &from[i]
		if a.Match.PlaceID == "" {
			out = append(out, leftChange(a))
			continue
		}
		k := memberID{a.Network, a.Match.PlaceID}
		if groups[k] == nil {
			groups[k] = &group{}
		}
		groups[k].gone = append(groups[k].gone, i)
	}
	for _, i := range news {
		b := &to[i]
		g := groups[memberID{b.Network, b.Match.PlaceID}]
		if b.Match.PlaceID == "" || g == nil {
			out = append(out, joinedChange(b))
			continue
		}
		g.news = append(g.news, i)
	}
	for _, g := range groups {
		usedG := make([]bool, len(g.gone))
		usedN := make([]bool, len(g.news))
		type pair struct {
			gi, ni int
			score  float64
		}
		var pairs []pair
		if len(g.gone) == 1 && len(g.news) == 1 {
			pairs = append(pairs, pair{0, 0, 1})
		} else if len(g.news) > 0 {
			for gi, i := range g.gone {
				for ni, j := range g.news {
					if s := nameSimilarity(from[i].Name, to[j].Name); s >= renameThreshold {
						pairs = append(pairs, pair{gi, ni, s})
					}
				}
			}
			slices.SortStableFunc(pairs, func(x, y pair) int {
				return cmp.Compare(y.score, x.score)
			})
		}
		for _, p := range pairs {
			if usedG[p.gi] || usedN[p.ni] {
				continue
			}
			usedG[p.gi], usedN[p.ni] = true, true
			out = append(out, renamedChange(memberDiff, &from[g.gone[p.gi]], &to[g.news[p.ni]]))
		}
		for gi, i := range g.gone {
			if !usedG[gi] {
				out = append(out, leftChange(&from[i]))
			}
		}
		for ni, j := range g.news {
			if !usedN[ni] {
				out = append(out, joinedChange(&to[j]))
			}
		}
	}
	return out
}

// renameWords are the tokens random names are made of: few enough that
// names share tokens and bigrams often, so scores tie and overlap.
var renameWords = []string{
	"san", "santa", "sant", "new", "york", "city", "delhi", "nct", "north", "south",
	"ana", "an", "de", "la", "x", "y", "São", "Sao", "d.c.", "dc", "1", "12", "O'Hara", "ohara",
}

func randomName(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	name := ""
	for i := range n {
		if i > 0 {
			name += []string{" ", "-", " (", ", "}[r.IntN(4)]
		}
		name += renameWords[r.IntN(len(renameWords))]
	}
	return name
}

// randomRenameCase builds vanished and new rows over two networks and
// three places (and unresolved rows), keys unique per side.
func randomRenameCase(r *rand.Rand) (from, to []citynets.Member, gone, news []int32) {
	places := []string{"1", "2", "3", ""}
	nets := []string{"a", "b"}
	mk := func(side string, i int) citynets.Member {
		m := cityMember(nets[r.IntN(len(nets))], randomName(r), places[r.IntN(len(places))])
		m.MemberKey = fmt.Sprintf("%s%03d", side, i)
		return m
	}
	for i := range r.IntN(14) {
		from = append(from, mk("g", i))
		gone = append(gone, int32(i))
	}
	for i := range r.IntN(14) {
		to = append(to, mk("n", i))
		news = append(news, int32(i))
	}
	return from, to, gone, news
}

// TestPairRenamesMatchesReference checks, on many random small inputs,
// that indexed pairing yields exactly the changes of the all-pairs rule.
func TestPairRenamesMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	for n := range 5000 {
		from, to, gone, news := randomRenameCase(r)
		want := briefs(referencePairRenames(from, to, gone, news))
		got := briefs(pairRenames(from, to, gone, news))
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: from %v\nto %v\ngot  %q\nwant %q", n, names(from), names(to), got, want)
		}
	}
}

func names(ms []citynets.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Network+"/"+m.Match.PlaceID+"/"+m.Name)
	}
	return out
}

// renamesOnePlace is the night every member at one place was renamed:
// n wards of one city whose keys all changed.
func renamesOnePlace(n int) (from, to []citynets.Member) {
	zones := []string{"North", "South", "East", "West"}
	for i := range n {
		from = append(from, cityMember("uclg", fmt.Sprintf("Ward %d", i+1), "1275339"))
		to = append(to, cityMember("uclg", fmt.Sprintf("Ward No. %d (%s Zone)", i+1, zones[i%4]), "1275339"))
	}
	return from, to
}

// TestDiffRenamesOnePlace checks that a large group at one place still
// pairs each old name with its own new one.
func TestDiffRenamesOnePlace(t *testing.T) {
	from, to := renamesOnePlace(500)
	changes := Diff(DiffInput{From: from, To: to, FromOK: okFor("uclg"), ToOK: okFor("uclg")})
	if len(changes) != 500 {
		t.Fatalf("%d changes, want 500", len(changes))
	}
	for _, c := range changes {
		var n int
		if _, err := fmt.Sscanf(c.OldName, "Ward %d", &n); err != nil || c.Change != citynets.Renamed {
			t.Fatalf("%s: %v", brief(c), err)
		}
		if want := fmt.Sprintf("Ward No. %d (", n); !strings.HasPrefix(c.NewName, want) {
			t.Errorf("%q paired with %q", c.OldName, c.NewName)
		}
	}
}

// BenchmarkDiffRenamesOnePlace diffs 6,000 members of one place renamed
// overnight (target: under 1 s).
func BenchmarkDiffRenamesOnePlace(b *testing.B) {
	from, to := renamesOnePlace(6000)
	in := DiffInput{From: from, To: to, FromOK: okFor("uclg"), ToOK: okFor("uclg")}
	b.ReportAllocs()
	var renamed int
	for b.Loop() {
		renamed = 0
		for _, c := range Diff(in) {
			if c.Change == citynets.Renamed {
				renamed++
			}
		}
	}
	b.ReportMetric(float64(renamed), "renamed")
}
