// Package proj is the one map projection the networks map uses, shared by
// the generator that draws the countries and by Render that places the dots,
// so both land on the same pixels.
package proj

import "math"

// Equal Earth coefficients (Šavrič, Patterson, Jenny 2018). m is sqrt(3)/2.
const (
	a1 = 1.340264
	a2 = -0.081106
	a3 = 0.000893
	a4 = 0.003796
	m  = 0.86602540378443864676
)

// Width is the map's width in SVG user units.
const Width = 1000.0

// xMax is Equal Earth's x at 180° on the equator; Scale makes ±180° span
// Width exactly.
const (
	xMax  = math.Pi / (m * a1)
	Scale = Width / (2 * xMax)
)

// At the pole the parametric latitude is asin(sqrt(3)/2) = π/3 exactly.
const (
	tPole = math.Pi / 3
	yPole = tPole * (a1 + a2*tPole*tPole + tPole*tPole*tPole*tPole*tPole*tPole*(a3+a4*tPole*tPole))
)

// FullHeight is the height of the whole projected world, pole to pole.
const FullHeight = 2 * yPole * Scale

// Project maps a longitude and latitude in degrees to SVG user units on the
// Equal Earth projection: x grows east from 0 at 180°W, y grows south from 0
// at the North Pole. Equal Earth keeps areas true, so dense regions look as
// dense as they are, and it is a closed formula we can write ourselves.
func Project(lon, lat float64) (x, y float64) {
	lam := lon * math.Pi / 180
	phi := lat * math.Pi / 180
	t := math.Asin(m * math.Sin(phi))
	t2 := t * t
	t6 := t2 * t2 * t2
	px := lam * math.Cos(t) / (m * (a1 + 3*a2*t2 + t6*(7*a3+9*a4*t2)))
	py := t * (a1 + a2*t2 + t6*(a3+a4*t2))
	return Width/2 + px*Scale, FullHeight/2 - py*Scale
}
