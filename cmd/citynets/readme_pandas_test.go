package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// debianPython is Debian's interpreter, which python3-pandas installs for;
// a python3 earlier on PATH (pyenv) may have no pandas.
const debianPython = "/usr/bin/python3"

// TestReadmePandasSnippet runs the README's CSV route as an analyst
// without pyarrow would: citynets export --all to members.csv, then the
// README's pandas snippet with Debian's python3-pandas. Without python3
// or pandas it skips, but with CI set it fails (.ci/run installs them).
func TestReadmePandasSnippet(t *testing.T) {
	if err := exec.Command(debianPython, "-c", "import pandas").Run(); err != nil {
		msg := debianPython + " with pandas is not installed (apt-get install python3-pandas)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```python\n(import pandas.*?)```").FindSubmatch(readme)
	if m == nil || !strings.Contains(string(m[1]), "read_csv") {
		t.Fatal("README has no pandas snippet reading CSV")
	}
	if !strings.Contains(string(readme), "citynets export --all --table members --format csv -o members.csv") {
		t.Fatal("README does not show the export line the pandas snippet reads")
	}

	dir := t.TempDir()
	store := filepath.Join(dir, "data")
	for _, args := range [][]string{
		{"run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"},
		{"run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"},
		{"export", "--store", store, "--all", "--table", "members", "--format", "csv", "-o", filepath.Join(dir, "members.csv")},
	} {
		if code, out, errOut := run(t, args...); code != exitOK {
			t.Fatalf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
	}
	cmd := exec.Command(debianPython, "-c", string(m[1]))
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pandas snippet: %v\n%s", err, out)
	}
	for _, network := range []string{"c40", "iclei", "metropolis", "uclg", "wmccc"} {
		if !strings.Contains(string(out), network) {
			t.Errorf("pandas snippet printed no %s:\n%s", network, out)
		}
	}
}
