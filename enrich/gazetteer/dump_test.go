package gazetteer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func loadMini(t *testing.T, admin1 string) *Gazetteer {
	t.Helper()
	g, err := LoadDump(context.Background(), "testdata/cities-mini.txt", admin1)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLoadDump(t *testing.T) {
	for _, admin := range []string{"testdata/admin1.json", "testdata/admin1CodesASCII.txt"} {
		t.Run(filepath.Base(admin), func(t *testing.T) {
			g := loadMini(t, admin)
			// 12 real rows and 1 synthetic populated place; the historic,
			// abandoned and non-populated rows are dropped.
			if g.Len() != 13 {
				t.Errorf("Len = %d, want 13", g.Len())
			}
			for _, id := range []int64{9000001, 9000002, 9000003} {
				if _, ok := g.ByID(id); ok {
					t.Errorf("place %d should have been dropped", id)
				}
			}
			p, ok := g.ByID(5376803)
			if !ok {
				t.Fatal("Newark, CA missing")
			}
			if p.Name != "Newark" || p.CountryCode != "US" || p.Admin1Code != "CA" || p.Population != 42573 || p.FeatureCode != "PPL" {
				t.Errorf("Newark, CA = %+v", p)
			}
			if p.PlaceID() != "geonames:5376803" {
				t.Errorf("PlaceID = %q", p.PlaceID())
			}
			if got := g.Admin1Name("US", "CA"); got != "California" {
				t.Errorf("Admin1Name(US, CA) = %q", got)
			}
			if got := g.Admin1Name("US", "ZZ"); got != "" {
				t.Errorf("Admin1Name(US, ZZ) = %q", got)
			}
			name, sum := g.Info()
			if name != "geonames-cities-mini-2013-12-01" || len(sum) != 64 {
				t.Errorf("Info = %q, %q", name, sum)
			}
		})
	}
}

func TestLoadDumpIndex(t *testing.T) {
	g := loadMini(t, "")
	ids := func(key string) map[int64]Kind {
		out := map[int64]Kind{}
		for _, p := range g.Lookup(key) {
			out[g.At(p.Index()).ID] = p.Kind()
		}
		return out
	}
	if got := ids("newark"); len(got) != 4 {
		t.Errorf("newark → %v, want the four Newarks", got)
	}
	if got := ids("dacca"); got[1185241] != KindAlternate {
		t.Errorf("dacca → %v, want Dhaka as an alternate name", got)
	}
	if got := ids("kalyan"); len(got) != 1 || got[1268295] != KindName {
		t.Errorf("kalyan → %v, want Kalyān by its own name", got)
	}
	if got := ids("teresina"); len(got) != 1 || got[3386496] != KindName {
		t.Errorf("teresina → %v, want only the living city", got)
	}
	for _, junk := range []string{"nks", "ewr", "10549", "http example org nova", "www nova example"} {
		if got := ids(junk); len(got) != 0 {
			t.Errorf("%q should not be indexed, got %v", junk, got)
		}
	}
	if got := ids("kisco nova"); got[9000004] != KindAlternate {
		t.Errorf("kisco nova → %v", got)
	}
	// "Nová Kisco" folds to the place's own name key: kept once, as the name.
	if got := ids("nova kisco"); got[9000004] != KindName {
		t.Errorf("nova kisco → %v", got)
	}
	if g.Lookup("atlantis") != nil || g.Lookup("no such place") != nil {
		t.Error("lookup of absent keys should be nil")
	}
}

func TestLoadDumpErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("1\tonly\tthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDump(context.Background(), bad, ""); !errors.Is(err, ErrDump) {
		t.Errorf("short row: err = %v, want ErrDump", err)
	}
	if _, err := LoadDump(context.Background(), filepath.Join(dir, "missing.txt"), ""); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := filepath.Join(dir, "big.txt")
	row := "1\tA\tA\t\t0\t0\tP\tPPL\tUS\t\t\t\t\t\t0\t\t0\tUTC\t2020-01-01\n"
	var data []byte
	for range 20000 {
		data = append(data, row...)
	}
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDump(ctx, big, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}
