package main

import (
	"encoding/json"
	"fmt"
)

// topology is the part of a TopoJSON file the generator reads: quantized,
// delta-encoded arcs shared between neighbouring countries, and geometries
// that name arcs by index (a negative index ^i means arc i reversed).
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64            `json:"arcs"`
	Objects map[string]geometryObject `json:"objects"`
}

type geometryObject struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

type geometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	ID         string          `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// point is a longitude, latitude pair in degrees, or x, y in user units.
type point struct{ X, Y float64 }

// country is one geometry with its polygons as rings of arc references.
type country struct {
	ID, Name string
	// Polygons[i][j] is ring j of polygon i (0 = outer, others holes), as a
	// list of arc references.
	Polygons [][][]int
}

// parseTopology decodes a TopoJSON document.
func parseTopology(data []byte) (*topology, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("parse topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("parse topojson: type %q, want Topology", t.Type)
	}
	return &t, nil
}

// decodeArcs undoes delta encoding and quantization, giving every arc as
// absolute longitude/latitude points.
func (t *topology) decodeArcs() [][]point {
	out := make([][]point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]point, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform == nil {
				pts[j] = point{p[0], p[1]}
				continue
			}
			x += p[0]
			y += p[1]
			pts[j] = point{
				X: x*t.Transform.Scale[0] + t.Transform.Translate[0],
				Y: y*t.Transform.Scale[1] + t.Transform.Translate[1],
			}
		}
		out[i] = pts
	}
	return out
}

// countries reads the named GeometryCollection's polygons.
func (t *topology) countries(object string) ([]country, error) {
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("topojson has no object %q", object)
	}
	var out []country
	for _, g := range obj.Geometries {
		c := country{ID: g.ID, Name: g.Properties.Name}
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, fmt.Errorf("geometry %s %q: %w", g.ID, c.Name, err)
			}
			c.Polygons = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &c.Polygons); err != nil {
				return nil, fmt.Errorf("geometry %s %q: %w", g.ID, c.Name, err)
			}
		case "", "null":
			continue // a feature with no geometry
		default:
			return nil, fmt.Errorf("geometry %s %q: unsupported type %q", g.ID, c.Name, g.Type)
		}
		for _, poly := range c.Polygons {
			for _, ring := range poly {
				for _, ref := range ring {
					if i := arcIndex(ref); i < 0 || i >= len(t.Arcs) {
						return nil, fmt.Errorf("geometry %s %q: arc %d out of range", g.ID, c.Name, ref)
					}
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// arcIndex turns an arc reference into an index into the arcs array.
func arcIndex(ref int) int {
	if ref < 0 {
		return ^ref
	}
	return ref
}

// ring joins arcs into one closed ring, reversing those referenced as ^i and
// dropping the point each arc shares with the previous one.
func ring(arcs [][]point, refs []int) []point {
	var out []point
	for k, ref := range refs {
		a := arcs[arcIndex(ref)]
		pts := make([]point, len(a))
		copy(pts, a)
		if ref < 0 {
			for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
				pts[i], pts[j] = pts[j], pts[i]
			}
		}
		if k > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		out = append(out, pts...)
	}
	return out
}
