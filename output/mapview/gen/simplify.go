package main

import "math"

// densify inserts points so no segment spans more than maxDeg degrees, so a
// long straight edge in longitude/latitude follows the projection's curve
// instead of cutting across it. Segments that jump the antimeridian are
// left alone: cutRing handles them.
func densify(pts []point, maxDeg float64) []point {
	if len(pts) < 2 {
		return pts
	}
	out := []point{pts[0]}
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := 1
		if !crosses(a, b) {
			n = int(math.Ceil(math.Max(math.Abs(b.X-a.X), math.Abs(b.Y-a.Y)) / maxDeg))
		}
		for k := 1; k < n; k++ {
			f := float64(k) / float64(n)
			out = append(out, point{a.X + (b.X-a.X)*f, a.Y + (b.Y-a.Y)*f})
		}
		out = append(out, b)
	}
	return out
}

// simplifyArc densifies an arc in longitude/latitude, then simplifies it
// with Douglas–Peucker measured on the map (tol in map units), keeping both
// endpoints, so an arc shared by two countries stays identical for both and
// their border has no gaps. It returns longitude/latitude points; both ends
// of a segment that jumps the antimeridian are kept.
func simplifyArc(arc []point, tol float64) []point {
	ll := densify(arc, 1)
	xy := project(ll)
	keep := make([]bool, len(ll))
	start := 0
	for i := 1; i <= len(ll); i++ {
		if i == len(ll) || crosses(ll[i-1], ll[i]) {
			markKeep(xy, start, i-1, tol, keep)
			start = i
		}
	}
	var out []point
	for i, p := range ll {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// markKeep runs Douglas–Peucker on pts[first..last] and marks the points
// to keep.
func markKeep(pts []point, first, last int, tol float64, keep []bool) {
	keep[first], keep[last] = true, true
	type span struct{ i, j int }
	stack := []span{{first, last}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		best, at := -1.0, -1
		for k := s.i + 1; k < s.j; k++ {
			if d := segDist(pts[k], pts[s.i], pts[s.j]); d > best {
				best, at = d, k
			}
		}
		if at >= 0 && best > tol {
			keep[at] = true
			stack = append(stack, span{s.i, at}, span{at, s.j})
		}
	}
}

// segDist is the distance from p to the segment ab (to a itself when the
// segment is a point, as for an island drawn as one closed arc).
func segDist(p, a, b point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.X-a.X, p.Y-a.Y)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// area is a ring's signed area (shoelace), in squared user units.
func area(pts []point) float64 {
	var s float64
	for i := range pts {
		j := (i + 1) % len(pts)
		s += pts[i].X*pts[j].Y - pts[j].X*pts[i].Y
	}
	return s / 2
}
