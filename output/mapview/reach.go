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
// their distance; ok is false with fewer than two positions. The widest
// angle is the smallest dot product of unit vectors, and for each point a
// the partner with the smallest a·b is the point nearest to its antipode,
// so the search is a branch-and-bound over a k-d tree of the vectors: a
// box of points is skipped when even the most favourable corner of it
// cannot beat the best pair so far. The result is the same as comparing
// every pair — same dot products, same rule for ties (the pair (i, j),
// i < j, first in order) — at a few milliseconds for tens of thousands of
// places instead of a second. A convex hull would not help: every point
// on a sphere is a vertex of the hull of the set, so it prunes nothing.
func farthestPair(pts []latLon) (i, j int, km float64, ok bool) {
	if len(pts) < 2 {
		return 0, 0, 0, false
	}
	vs := make([]vec, len(pts))
	for k, p := range pts {
		vs[k] = p.vec()
	}
	t := newKDTree(vs)
	s := pairSearch{best: vs[0].dot(vs[1]), i: 0, j: 1}
	// In tree order, so consecutive queries look at the same boxes.
	var stack []int
	for _, a := range t.order {
		stack = t.search(a, &s, stack)
	}
	return s.i, s.j, greatCircleKm(pts[s.i], pts[s.j]), true
}

// pairSearch is the best pair found so far.
type pairSearch struct {
	best float64 // its dot product
	i, j int     // i < j
}

// offer considers the pair (a, b) with dot product d, keeping the smaller
// dot and, on a tie, the pair that comes first, as a loop over all pairs
// in order would.
func (s *pairSearch) offer(a, b int, d float64) {
	if a > b {
		a, b = b, a
	}
	if d < s.best || (d == s.best && (a < s.i || (a == s.i && b < s.j))) {
		s.best, s.i, s.j = d, a, b
	}
}

// boundSlack keeps the box bound on the safe side of rounding: a box is
// skipped only when its bound beats the best by more than float error, so
// exact ties are still looked at.
const boundSlack = 1e-12

// kdLeaf is the most points a leaf holds: small enough that a visited
// leaf costs little, large enough that boxes are few.
const kdLeaf = 8

// kdTree holds unit vectors in boxes split along their widest axis.
type kdTree struct {
	vs    []vec    // the points, by original index
	order []int    // point indexes, each node's a contiguous run
	nodes []kdNode // nodes[0] is the root
}

type kdNode struct {
	lo, hi      vec     // bounding box
	c           vec     // the members' cap on the sphere: centre,
	cosR, sinR  float64 // and cosine and sine of its angular radius
	wholeSphere bool    // the cap's radius reaches π: it bounds nothing
	start, end  int     // the node's run of order
	left, right int     // children, or -1 for a leaf
}

func newKDTree(vs []vec) *kdTree {
	t := &kdTree{vs: vs, order: make([]int, len(vs))}
	for k := range t.order {
		t.order[k] = k
	}
	t.build(0, len(vs))
	return t
}

// build makes the node for order[start:end] and returns its index.
func (t *kdTree) build(start, end int) int {
	n := kdNode{start: start, end: end, left: -1, right: -1}
	n.lo = vec{math.Inf(1), math.Inf(1), math.Inf(1)}
	n.hi = vec{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	for _, k := range t.order[start:end] {
		v := t.vs[k]
		n.lo = vec{min(n.lo.X, v.X), min(n.lo.Y, v.Y), min(n.lo.Z, v.Z)}
		n.hi = vec{max(n.hi.X, v.X), max(n.hi.Y, v.Y), max(n.hi.Z, v.Z)}
	}
	n.setCap(t.vs, t.order[start:end])
	id := len(t.nodes)
	t.nodes = append(t.nodes, n)
	if end-start <= kdLeaf {
		return id
	}
	ext := [3]float64{n.hi.X - n.lo.X, n.hi.Y - n.lo.Y, n.hi.Z - n.lo.Z}
	axis := 0
	if ext[1] > ext[axis] {
		axis = 1
	}
	if ext[2] > ext[axis] {
		axis = 2
	}
	mid := start + (end-start)/2
	t.selectNth(t.order[start:end], mid-start, axis)
	left := t.build(start, mid)
	right := t.build(mid, end)
	t.nodes[id].left, t.nodes[id].right = left, right
	return id
}

// capSlack widens every cap's radius (radians, about 6 m on the Earth)
// beyond the rounding in the chord, the asin and in deciding ties, which
// is below 1e-7 even where the cosine is flattest.
const capSlack = 1e-6

// setCap finds the cap around the members' mean direction that holds them
// all. Its radius comes from the longest chord to the centre (2·asin of
// half of it), which stays precise for small caps where acos of a dot
// product would not.
func (n *kdNode) setCap(vs []vec, members []int) {
	var m vec
	for _, k := range members {
		m = vec{m.X + vs[k].X, m.Y + vs[k].Y, m.Z + vs[k].Z}
	}
	l := m.norm()
	if l < 1e-9 {
		n.wholeSphere = true
		return
	}
	n.c = vec{m.X / l, m.Y / l, m.Z / l}
	chord := 0.0
	for _, k := range members {
		d := vec{vs[k].X - n.c.X, vs[k].Y - n.c.Y, vs[k].Z - n.c.Z}
		chord = max(chord, d.norm())
	}
	r := 2*math.Asin(min(1, chord/2)) + capSlack
	if r >= math.Pi {
		n.wholeSphere = true
		return
	}
	n.cosR, n.sinR = math.Cos(r), math.Sin(r)
}

// capCannotBeat reports whether every b in the node's cap is at an angle
// from a smaller than θ* = acos(best), so none can beat or tie the best
// pair: the angle from a to the centre must be below θ* − r, that is
// a·c > cos(θ* − r) = best·cos r + sin θ*·sin r (with θ* ≥ r).
func (n *kdNode) capCannotBeat(a vec, best float64) bool {
	if n.wholeSphere {
		return false
	}
	sinT := math.Sqrt(max(0, 1-best*best))
	// θ* ≥ r, with θ* = acos(best): cos θ* ≤ cos r.
	if best > n.cosR {
		return false
	}
	return a.dot(n.c) > best*n.cosR+sinT*n.sinR+boundSlack
}

// selectNth reorders run so that its k-th element is the one a sort by the
// axis coordinate would put there, smaller ones before it and larger after
// (Hoare's quickselect): a median split in linear time, where sorting
// every level would make building the tree cost more than searching it.
func (t *kdTree) selectNth(run []int, k, axis int) {
	key := func(i int) float64 {
		v := t.vs[run[i]]
		switch axis {
		case 0:
			return v.X
		case 1:
			return v.Y
		}
		return v.Z
	}
	lo, hi := 0, len(run)-1
	for lo < hi {
		pivot := key(lo + (hi-lo)/2)
		i, j := lo, hi
		for i <= j {
			for key(i) < pivot {
				i++
			}
			for key(j) > pivot {
				j--
			}
			if i <= j {
				run[i], run[j] = run[j], run[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// lowerDot is the smallest a·b can be for b anywhere in the node's box:
// per axis the product with the nearer-to-opposite face.
func (n *kdNode) lowerDot(a vec) float64 {
	return min(a.X*n.lo.X, a.X*n.hi.X) + min(a.Y*n.lo.Y, a.Y*n.hi.Y) + min(a.Z*n.lo.Z, a.Z*n.hi.Z)
}

// search offers every pair (a, b) that could beat or tie s.best,
// visiting the box with the lower bound first so the best improves early.
// stack is the caller's scratch space, reused across queries.
func (t *kdTree) search(a int, s *pairSearch, stack []int) []int {
	va := t.vs[a]
	stack = append(stack[:0], 0)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := &t.nodes[id]
		if n.lowerDot(va) > s.best+boundSlack || n.capCannotBeat(va, s.best) {
			continue
		}
		if n.left < 0 {
			for _, b := range t.order[n.start:n.end] {
				if b != a {
					s.offer(a, b, va.dot(t.vs[b]))
				}
			}
			continue
		}
		l, r := n.left, n.right
		if t.nodes[l].lowerDot(va) < t.nodes[r].lowerDot(va) {
			l, r = r, l
		}
		stack = append(stack, l, r) // r, the more promising, pops first
	}
	return stack
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
