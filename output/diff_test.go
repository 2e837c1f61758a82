package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	day1 = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	day2 = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
)

// cityMember builds a resolved member of network net, keyed by its name.
func cityMember(net, name, place string) citynets.Member {
	m := citynets.Member{
		Network: net, MemberKey: memberKey(name, ""), Name: name,
		MemberType: citynets.TypeCity, SourceURL: "https://example.org/" + net + "/members",
		SourceSHA256: "aaaa", FetchedAt: day1,
	}
	if place != "" {
		m.Match = citynets.Match{
			PlaceID: "geonames:" + place, PlaceName: name, CountryCode: "XX",
			Latitude: 1.5, Longitude: 2.5, Population: 1000, Method: citynets.MatchExact, Score: 1,
		}
	} else {
		m.Match.Method = citynets.MatchNone
	}
	return m
}

func with(m citynets.Member, f func(*citynets.Member)) citynets.Member {
	f(&m)
	return m
}

// brief renders a change as one comparable line:
// network|change|cause|member_key|changed_fields|old_name|new_name|place_id.
func brief(c citynets.Change) string {
	return strings.Join([]string{c.Network, c.Change, c.Cause, c.MemberKey,
		strings.Join(c.ChangedFields, ","), c.OldName, c.NewName, c.PlaceID}, "|")
}

func briefs(cs []citynets.Change) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, brief(c))
	}
	return out
}

func okFor(nets ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range nets {
		m[n] = true
	}
	return m
}

func TestDiff(t *testing.T) {
	london, paris := cityMember("c40", "London", "2643743"), cityMember("c40", "Paris", "2988507")
	seoul := cityMember("wmccc", "Seoul", "1835848")
	base := []citynets.Member{london, paris, seoul}
	both := okFor("c40", "wmccc")

	tests := []struct {
		name     string
		from, to []citynets.Member
		fromOK   map[string]bool
		toOK     map[string]bool
		want     []string
	}{
		{name: "same snapshot", from: base, to: base, want: []string{}},
		{
			name: "volatile fields only",
			from: base,
			to: []citynets.Member{
				with(london, func(m *citynets.Member) {
					m.FetchedAt, m.SourceSHA256 = day2, "bbbb"
					m.SourceURL += "?page=2&_=1764208800#list"
				}),
				with(paris, func(m *citynets.Member) { m.Stale, m.CarriedFrom = true, "20261120T020000Z-abc" }),
				seoul,
			},
			want: []string{},
		},
		{
			name: "derived fields only are processing",
			from: base,
			to: []citynets.Member{
				with(london, func(m *citynets.Member) {
					m.Match.PlaceName, m.Match.Latitude, m.Match.Score = "City of London", 51.5, 0.9
				}),
				with(paris, func(m *citynets.Member) {
					m.Match.PlaceID, m.Match.Admin1Code, m.Match.Method = "geonames:6455259", "11", citynets.MatchAlias
				}),
				seoul,
			},
			want: []string{
				"c40|modified|processing|london|place_name,latitude,match_score|London|London|geonames:2643743",
				"c40|modified|processing|paris|place_id,admin1_code,match_method|Paris|Paris|geonames:6455259",
			},
		},
		{
			name: "published fields are source, in column order",
			from: []citynets.Member{with(london, func(m *citynets.Member) {
				m.Attributes = map[string]string{"tier": "megacity", "mayor": "A"}
			}), paris, seoul},
			to: []citynets.Member{
				with(london, func(m *citynets.Member) {
					m.CountryPublished, m.NetworkRegion = "United Kingdom", "Europe"
					m.MemberSince = time.Date(2005, 10, 1, 0, 0, 0, 0, time.UTC)
					m.Attributes = map[string]string{"tier": "megacity", "mayor": "B", "status": "active"}
					m.Match.Score = 0.5
				}),
				with(paris, func(m *citynets.Member) { m.SourceURL = "https://example.org/c40/paris" }),
				with(seoul, func(m *citynets.Member) { m.MemberType = citynets.TypeRegion }),
			},
			want: []string{
				"c40|modified|source|london|country_published,member_since,network_region,attributes.mayor,attributes.status,match_score|London|London|geonames:2643743",
				"c40|modified|source|paris|source_url|Paris|Paris|geonames:2988507",
				"wmccc|modified|source|seoul|member_type|Seoul|Seoul|geonames:1835848",
			},
		},
		{
			name: "attributes removed and nil against empty",
			from: []citynets.Member{with(london, func(m *citynets.Member) { m.Attributes = map[string]string{"mayor": "A"} }),
				with(paris, func(m *citynets.Member) { m.Attributes = map[string]string{} })},
			to:   []citynets.Member{london, paris},
			toOK: okFor("c40"),
			want: []string{"c40|modified|source|london|attributes.mayor|London|London|geonames:2643743"},
		},
		{
			name: "unresolved members ignore stray place values",
			from: []citynets.Member{cityMember("c40", "Atlantis", "")},
			to:   []citynets.Member{with(cityMember("c40", "Atlantis", ""), func(m *citynets.Member) { m.Match.Latitude = 9 })},
			toOK: okFor("c40"),
			want: []string{},
		},
		{
			name: "resolved to unresolved nulls every place column",
			from: []citynets.Member{london},
			to:   []citynets.Member{cityMember("c40", "London", "")},
			toOK: okFor("c40"),
			want: []string{"c40|modified|processing|london|place_id,place_name,country_code,admin1_code,admin1_name,latitude,longitude,population,match_method,match_score|London|London|"},
		},
		{
			name: "joined and left when the network passed",
			from: base,
			to:   []citynets.Member{paris, cityMember("c40", "Lagos", "2332459"), seoul},
			want: []string{
				"c40|joined|source|lagos|||Lagos|geonames:2332459",
				"c40|left|source|london||London||geonames:2643743",
			},
		},
		{
			name:   "failed network yields no changes",
			from:   base,
			to:     []citynets.Member{with(paris, func(m *citynets.Member) { m.Stale, m.Name = true, "Paris!" }), cityMember("c40", "Lagos", "2332459"), seoul},
			toOK:   okFor("wmccc"),
			fromOK: both,
			want:   []string{},
		},
		{
			name: "skipped network absent from the newer snapshot yields no changes",
			from: base,
			to:   []citynets.Member{with(seoul, func(m *citynets.Member) { m.Name = "Seoul Metropolitan Government" })},
			toOK: okFor("wmccc"),
			want: []string{"wmccc|modified|source|seoul|name|Seoul|Seoul Metropolitan Government|geonames:1835848"},
		},
		{
			name: "a passing network with no rows left entirely",
			from: base,
			to:   []citynets.Member{paris},
			toOK: okFor("c40", "wmccc"),
			want: []string{
				"c40|left|source|london||London||geonames:2643743",
				"wmccc|left|source|seoul||Seoul||geonames:1835848",
			},
		},
		{
			name:   "network failed in the parent is compared with its stale rows",
			from:   []citynets.Member{with(london, func(m *citynets.Member) { m.Stale = true })},
			to:     []citynets.Member{london, paris},
			fromOK: okFor(),
			toOK:   okFor("c40"),
			want:   []string{"c40|joined|source|paris|||Paris|geonames:2988507"},
		},
		{
			name: "renamed: similar names at the same place",
			from: []citynets.Member{cityMember("c40", "Tel Aviv", "293397"), london},
			to:   []citynets.Member{cityMember("c40", "Tel Aviv – Yafo", "293397"), london},
			toOK: okFor("c40"),
			want: []string{"c40|renamed|source|tel aviv – yafo|member_key,name,place_name|Tel Aviv|Tel Aviv – Yafo|geonames:293397"},
		},
		{
			name: "renamed: the only candidates at a place, names unalike",
			from: []citynets.Member{cityMember("c40", "Bombay", "1275339")},
			to:   []citynets.Member{cityMember("c40", "Mumbai", "1275339")},
			toOK: okFor("c40"),
			want: []string{"c40|renamed|source|mumbai|member_key,name,place_name|Bombay|Mumbai|geonames:1275339"},
		},
		{
			name: "renamed keeps other differences in changed_fields",
			from: []citynets.Member{cityMember("c40", "Washington D.C.", "4140963")},
			to: []citynets.Member{with(cityMember("c40", "Washington, DC", "4140963"), func(m *citynets.Member) {
				m.NetworkRegion = "North America"
				m.Match.PlaceName = "Washington D.C."
			})},
			toOK: okFor("c40"),
			want: []string{"c40|renamed|source|washington, dc|member_key,name,network_region|Washington D.C.|Washington, DC|geonames:4140963"},
		},
		{
			name: "not renamed: different places",
			from: []citynets.Member{cityMember("c40", "Moscow", "524901")},
			to:   []citynets.Member{cityMember("c40", "Moscow Oblast", "524894")},
			toOK: okFor("c40"),
			want: []string{
				"c40|joined|source|moscow oblast|||Moscow Oblast|geonames:524894",
				"c40|left|source|moscow||Moscow||geonames:524901",
			},
		},
		{
			name: "not renamed: unresolved",
			from: []citynets.Member{cityMember("c40", "Atlantis", "")},
			to:   []citynets.Member{cityMember("c40", "Atlantis City", "")},
			toOK: okFor("c40"),
			want: []string{
				"c40|joined|source|atlantis city|||Atlantis City|",
				"c40|left|source|atlantis||Atlantis||",
			},
		},
		{
			name: "not renamed: different networks",
			from: []citynets.Member{cityMember("c40", "Seoul", "1835848")},
			to:   []citynets.Member{cityMember("wmccc", "Seoul", "1835848")},
			toOK: both,
			want: []string{
				"c40|left|source|seoul||Seoul||geonames:1835848",
				"wmccc|joined|source|seoul|||Seoul|geonames:1835848",
			},
		},
		{
			name: "greedy pairing takes the most similar name",
			from: []citynets.Member{cityMember("c40", "Jaffa", "293397"), cityMember("c40", "Tel Aviv", "293397")},
			to:   []citynets.Member{cityMember("c40", "Tel Aviv – Yafo", "293397")},
			toOK: okFor("c40"),
			want: []string{
				"c40|left|source|jaffa||Jaffa||geonames:293397",
				"c40|renamed|source|tel aviv – yafo|member_key,name,place_name|Tel Aviv|Tel Aviv – Yafo|geonames:293397",
			},
		},
		{
			name: "greedy pairing two by two",
			from: []citynets.Member{cityMember("c40", "Dhaka North", "1185241"), cityMember("c40", "Dhaka South", "1185241")},
			to:   []citynets.Member{cityMember("c40", "Dhaka South City", "1185241"), cityMember("c40", "Dhaka North City", "1185241")},
			toOK: okFor("c40"),
			want: []string{
				"c40|renamed|source|dhaka north city|member_key,name,place_name|Dhaka North|Dhaka North City|geonames:1185241",
				"c40|renamed|source|dhaka south city|member_key,name,place_name|Dhaka South|Dhaka South City|geonames:1185241",
			},
		},
		{
			name: "unalike names among several candidates are not paired",
			from: []citynets.Member{cityMember("c40", "Bombay", "1275339"), cityMember("c40", "Thane", "1275339")},
			to:   []citynets.Member{cityMember("c40", "Mumbai", "1275339")},
			toOK: okFor("c40"),
			want: []string{
				"c40|joined|source|mumbai|||Mumbai|geonames:1275339",
				"c40|left|source|bombay||Bombay||geonames:1275339",
				"c40|left|source|thane||Thane||geonames:1275339",
			},
		},
		{
			name: "repeated rows count once",
			from: []citynets.Member{london, with(london, func(m *citynets.Member) { m.Name = "ignored" })},
			to:   []citynets.Member{london, london, paris, paris},
			toOK: okFor("c40"),
			want: []string{"c40|joined|source|paris|||Paris|geonames:2988507"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toOK := tt.toOK
			if toOK == nil {
				toOK = both
			}
			in := DiffInput{FromID: "A", ToID: "B", From: tt.from, To: tt.to, FromOK: tt.fromOK, ToOK: toOK}
			got := Diff(in)
			if g := briefs(got); !slices.Equal(g, tt.want) {
				t.Errorf("Diff =\n  %s\nwant\n  %s", strings.Join(g, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for _, c := range got {
				if c.FromSnapshot != "A" || c.ToSnapshot != "B" {
					t.Errorf("snapshots = %q, %q; want A, B", c.FromSnapshot, c.ToSnapshot)
				}
			}
		})
	}
}

func TestDiffIsDeterministic(t *testing.T) {
	from, to := benchMembers(2000, 1)
	in := DiffInput{From: from, To: to, ToOK: okFor(benchNetworks...)}
	want := briefs(Diff(in))
	if len(want) == 0 {
		t.Fatal("no changes in the benchmark data")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		f, g := slices.Clone(from), slices.Clone(to)
		r.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i] })
		r.Shuffle(len(g), func(i, j int) { g[i], g[j] = g[j], g[i] })
		got := briefs(Diff(DiffInput{From: f, To: g, ToOK: in.ToOK}))
		if !slices.Equal(got, want) {
			t.Fatalf("shuffled input changed the diff: %d rows against %d", len(got), len(want))
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	tests := []struct {
		a, b    string
		similar bool
	}{
		{"Washington D.C.", "Washington, DC", true},
		{"Tel Aviv", "Tel Aviv – Yafo", true},
		{"Dhaka", "Dhaka (North & South)", true},
		{"Durban", "Durban (eThekwini)", true},
		{"New Delhi", "Delhi NCT", true},
		{"Montreal", "Montréal", true},
		{"SÃO PAULO", "São Paulo", true},
		{"Bogota", "Bogotá D.C.", true},
		{"Bombay", "Mumbai", false},
		{"Thane", "Mumbai", false},
		{"Caracas", "Casablanca", false},
		{"", "Lima", false},
	}
	for _, tt := range tests {
		s := nameSimilarity(tt.a, tt.b)
		if (s >= renameThreshold) != tt.similar {
			t.Errorf("nameSimilarity(%q, %q) = %.2f; similar want %v", tt.a, tt.b, s, tt.similar)
		}
		if r := nameSimilarity(tt.b, tt.a); r != s {
			t.Errorf("nameSimilarity not symmetric for %q, %q: %.2f, %.2f", tt.a, tt.b, s, r)
		}
	}
}

func TestSummarize(t *testing.T) {
	london, paris, lagos := cityMember("c40", "London", "2643743"), cityMember("c40", "Paris", "2988507"), cityMember("c40", "Lagos", "2332459")
	seoul := cityMember("wmccc", "Seoul", "1835848")
	in := DiffInput{
		From:   []citynets.Member{london, paris, seoul},
		To:     []citynets.Member{with(london, func(m *citynets.Member) { m.Match.Score = 0.7 }), lagos, lagos, with(seoul, func(m *citynets.Member) { m.Stale = true })},
		FromOK: okFor("c40", "wmccc"),
		ToOK:   okFor("c40"),
	}
	got := Summarize(in, Diff(in), map[string]string{"c40": "ok", "wmccc": "ok"},
		map[string]string{"c40": "ok", "wmccc": "failed", "iclei": "skipped"})
	want := []Summary{
		{Network: "c40", Joined: 1, Left: 1, Modified: 1, Unchanged: 0, FromStatus: "ok", ToStatus: "ok"},
		{Network: "iclei", ToStatus: "skipped"},
		{Network: "wmccc", FromStatus: "ok", ToStatus: "failed"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Summarize =\n  %+v\nwant\n  %+v", got, want)
	}
	in.To = append(in.To, paris)
	got = Summarize(in, Diff(in), nil, nil)
	if got[0].Unchanged != 1 || got[0].Left != 0 {
		t.Errorf("c40 with Paris back = %+v; want 1 unchanged, 0 left", got[0])
	}
	b, err := json.Marshal(got[0])
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"network":"c40","joined":1,"left":0,"renamed":0,"modified":1,"unchanged":1,"from_status":"","to_status":""}`
	if string(b) != wantJSON {
		t.Errorf("JSON = %s; want %s", b, wantJSON)
	}
}

// readLines returns a fixture's lines, without comments (#) and blanks.
func readLines(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// c40Members builds the members of one C40 list as a name-keyed scraper
// would publish them, resolved through the hand table of places.
func c40Members(t *testing.T, names []string, places map[string]string, fetched time.Time, query string) []citynets.Member {
	t.Helper()
	var out []citynets.Member
	for _, n := range names {
		id, ok := places[n]
		if !ok {
			t.Fatalf("%q missing from c40_places.tsv", n)
		}
		out = append(out, citynets.Member{
			Network: "c40", MemberKey: memberKey(n, ""), Name: n, MemberType: citynets.TypeCity,
			SourceURL: "https://www.c40.org/" + query, SourceSHA256: fetched.Format(time.RFC3339), FetchedAt: fetched,
			Match: citynets.Match{PlaceID: "geonames:" + id, Method: citynets.MatchExact, Score: 1},
		})
	}
	return out
}

// goldenChange is a Change as the changes table spells its columns.
type goldenChange struct {
	Network       string   `json:"network"`
	MemberID      string   `json:"member_id"`
	MemberKey     string   `json:"member_key"`
	OldMemberKey  string   `json:"old_member_key"`
	NewMemberKey  string   `json:"new_member_key"`
	Change        string   `json:"change"`
	Cause         string   `json:"cause"`
	ChangedFields []string `json:"changed_fields"`
	OldName       string   `json:"old_name"`
	NewName       string   `json:"new_name"`
	PlaceID       string   `json:"place_id"`
}

func TestDiffC402019To2026(t *testing.T) {
	places := map[string]string{}
	for _, l := range readLines(t, filepath.Join("testdata", "diff", "c40_places.tsv")) {
		name, id, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("bad line %q in c40_places.tsv", l)
		}
		places[name] = id
	}
	old := readLines(t, filepath.Join("testdata", "diff", "c40_2019.txt"))
	now := readLines(t, filepath.Join("testdata", "diff", "c40_2026.txt"))
	if len(old) != 94 || len(now) != 97 {
		t.Fatalf("lists have %d and %d names; want 94 and 97", len(old), len(now))
	}
	in := DiffInput{
		FromID: "20190601T020000Z-old", ToID: "20261127T020000Z-new",
		From:   c40Members(t, old, places, time.Date(2019, 6, 1, 2, 0, 0, 0, time.UTC), ""),
		To:     c40Members(t, now, places, day2, "?utm_source=citynets"),
		FromOK: okFor("c40"), ToOK: okFor("c40"),
	}
	changes := Diff(in)

	got := map[string][]string{}
	for _, c := range changes {
		switch c.Change {
		case citynets.Joined:
			got[c.Change] = append(got[c.Change], c.NewName)
		case citynets.Left:
			got[c.Change] = append(got[c.Change], c.OldName)
		default:
			got[c.Change] = append(got[c.Change], c.OldName+" → "+c.NewName)
		}
		if c.Cause != citynets.CauseSource {
			t.Errorf("%s %s: cause %s; want source", c.Change, c.MemberKey, c.Cause)
		}
	}
	for _, v := range got {
		slices.Sort(v)
	}
	want := map[string][]string{
		citynets.Joined: {"Ahmedabad", "Casablanca", "Ekurhuleni", "Fortaleza", "Freetown", "Miami", "Mumbai", "Phoenix"},
		citynets.Left:   {"Caracas", "Jaipur", "Kolkata", "Moscow", "Venice"},
		citynets.Renamed: {"Dhaka → Dhaka (North & South)", "Durban → Durban (eThekwini)", "New Delhi → Delhi NCT",
			"Tel Aviv → Tel Aviv – Yafo", "Washington D.C. → Washington, DC"},
	}
	for _, k := range []string{citynets.Joined, citynets.Left, citynets.Renamed, citynets.Modified} {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("%s = %q\nwant %q", k, got[k], want[k])
		}
	}

	sum := Summarize(in, changes, map[string]string{"c40": "ok"}, map[string]string{"c40": "ok"})
	wantSum := []Summary{{Network: "c40", Joined: 8, Left: 5, Renamed: 5, Unchanged: 84, FromStatus: "ok", ToStatus: "ok"}}
	if !slices.Equal(sum, wantSum) {
		t.Errorf("Summarize = %+v; want %+v", sum, wantSum)
	}

	rows := []goldenChange{}
	for _, c := range changes {
		fields := c.ChangedFields
		if fields == nil {
			fields = []string{}
		}
		rows = append(rows, goldenChange{c.Network, c.MemberID, c.MemberKey, c.OldMemberKey, c.NewMemberKey, c.Change, c.Cause, fields, c.OldName, c.NewName, c.PlaceID})
	}
	doc := struct {
		FromSnapshot string         `json:"from_snapshot"`
		ToSnapshot   string         `json:"to_snapshot"`
		Summary      []Summary      `json:"summary"`
		Changes      []goldenChange `json:"changes"`
	}{in.FromID, in.ToID, sum, rows}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	golden := filepath.Join("testdata", "diff", "c40_2019_2026.golden.json")
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantB, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if !bytes.Equal(b, wantB) {
		t.Errorf("changes differ from %s (run with -update to accept):\n%s", golden, b)
	}
}

// TestC40FixtureMatchesShared checks the repo's copy of the 2026 list
// against shared/sites, which sits beside the clone (in CI it must).
func TestC40FixtureMatchesShared(t *testing.T) {
	shared := sharedtest.Path(t, "sites/c40-homepage-2026.txt")
	got := readLines(t, filepath.Join("testdata", "diff", "c40_2026.txt"))
	if want := readLines(t, shared); !slices.Equal(got, want) {
		t.Errorf("testdata/diff/c40_2026.txt differs from %s", shared)
	}
}

var benchNetworks = []string{"c40", "iclei", "metropolis", "uclg", "wmccc"}

// benchMembers makes a parent of n members across five networks and a child
// in which about 1% left, 1% joined, 0.5% were renamed, 1% changed a
// published attribute and 2% were re-geocoded. seed varies the names.
func benchMembers(n int, seed int) (from, to []citynets.Member) {
	from = make([]citynets.Member, 0, n)
	to = make([]citynets.Member, 0, n+n/100)
	for i := range n {
		net := benchNetworks[i%len(benchNetworks)]
		name := fmt.Sprintf("City %d-%d", seed, i)
		m := citynets.Member{
			Network: net, MemberKey: fmt.Sprintf("k%08d", i), Name: name, MemberType: citynets.TypeCity,
			CountryPublished: "Country", SourceURL: "https://example.org/" + net, SourceSHA256: "aaaa", FetchedAt: day1,
			Match: citynets.Match{PlaceID: fmt.Sprintf("geonames:%d", i), PlaceName: name, CountryCode: "XX",
				Latitude: float64(i), Longitude: 1, Population: int64(i), Method: citynets.MatchExact, Score: 1},
		}
		if i%10 == 0 {
			m.Attributes = map[string]string{"mayor": "M", "population": "1000"}
		}
		from = append(from, m)
		c := m
		c.FetchedAt, c.SourceSHA256 = day2, "bbbb"
		switch i % 200 {
		case 0, 1: // left
			continue
		case 2: // renamed: new key, similar name, same place
			c.MemberKey, c.Name = fmt.Sprintf("r%08d", i), name+" Metropolitan"
		case 3, 4: // published change
			c.Attributes = map[string]string{"mayor": "N", "population": "1000"}
		case 5, 6, 7, 8: // re-geocoded
			c.Match.Score = 0.9
		case 9, 10: // joined
			j := c
			j.MemberKey, j.Name, j.Match.PlaceID = fmt.Sprintf("j%08d", i), fmt.Sprintf("New %d", i), fmt.Sprintf("geonames:j%d", i)
			to = append(to, j)
		}
		to = append(to, c)
	}
	return from, to
}

func BenchmarkDiff(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			from, to := benchMembers(n, 1)
			in := DiffInput{From: from, To: to, FromOK: okFor(benchNetworks...), ToOK: okFor(benchNetworks...)}
			b.ReportAllocs()
			b.ResetTimer()
			var changes int
			for b.Loop() {
				changes = len(Diff(in))
			}
			b.ReportMetric(float64(changes), "changes")
		})
	}
}
