package proj

import (
	"math"
	"testing"
)

func TestProject(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat float64
		x, y     float64
	}{
		{"origin is the centre", 0, 0, Width / 2, FullHeight / 2},
		{"180W on the equator is the left edge", -180, 0, 0, FullHeight / 2},
		{"180E on the equator is the right edge", 180, 0, Width, FullHeight / 2},
		{"north pole is the top", 0, 90, Width / 2, 0},
		{"south pole is the bottom", 0, -90, Width / 2, FullHeight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := Project(tt.lon, tt.lat)
			if math.Abs(x-tt.x) > 1e-9 || math.Abs(y-tt.y) > 1e-9 {
				t.Errorf("Project(%v, %v) = (%v, %v), want (%v, %v)", tt.lon, tt.lat, x, y, tt.x, tt.y)
			}
		})
	}
	// Equal Earth's published aspect ratio is about 2.05:1.
	if r := Width / FullHeight; math.Abs(r-2.0550) > 0.001 {
		t.Errorf("aspect ratio %.4f, want 2.055", r)
	}
}
