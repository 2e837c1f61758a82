package gazetteer

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
)

// buildFixture builds the constructed fixture of testdata/build: a current
// dump (cities500.txt), an older one (cities1000.txt) and first- and
// second-order division names.
func buildFixture(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Build(context.Background(), BuildConfig{
		Cities: Input{Path: "testdata/build/cities500.txt", Via: "fixture"},
		Former: Input{Path: "testdata/build/cities1000.txt"},
		Admin1: Input{Path: "testdata/build/admin1.json"},
		Admin2: Input{Path: "testdata/build/admin2.json"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestBuildDeterministic(t *testing.T) {
	var out [2][]byte
	for i := range out {
		var buf bytes.Buffer
		if err := buildFixture(t).Encode(&buf); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("two builds of the same inputs differ")
	}
	h, err := Decode(out[0])
	if err != nil {
		t.Fatal(err)
	}
	g := buildFixture(t)
	if !reflect.DeepEqual(g.Sources(), h.Sources()) || !reflect.DeepEqual(g.FormerNames(), h.FormerNames()) ||
		!reflect.DeepEqual(g.places, h.places) || !reflect.DeepEqual(g.post, h.post) || !reflect.DeepEqual(g.countryKeys, h.countryKeys) ||
		!reflect.DeepEqual(g.divByStem, h.divByStem) {
		t.Error("sources, former names, places, postings, country keys or divisions differ after a round trip")
	}
}

func TestBuildSources(t *testing.T) {
	g := buildFixture(t)
	name, sum := g.Info()
	if name != "geonames-cities500-2023-03-05" || len(sum) != 64 {
		t.Errorf("Info = %q, %q", name, sum)
	}
	want := []struct{ role, file, date, via string }{
		{RolePlaces, "cities500.txt", "2023-03-05", "fixture"},
		{RoleFormer, "cities1000.txt", "2013-11-06", ""},
		{RoleAdmin1, "admin1.json", "", ""},
		{RoleAdmin2, "admin2.json", "", ""},
	}
	src := g.Sources()
	if len(src) != len(want) {
		t.Fatalf("Sources = %+v", src)
	}
	for i, w := range want {
		s := src[i]
		if s.Role != w.role || s.File != w.file || s.Date != w.date || s.Via != w.via || len(s.SHA256) != 64 {
			t.Errorf("source %d = %+v, want %+v", i, s, w)
		}
	}
}

// TestBuildFormerNames checks what happens to each name of the older dump.
func TestBuildFormerNames(t *testing.T) {
	g := buildFixture(t)
	tests := []struct {
		key  string
		want map[int64]Kind // place id → kind; nil: the key must find nothing
		why  string
	}{
		{"kyiv", map[int64]Kind{9100001: KindName}, "the current name is the place's name"},
		{"kiev", map[int64]Kind{9100001: KindAlternate}, "a renamed place keeps its old name as an alias"},
		{"kiew", nil, "only the old name and ASCII name are kept, not the old alternates"},
		{"frazione", map[int64]Kind{9100002: KindAlternate}, "a removed place's name goes to the nearest place of its country (Borderville, FR, is nearer)"},
		{"konigsfeld", map[int64]Kind{9100002: KindAlternate}, "the removed place's name"},
		{"koenigsfeld", map[int64]Kind{9100002: KindAlternate}, "and its ASCII name"},
		{"merged sub", map[int64]Kind{9100003: KindAlternate}, "nearest, whatever the population when the removed one's is unknown"},
		{"alt name never", nil, "a removed place's alternate names are not kept"},
		{"oldburg", map[int64]Kind{9100005: KindName}, "a place within reach already bears the name"},
		{"remoteham", nil, "no current place within 10 km"},
		{"bigcity", nil, "the nearest place is less than half its population"},
		{"ghosttown", nil, "historic in the current dump: its name goes nowhere"},
		{"histplace", nil, "historic in the older dump"},
		{"some district", nil, "not a populated place"},
		{"del sol", map[int64]Kind{9100104: KindName}, "a name that carries its province is found without it"},
		{"del sol some province", map[int64]Kind{9100104: KindName}, "and with it"},
	}
	for _, tt := range tests {
		got := map[int64]Kind{}
		for _, p := range g.Lookup(tt.key) {
			got[g.At(p.Index()).ID] = p.Kind()
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%q) = %v, want %v (%s)", tt.key, got, tt.want, tt.why)
		}
	}
	for _, id := range []int64{9100006, 9100010, 9100011, 9100012, 9100013, 9100014, 9100015, 9100016, 9100017} {
		if p, ok := g.ByID(id); ok {
			t.Errorf("place %d %q is in the gazetteer; former and dropped places never are", id, p.Name)
		}
	}
	for i := 0; i < g.Len(); i++ {
		if p := g.At(i); Historic(p.FeatureCode) {
			t.Errorf("historic place %d %s (%s)", p.ID, p.Name, p.FeatureCode)
		}
	}
	if g.Len() != 12 { // 8, the 3 seats of TestBuildDivisions and Del Sol
		t.Errorf("Len = %d, want 12", g.Len())
	}

	kyiv, _ := g.ByID(9100001)
	if kyiv.Name != "Kyiv" {
		t.Errorf("Kyiv's name = %q", kyiv.Name)
	}
	type former struct {
		place  int64
		name   string
		why    int
		fromID int64
	}
	var got []former
	for _, f := range g.FormerNames() {
		got = append(got, former{g.At(f.Place).ID, f.Name, f.Why, f.FromID})
	}
	want := []former{
		{9100001, "Kiev", FormerRenamed, 9100001},
		{9100002, "Frazione", FormerSuccessor, 9100010},
		{9100002, "Koenigsfeld", FormerSuccessor, 9100017},
		{9100002, "Königsfeld", FormerSuccessor, 9100017},
		{9100003, "Merged Sub", FormerSuccessor, 9100015},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FormerNames = %v, want %v", got, want)
	}
	i := 0
	for ; g.At(i).ID != 9100002; i++ {
	}
	if n := len(g.FormerNamesOf(i)); n != 3 {
		t.Errorf("FormerNamesOf(Bigtown) has %d names, want 3", n)
	}
}

func TestCountryKeys(t *testing.T) {
	g := buildFixture(t)
	for _, cc := range g.Countries() {
		ks := g.CountryKeys(cc)
		if len(ks) == 0 {
			t.Errorf("CountryKeys(%s) is empty", cc)
		}
		for j, k := range ks {
			if j > 0 && ks[j-1] >= k {
				t.Fatalf("CountryKeys(%s) not ascending", cc)
			}
			in := false
			for _, p := range g.PostingsAt(int(k)) {
				in = in || g.At(p.Index()).CountryCode == cc
			}
			if !in {
				t.Errorf("key %q listed for %s has no place there", g.KeyAt(int(k)), cc)
			}
		}
	}
	var it []string
	for _, k := range g.CountryKeys("IT") {
		it = append(it, g.KeyAt(int(k)))
	}
	want := []string{"bigtown", "farplace", "frazione", "koenigsfeld", "konigsfeld", "merged sub", "smallville"}
	if !reflect.DeepEqual(it, want) {
		t.Errorf("CountryKeys(IT) = %q, want %q", it, want)
	}
	if got := g.CountryKeys("ZZ"); got != nil {
		t.Errorf("CountryKeys(ZZ) = %v", got)
	}
}

// TestBuildDivisions checks which divisions are kept and which place is
// each one's seat.
func TestBuildDivisions(t *testing.T) {
	g := buildFixture(t)
	var got []string
	for _, d := range g.Divisions() {
		got = append(got, d.Code+" "+d.Stem+" → "+g.At(d.Seat).Name)
	}
	want := []string{
		"US.NE.055 douglas → Seatown",     // the more populous of two PPLA2
		"US.NE.109 lancaster → Capitalia", // no PPLA2: the capital that lies in it
		// US.NE.999 has no seat among the places; US.NE.001's name leaves no stem
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("divisions = %q, want %q", got, want)
	}
	if ds := g.DivisionsByStem("douglas"); len(ds) != 1 || ds[0].Name != "Douglas County" {
		t.Errorf("DivisionsByStem(douglas) = %+v", ds)
	}

	bad := *g
	bad.divisions = append([]Division(nil), g.divisions...)
	bad.divisions[0].Seat = g.Len()
	var raw bytes.Buffer
	if err := bad.encodeRaw(&raw); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(zst(t, raw.Bytes())); !errors.Is(err, ErrFormat) {
		t.Errorf("a seat out of range: err = %v, want ErrFormat", err)
	}
}

func TestDivisionStem(t *testing.T) {
	tests := []struct{ key, want string }{
		{"county durham", "durham"},
		{"durham county", "durham"},
		{"partido de general alvarado", "general alvarado"},
		{"london borough of camden", "camden"},
		{"ugu district municipality", "ugu"},
		{"gemeente overbetuwe", "overbetuwe"},
		{"county of maui", "maui"},
		{"county", ""},    // nothing left
		{"ko county", ""}, // too short to be found by
		{"carson city", "carson city"},
	}
	for _, tt := range tests {
		if got := DivisionStem(tt.key); got != tt.want {
			t.Errorf("DivisionStem(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}
