package main

import "math"

// world-atlas keeps geometry on the sphere (d3-geo cuts it when it draws),
// so a few rings — Russia's Chukotka, Fiji, the Aleutians — cross the
// antimeridian: one segment jumps from 179.9° to -179.9°. Drawn flat, that
// segment streaks across the whole map. cutRing splits such a ring into one
// ring per side.

// crosses reports whether the segment a→b jumps across the antimeridian.
func crosses(a, b point) bool { return math.Abs(b.X-a.X) > 180 }

// cutRing returns r unchanged when it does not cross the antimeridian, and
// otherwise its parts on each side, longitudes back in [-180, 180], with
// the new edges along ±180° densified so they follow the curved map edge.
func cutRing(r []point) [][]point {
	cross := false
	for i := range r {
		if crosses(r[i], r[(i+1)%len(r)]) {
			cross = true
			break
		}
	}
	if !cross {
		return [][]point{r}
	}
	// Unwrap: shift longitudes by whole turns so consecutive points are
	// never more than 180° apart; the ring becomes continuous past ±180.
	u := make([]point, len(r))
	u[0] = r[0]
	lo, hi := r[0].X, r[0].X
	for i := 1; i < len(r); i++ {
		x := r[i].X
		for x-u[i-1].X > 180 {
			x -= 360
		}
		for x-u[i-1].X < -180 {
			x += 360
		}
		u[i] = point{x, r[i].Y}
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if math.Abs(u[len(u)-1].X-u[0].X) > 180 {
		return nil // the ring winds around a pole; none does but Antarctica
	}
	var out [][]point
	for m := math.Floor((lo + 180) / 360); m*360-180 < hi; m++ {
		left, right := m*360-180, m*360+180
		part := clip(clip(u, left, false), right, true)
		if len(part) < 3 {
			continue
		}
		for i := range part {
			part[i].X -= m * 360
		}
		out = append(out, densifyEdges(part))
	}
	return out
}

// clip is one Sutherland–Hodgman step: the part of ring r with x <= line
// (keepBelow) or x >= line.
func clip(r []point, line float64, keepBelow bool) []point {
	inside := func(p point) bool {
		if keepBelow {
			return p.X <= line
		}
		return p.X >= line
	}
	var out []point
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		ia, ib := inside(a), inside(b)
		if ia {
			out = append(out, a)
		}
		if ia != ib {
			f := (line - a.X) / (b.X - a.X)
			out = append(out, point{line, a.Y + f*(b.Y-a.Y)})
		}
	}
	return out
}

// densifyEdges adds points every degree of latitude along segments lying
// on the antimeridian, the edges clip made.
func densifyEdges(r []point) []point {
	var out []point
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		out = append(out, a)
		if math.Abs(a.X) == 180 && a.X == b.X {
			n := int(math.Ceil(math.Abs(b.Y - a.Y)))
			for k := 1; k < n; k++ {
				out = append(out, point{a.X, a.Y + (b.Y-a.Y)*float64(k)/float64(n)})
			}
		}
	}
	return out
}
