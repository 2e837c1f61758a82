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
	if name != "geonames-cities1000-2013-11-06" || sum != sha256Hex(embedded) {
		t.Errorf("Info = %q, %q", name, sum)
	}
	if g.Len() < 138000 || g.Len() > 138398 {
		t.Errorf("Len = %d, want the populated places of cities1000", g.Len())
	}
	if len(embedded) > 6<<20 {
		t.Errorf("embedded file is %d bytes, over the 6 MB budget", len(embedded))
	}
	for i := 0; i < g.Len(); i++ {
		if p := g.At(i); Historic(p.FeatureCode) {
			t.Fatalf("historic place %d %s (%s) in the default gazetteer", p.ID, p.Name, p.FeatureCode)
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
		{4140963, "Washington, D. C.", "US", "DC", 500000, 38.89511, -77.03637},
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
			t.Fatalf("place %d %q not found under key %q: regenerate data/cities1000.bin.gz (see README.md)", p.ID, p.Name, k)
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

// BenchmarkDefaultLoad measures decoding the embedded gazetteer (target
// under 300 ms).
func BenchmarkDefaultLoad(b *testing.B) {
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
