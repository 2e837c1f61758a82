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
