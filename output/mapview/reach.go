package mapview

import (
	"math"
	"strconv"
	"strings"

	"github.com/citynets/citynets/internal/geo"
	"github.com/citynets/citynets/output/mapview/internal/proj"
)

// latLon is a position in degrees.
type latLon struct{ Lat, Lon float64 }

// vec is a position as a unit vector, for cheap angle comparisons.
type vec struct{ X, Y, Z float64 }

func (p latLon) vec() vec {
	la, lo := p.Lat*math.Pi/180, p.Lon*math.Pi/180
	return vec{math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la)}
}

func (a vec) dot(b vec) float64 { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }

func (a vec) cross(b vec) vec {
	return vec{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}

func (a vec) norm() float64 { return math.Sqrt(a.dot(a)) }

// angle is the central angle between two unit vectors; atan2 of the cross
// and dot products stays accurate for near and antipodal points alike,
// where acos and haversine lose digits.
func angle(a, b vec) float64 { return math.Atan2(a.cross(b).norm(), a.dot(b)) }

// greatCircleKm is the distance between two positions along the sphere.
func greatCircleKm(a, b latLon) float64 { return geo.DistanceKm(a.Lat, a.Lon, b.Lat, b.Lon) }

// farthestPair returns the indexes of the two positions farthest apart and
// their distance; ok is false with fewer than two positions. It compares
// dot products (the smallest dot is the widest angle) over all pairs: a few
// thousand places cost a few million multiplications, milliseconds, and
// the answer is exact, which the hull shortcuts are not on a sphere. Ties
// keep the first pair found, so the result is deterministic.
func farthestPair(pts []latLon) (i, j int, km float64, ok bool) {
	if len(pts) < 2 {
		return 0, 0, 0, false
	}
	vs := make([]vec, len(pts))
	for k, p := range pts {
		vs[k] = p.vec()
	}
	best := math.Inf(1)
	for a := range vs {
		va := vs[a]
		for b := a + 1; b < len(vs); b++ {
			if d := va.dot(vs[b]); d < best {
				best, i, j = d, a, b
			}
		}
	}
	return i, j, greatCircleKm(pts[i], pts[j]), true
}

// greatCirclePath draws the shorter great circle arc from a to b as SVG
// path data on the map's projection, broken where it crosses the
// antimeridian so it does not streak across the whole map.
func greatCirclePath(a, b latLon) string {
	va, vb := a.vec(), b.vec()
	omega := angle(va, vb)
	n := max(2, int(math.Ceil(omega*180/math.Pi/2))) // a point every 2°
	var pts []latLon
	for k := 0; k <= n; k++ {
		f := float64(k) / float64(n)
		var v vec
		if s := math.Sin(omega); s < 1e-12 {
			v = va
		} else {
			ka, kb := math.Sin((1-f)*omega)/s, math.Sin(f*omega)/s
			v = vec{ka*va.X + kb*vb.X, ka*va.Y + kb*vb.Y, ka*va.Z + kb*vb.Z}
		}
		pts = append(pts, latLon{
			Lat: math.Atan2(v.Z, math.Hypot(v.X, v.Y)) * 180 / math.Pi,
			Lon: math.Atan2(v.Y, v.X) * 180 / math.Pi,
		})
	}
	var sb strings.Builder
	move := func(p latLon, cmd byte) {
		x, y := proj.Project(p.Lon, p.Lat)
		sb.WriteByte(cmd)
		sb.WriteString(strconv.FormatFloat(round1(x), 'f', -1, 64))
		sb.WriteByte(' ')
		sb.WriteString(strconv.FormatFloat(round1(y), 'f', -1, 64))
	}
	move(pts[0], 'M')
	for k := 1; k < len(pts); k++ {
		p, q := pts[k-1], pts[k]
		if math.Abs(q.Lon-p.Lon) > 180 {
			// Cross at ±180°: interpolate the latitude there, end this
			// piece on one edge and start the next on the other.
			edge := 180.0
			if p.Lon < 0 {
				edge = -180
			}
			qlon := q.Lon + 2*edge // q moved next to p
			f := (edge - p.Lon) / (qlon - p.Lon)
			lat := p.Lat + f*(q.Lat-p.Lat)
			move(latLon{lat, edge}, 'L')
			move(latLon{lat, -edge}, 'M')
		}
		move(q, 'L')
	}
	return sb.String()
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
