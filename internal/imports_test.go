// Package internal holds the packages only citynets itself may import; this
// file's test keeps DESIGN's one-way import rules between the layers.
package internal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// listed is what `go list -json` says of one package.
type listed struct {
	ImportPath   string
	Imports      []string // direct, non-test
	Deps         []string // transitive, non-test
	TestImports  []string
	XTestImports []string
	Error        *struct{ Err string }
}

// testImports are the packages the package's tests import directly.
func (p listed) testImports() []string {
	return append(slices.Clone(p.TestImports), p.XTestImports...)
}

// listPackages runs `go list -e -json` over the whole module.
func listPackages(t *testing.T) (module string, pkgs []listed) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module, dir, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	touchSources(t, dir)
	cmd := exec.Command("go", "list", "-e", "-json", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages: is the test run from the module?", len(pkgs))
	}
	return module, pkgs
}

// touchSources stats every Go file and go.mod of the module, so that go
// test's result cache, which sees what the test process itself reads but
// not what the go list it runs reads, is invalidated by a changed import.
func touchSources(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir
		case d.IsDir():
			return nil
		case strings.HasSuffix(path, ".go") || d.Name() == "go.mod":
			_, err := os.Stat(path)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk the module: %v", err)
	}
}

// within reports whether path is tree or a package under it.
func within(path, tree string) bool {
	return path == tree || strings.HasPrefix(path, tree+"/")
}

// stdlib reports whether path is a standard-library package: its first
// element has no dot.
func stdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// TestImportRules enforces the one-way rules of DESIGN.md ("Layout"):
//
//   - no package imports cmd;
//   - scrapers/fetch imports nothing from scrapers, directly or indirectly;
//   - a network package scrapers/<id> imports only the standard library,
//     the domain types, scrapers, scrapers/fetch, goquery and colly (its
//     tests may also use scrapers/scrapertest);
//   - scrapers, enrich and output (with their subpackages) never import
//     each other, internal/pipeline or cmd, directly or indirectly; their
//     tests do not import them directly either.
//
// A broken rule names the importing package and the import.
func TestImportRules(t *testing.T) {
	mod, pkgs := listPackages(t)
	var (
		cmdTree  = mod + "/cmd"
		scrapers = mod + "/scrapers"
		fetch    = scrapers + "/fetch"
		pipeline = mod + "/internal/pipeline"
		layers   = []string{scrapers, mod + "/enrich", mod + "/output"}
	)
	// Framework folders under scrapers/ that are not networks.
	framework := map[string]bool{"all": true, "fetch": true, "scrapertest": true, "induce": true}
	networkAllowed := func(imp string, test bool) bool {
		switch {
		case stdlib(imp), imp == mod, imp == scrapers, imp == fetch,
			within(imp, "github.com/PuerkitoBio/goquery"), within(imp, "github.com/gocolly/colly/v2"):
			return true
		case test && imp == scrapers+"/scrapertest":
			return true
		}
		return false
	}
	layerOf := func(path string) string {
		for _, l := range layers {
			if within(path, l) {
				return l
			}
		}
		return ""
	}

	for _, p := range pkgs {
		if p.Error != nil {
			t.Errorf("%s: %s", p.ImportPath, p.Error.Err)
			continue
		}
		everything := append(slices.Clone(p.Deps), p.testImports()...)

		for _, imp := range everything {
			if within(imp, cmdTree) {
				t.Errorf("%s imports %s: no package imports cmd", p.ImportPath, imp)
			}
		}

		if within(p.ImportPath, fetch) {
			for _, imp := range p.Deps {
				if within(imp, scrapers) && !within(imp, fetch) {
					t.Errorf("%s imports %s: scrapers/fetch imports nothing from scrapers", p.ImportPath, imp)
				}
			}
		}

		if rest, ok := strings.CutPrefix(p.ImportPath, scrapers+"/"); ok && !strings.Contains(rest, "/") && !framework[rest] {
			for _, imp := range p.Imports {
				if !networkAllowed(imp, false) {
					t.Errorf("%s imports %s: a network package imports only scrapers, scrapers/fetch, goquery, colly and the standard library", p.ImportPath, imp)
				}
			}
			for _, imp := range p.testImports() {
				if !networkAllowed(imp, true) && imp != p.ImportPath {
					t.Errorf("%s (tests) import %s: a network package imports only scrapers, scrapers/fetch, scrapertest, goquery, colly and the standard library", p.ImportPath, imp)
				}
			}
		}

		if own := layerOf(p.ImportPath); own != "" {
			check := func(imps []string, how string) {
				for _, imp := range imps {
					other := layerOf(imp)
					switch {
					case other != "" && other != own:
						t.Errorf("%s %s %s: %s and %s never import each other", p.ImportPath, how, imp,
							strings.TrimPrefix(own, mod+"/"), strings.TrimPrefix(other, mod+"/"))
					case within(imp, pipeline):
						t.Errorf("%s %s %s: the layers never import internal/pipeline", p.ImportPath, how, imp)
					}
				}
			}
			check(p.Deps, "imports")
			check(p.testImports(), "(tests) import")
		}
	}
}
