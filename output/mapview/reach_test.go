package mapview

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/citynets/citynets/internal/geo"
)

// haversineKm is the textbook formula, as an independent check.
func haversineKm(a, b latLon) float64 {
	rad := math.Pi / 180
	dlat, dlon := (b.Lat-a.Lat)*rad, (b.Lon-a.Lon)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * geo.EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

func TestGreatCircleKm(t *testing.T) {
	london, paris := latLon{51.50853, -0.12574}, latLon{48.85341, 2.3488}
	sydney, nyc := latLon{-33.86785, 151.20732}, latLon{40.71427, -74.00597}
	tests := []struct {
		name     string
		a, b     latLon
		want, ok float64 // km and tolerance
	}{
		{"same point", london, london, 0, 1e-9},
		{"London–Paris", london, paris, 344, 2},
		{"London–Sydney", london, sydney, 16994, 10},
		{"New York–London", nyc, london, 5570, 10},
		{"antipodes", latLon{0, 0}, latLon{0, 180}, math.Pi * geo.EarthRadiusKm, 1e-6},
		{"pole to pole", latLon{90, 0}, latLon{-90, 0}, math.Pi * geo.EarthRadiusKm, 1e-6},
		{"across the antimeridian", latLon{0, 179}, latLon{0, -179}, 2 * math.Pi / 180 * geo.EarthRadiusKm, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := greatCircleKm(tt.a, tt.b); math.Abs(got-tt.want) > tt.ok {
				t.Errorf("got %.3f km, want %.3f ± %g", got, tt.want, tt.ok)
			}
		})
	}
}

func TestFarthestPair(t *testing.T) {
	tests := []struct {
		name   string
		pts    []latLon
		i, j   int
		ok     bool
		wantKm float64
	}{
		{"none", nil, 0, 0, false, 0},
		{"one", []latLon{{1, 1}}, 0, 0, false, 0},
		{"two", []latLon{{0, 0}, {0, 90}}, 0, 1, true, math.Pi / 2 * geo.EarthRadiusKm},
		{"London, Paris, Sydney, Berlin", []latLon{{51.50853, -0.12574}, {48.85341, 2.3488}, {-33.86785, 151.20732}, {52.52437, 13.41053}}, 0, 2, true, 16994},
		{"ties keep the first pair", []latLon{{0, 0}, {0, 180}, {90, 0}, {-90, 0}}, 0, 1, true, math.Pi * geo.EarthRadiusKm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, j, km, ok := farthestPair(tt.pts)
			if ok != tt.ok || i != tt.i || j != tt.j || math.Abs(km-tt.wantKm) > 10 {
				t.Errorf("got %d,%d %.1f km %v; want %d,%d %.1f km %v", i, j, km, ok, tt.i, tt.j, tt.wantKm, tt.ok)
			}
		})
	}
}

func TestFarthestPairMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 20 {
		pts := make([]latLon, 2+r.IntN(60))
		for k := range pts {
			pts[k] = latLon{r.Float64()*180 - 90, r.Float64()*360 - 180}
		}
		best := 0.0
		for a := range pts {
			for b := a + 1; b < len(pts); b++ {
				best = math.Max(best, haversineKm(pts[a], pts[b]))
			}
		}
		i, j, km, ok := farthestPair(pts)
		if !ok || math.Abs(km-best) > 1e-3 || math.Abs(haversineKm(pts[i], pts[j])-best) > 1e-3 {
			t.Errorf("trial %d: farthestPair %.4f km, brute force %.4f km", trial, km, best)
		}
	}
}

func TestGreatCirclePath(t *testing.T) {
	tests := []struct {
		name   string
		a, b   latLon
		pieces int
	}{
		{"Europe", latLon{51.5, -0.1}, latLon{52.5, 13.4}, 1},
		{"Pacific, across the antimeridian", latLon{35.7, 139.7}, latLon{21.3, -157.9}, 2},
		{"Tokyo–Los Angeles", latLon{35.7, 139.7}, latLon{34.1, -118.2}, 2},
		{"same point", latLon{10, 10}, latLon{10, 10}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := greatCirclePath(tt.a, tt.b)
			if !isPathData(d) {
				t.Fatalf("not path data: %q", d)
			}
			if got := strings.Count(d, "M"); got != tt.pieces {
				t.Errorf("%d pieces, want %d: %s", got, tt.pieces, d)
			}
			// No piece may jump across the map.
			for _, piece := range strings.Split(d, "M")[1:] {
				var prevX float64
				for k, pt := range strings.Split(piece, "L") {
					var x, y float64
					if _, err := fmtSscan(pt, &x, &y); err != nil {
						t.Fatalf("bad point %q: %v", pt, err)
					}
					if k > 0 && math.Abs(x-prevX) > 100 {
						t.Errorf("segment jumps %.0f units across the map", x-prevX)
					}
					prevX = x
				}
			}
		})
	}
}

func fmtSscan(s string, x, y *float64) (int, error) { return fmt.Sscan(s, x, y) }

// bruteFarthest is the plain loop over all pairs that farthestPair must
// agree with exactly: same pair, ties to the first pair in order.
func bruteFarthest(pts []latLon) (i, j int, ok bool) {
	if len(pts) < 2 {
		return 0, 0, false
	}
	vs := make([]vec, len(pts))
	for k, p := range pts {
		vs[k] = p.vec()
	}
	best := math.Inf(1)
	for a := range vs {
		for b := a + 1; b < len(vs); b++ {
			if d := vs[a].dot(vs[b]); d < best {
				best, i, j = d, a, b
			}
		}
	}
	return i, j, true
}

// pointSets are the shapes the pruning could get wrong: spread out,
// clustered in one region (the far pair is inside the cluster), exact
// antipodes, duplicates, points on one great circle and on a coarse grid
// (many tied pairs), and tiny sets.
func pointSets(r *rand.Rand, n int) map[string][]latLon {
	uniform := func(n int) []latLon {
		out := make([]latLon, n)
		for k := range out {
			// Uniform on the sphere: z uniform in [-1, 1].
			out[k] = latLon{math.Asin(2*r.Float64()-1) * 180 / math.Pi, r.Float64()*360 - 180}
		}
		return out
	}
	cluster := func(n int, lat, lon, spread float64) []latLon {
		out := make([]latLon, n)
		for k := range out {
			out[k] = latLon{math.Max(-90, math.Min(90, lat+r.NormFloat64()*spread)), math.Mod(lon+r.NormFloat64()*spread+540, 360) - 180}
		}
		return out
	}
	sets := map[string][]latLon{
		"uniform":       uniform(n),
		"europe":        cluster(n, 50, 10, 6),
		"tiny cluster":  cluster(n, -33.9, 151.2, 0.01),
		"two clusters":  append(cluster(n/2, 40, -74, 3), cluster(n-n/2, 35, 139, 3)...),
		"land latitude": nil,
	}
	for range n {
		sets["land latitude"] = append(sets["land latitude"], latLon{r.Float64()*110 - 45, r.Float64()*360 - 180})
	}
	var anti, dup, circle, grid []latLon
	for _, p := range uniform(n / 2) {
		lon := p.Lon + 180
		if lon > 180 {
			lon -= 360
		}
		anti = append(anti, p, latLon{-p.Lat, lon})
	}
	for _, p := range cluster(n/3+1, 0, 0, 20) {
		dup = append(dup, p, p, p)
	}
	for range n {
		circle = append(circle, latLon{0, r.Float64()*360 - 180})
	}
	for k := range n {
		grid = append(grid, latLon{float64(k%7)*30 - 90, float64(k/7%13)*30 - 180})
	}
	sets["antipodes"], sets["duplicates"], sets["equator"], sets["grid ties"] = anti, dup, circle, grid
	return sets
}

// TestFarthestPairProperty checks farthestPair against the brute force,
// pair for pair, on many random sets of every shape and size.
func TestFarthestPairProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 24))
	for _, n := range []int{2, 3, 5, 9, 17, 40, 200, 1500} {
		for trial := range 6 {
			for name, pts := range pointSets(r, n) {
				wi, wj, wok := bruteFarthest(pts)
				i, j, km, ok := farthestPair(pts)
				if ok != wok || i != wi || j != wj {
					t.Errorf("%s, %d points, trial %d: got pair %d,%d, brute force %d,%d", name, len(pts), trial, i, j, wi, wj)
					continue
				}
				if wok && math.Abs(km-haversineKm(pts[wi], pts[wj])) > 1e-3 {
					t.Errorf("%s, %d points: %.4f km, haversine %.4f", name, len(pts), km, haversineKm(pts[wi], pts[wj]))
				}
			}
		}
	}
}

// TestFarthestPair24000 is the size of the budget, once against the brute
// force (about half a second of it).
func TestFarthestPair24000(t *testing.T) {
	if testing.Short() {
		t.Skip("brute force over 24,000 points")
	}
	pts := pointSets(rand.New(rand.NewPCG(3, 4)), 24000)["land latitude"]
	wi, wj, _ := bruteFarthest(pts)
	if i, j, _, _ := farthestPair(pts); i != wi || j != wj {
		t.Errorf("got pair %d,%d, brute force %d,%d", i, j, wi, wj)
	}
}

// BenchmarkReach24000 is the farthest pair of 24,000 places spread like
// the synthetic snapshot's (budget: 50 ms), and of 24,000 clustered in
// Europe, where the far pair is close and boxes overlap most.
func BenchmarkReach24000(b *testing.B) {
	sets := pointSets(rand.New(rand.NewPCG(5, 6)), 24000)
	for _, name := range []string{"land latitude", "uniform", "europe", "antipodes", "equator"} {
		pts := sets[name]
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			for b.Loop() {
				farthestPair(pts)
			}
		})
	}
}
