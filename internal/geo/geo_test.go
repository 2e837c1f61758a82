package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

// haversineKm is the textbook formula, as an independent check away from
// the antipodes.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

func TestDistanceKm(t *testing.T) {
	type pos struct{ lat, lon float64 }
	london, paris := pos{51.50853, -0.12574}, pos{48.85341, 2.3488}
	sydney, nyc := pos{-33.86785, 151.20732}, pos{40.71427, -74.00597}
	tests := []struct {
		name     string
		a, b     pos
		want, ok float64 // km and tolerance
	}{
		{"same point", london, london, 0, 1e-9},
		{"London–Paris", london, paris, 344, 2},
		{"London–Sydney", london, sydney, 16994, 10},
		{"New York–London", nyc, london, 5570, 10},
		{"antipodes", pos{0, 0}, pos{0, 180}, math.Pi * EarthRadiusKm, 1e-6},
		{"pole to pole", pos{90, 0}, pos{-90, 0}, math.Pi * EarthRadiusKm, 1e-6},
		{"across the antimeridian", pos{0, 179}, pos{0, -179}, 2 * math.Pi / 180 * EarthRadiusKm, 1e-6},
		{"a metre apart", pos{0, 0}, pos{0, 1e-3 / (math.Pi / 180 * EarthRadiusKm)}, 1e-3, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DistanceKm(tt.a.lat, tt.a.lon, tt.b.lat, tt.b.lon)
			if math.Abs(got-tt.want) > tt.ok {
				t.Errorf("DistanceKm = %.6f, want %.6f ± %g", got, tt.want, tt.ok)
			}
			if back := DistanceKm(tt.b.lat, tt.b.lon, tt.a.lat, tt.a.lon); math.Abs(back-got) > 1e-9 {
				t.Errorf("not symmetric: %.9f and %.9f", got, back)
			}
		})
	}
}

func TestDistanceKmMatchesHaversine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		lat1, lon1 := r.Float64()*180-90, r.Float64()*360-180
		lat2, lon2 := r.Float64()*180-90, r.Float64()*360-180
		got, want := DistanceKm(lat1, lon1, lat2, lon2), haversineKm(lat1, lon1, lat2, lon2)
		if want < 19000 && math.Abs(got-want) > 1e-6 {
			t.Fatalf("(%g,%g)-(%g,%g): %.9f km, haversine %.9f", lat1, lon1, lat2, lon2, got, want)
		}
	}
}
