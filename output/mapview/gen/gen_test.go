package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyTopology is hand-written TopoJSON: two unit squares sharing their
// middle edge (arc 0), the right one referencing it reversed (^0 = -1), and
// a quantized, delta-encoded transform as world-atlas uses.
const tinyTopology = `{"type":"Topology",
 "transform":{"scale":[0.5,0.5],"translate":[-10,-10]},
 "arcs":[
  [[20,20],[0,2]],
  [[20,22],[-2,0],[0,-2],[2,0]],
  [[20,20],[2,0],[0,2],[-2,0]]
 ],
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","id":"001","properties":{"name":"Left"},"arcs":[[0,1]]},
  {"type":"MultiPolygon","id":"002","properties":{"name":"Right"},"arcs":[[[2,-1]]]},
  {"type":null,"id":"003","properties":{"name":"Nothing"}}
 ]}}}`

func TestDecodeTopology(t *testing.T) {
	topo, err := parseTopology([]byte(tinyTopology))
	if err != nil {
		t.Fatal(err)
	}
	arcs := topo.decodeArcs()
	if got, want := arcs[0], []point{{0, 0}, {0, 1}}; !equalPts(got, want) {
		t.Errorf("arc 0 = %v, want %v", got, want)
	}
	countries, err := topo.countries("countries")
	if err != nil {
		t.Fatal(err)
	}
	if len(countries) != 2 || countries[0].Name != "Left" || countries[1].ID != "002" {
		t.Fatalf("countries = %+v", countries)
	}
	left := ring(arcs, countries[0].Polygons[0][0])
	if want := []point{{0, 0}, {0, 1}, {-1, 1}, {-1, 0}, {0, 0}}; !equalPts(left, want) {
		t.Errorf("left ring = %v, want %v", left, want)
	}
	right := ring(arcs, countries[1].Polygons[0][0])
	if want := []point{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}; !equalPts(right, want) {
		t.Errorf("right ring (with a reversed arc) = %v, want %v", right, want)
	}
}

func TestParseTopologyErrors(t *testing.T) {
	for name, in := range map[string]string{
		"not json":     `{`,
		"not topology": `{"type":"FeatureCollection"}`,
		"arc out of range": `{"type":"Topology","arcs":[],"objects":{"countries":{"type":"GeometryCollection",
			"geometries":[{"type":"Polygon","arcs":[[5]]}]}}}`,
	} {
		topo, err := parseTopology([]byte(in))
		if err == nil {
			_, err = topo.countries("countries")
		}
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSimplifyKeepsEndsAndShape(t *testing.T) {
	// A nearly straight line with one real corner.
	arc := []point{{0, 0}, {1, 0.001}, {2, 0}, {3, 0.002}, {4, 0}, {4, 4}}
	got := simplifyArc(arc, 0.35)
	if got[0] != arc[0] || got[len(got)-1] != arc[len(arc)-1] {
		t.Errorf("ends not kept: %v", got)
	}
	if !containsPt(got, point{4, 0}) {
		t.Errorf("corner dropped: %v", got)
	}
	if len(got) > 4 {
		t.Errorf("kept %d points of a near-straight line: %v", len(got), got)
	}
}

func TestCutRing(t *testing.T) {
	// A box from 170°E to 170°W (across the antimeridian), 60–70°N.
	box := []point{{170, 60}, {-170, 60}, {-170, 70}, {170, 70}, {170, 60}}
	parts := cutRing(box)
	if len(parts) != 2 {
		t.Fatalf("%d parts, want 2: %v", len(parts), parts)
	}
	for _, p := range parts {
		east := p[0].X > 0
		for _, q := range p {
			if math.Abs(q.X) > 180 || (q.X > 0) != east && math.Abs(q.X) != 180 {
				t.Errorf("part %v mixes sides", p)
				break
			}
		}
		// The new edge along ±180° is densified (1° steps over 10°).
		edge := 0
		for _, q := range p {
			if math.Abs(q.X) == 180 {
				edge++
			}
		}
		if edge < 10 {
			t.Errorf("edge along the antimeridian has %d points, want ≥ 10", edge)
		}
	}
	plain := []point{{0, 0}, {1, 0}, {1, 1}, {0, 0}}
	if got := cutRing(plain); len(got) != 1 || !equalPts(got[0], plain) {
		t.Errorf("a ring that does not cross changed: %v", got)
	}
}

func TestPathData(t *testing.T) {
	got := pathData([][]point{
		{{10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}},
		{{0, 0}, {0.1, 0}, {0, 0.1}}, // collapses on the grid: dropped
	}, 0.5, 1.5)
	if want := "M10 10l10 0 0 10-10 0z"; got != want {
		t.Errorf("pathData = %q, want %q", got, want)
	}
	for in, want := range map[float64]string{0: "0", 0.5: ".5", -0.5: "-.5", 10.5: "10.5", -12: "-12", 1.25: "1.3"} {
		if got := num(in); got != want {
			t.Errorf("num(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestGenerateTiny(t *testing.T) {
	topo, err := parseTopology([]byte(tinyTopology))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := generate(&b, topo, "tiny.json", opts{tol: 0.1, step: 0.5, minArea: 0.1}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[1], "viewbox 0 ") || !strings.HasPrefix(lines[2], "sphere\t\tM") ||
		!strings.HasPrefix(lines[3], "001\tLeft\tM") || !strings.HasPrefix(lines[4], "002\tRight\tM") {
		t.Errorf("output:\n%s", b.String())
	}
}

// TestCommittedOutputIsCurrent regenerates countries.txt from world-atlas,
// where it is installed (package.json here pins it), and compares it with
// the committed file. Without it the test skips, but with CI set it fails.
func TestCommittedOutputIsCurrent(t *testing.T) {
	in, err := findInput()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (.ci/run installs it: npm ci --prefix output/mapview/gen)", err)
		}
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "countries.txt")
	if err := run(in, out, opts{tol: defaultTol, step: defaultStep, minArea: defaultMinArea}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../countries.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("../countries.txt is not what the generator makes now: run go generate ./output/mapview/")
	}
}

func equalPts(a, b []point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i].X-b[i].X) > 1e-9 || math.Abs(a[i].Y-b[i].Y) > 1e-9 {
			return false
		}
	}
	return true
}

func containsPt(ps []point, p point) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
