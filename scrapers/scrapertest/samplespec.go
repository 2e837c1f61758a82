package scrapertest

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/citynets/citynets/scrapers"
)

// CheckSampleSpec checks that the lowered spec the bundled sample archive is
// run with, testdata/sample/specs/<id>.yaml, differs from the embedded spec
// only under guard:, so the demo exercises the real selectors; and that
// examples/specs/<id>.yaml, when present, is the same file. Run it from the
// network's package folder (scrapers/<id>/), as go test does.
func CheckSampleSpec(t *testing.T, n scrapers.Network) {
	t.Helper()
	name := n.ID + ".yaml"
	sample, err := os.ReadFile(filepath.Join("testdata", "sample", "specs", name))
	if err != nil {
		t.Fatal(err)
	}
	if ex, err := os.ReadFile(filepath.Join("..", "..", "examples", "specs", name)); err == nil && !bytes.Equal(ex, sample) {
		t.Errorf("examples/specs/%s differs from testdata/sample/specs/%s", name, name)
	}
	if a, b := withoutGuard(t, sample), withoutGuard(t, n.Spec); !reflect.DeepEqual(a, b) {
		t.Errorf("the sample spec differs from the embedded spec outside guard (copy spec.yaml above guard: into it):\n%v\n%v", a, b)
	}
}

// withoutGuard is a spec's YAML as a map, without its guard.
func withoutGuard(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "guard")
	return m
}
