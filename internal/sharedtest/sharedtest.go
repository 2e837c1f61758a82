// Package sharedtest finds the files a few tests read from the shared
// folder beside the repository (../shared: the evaluation data, the notes
// on the networks' sites), which is not part of the repository and is
// absent in a clean clone.
//
// Such a test skips when the file is missing, so that anyone can run the
// suite, except when the environment variable CI is set: there a missing
// file is a failure, because a CI run that quietly skipped the matcher's
// evaluation would report a pass it never checked.
package sharedtest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Dir is the shared folder, relative to the module root.
const Dir = "../shared"

// Path returns the path of rel (a slash-separated path inside the shared
// folder, e.g. "eval/name_variants.dev.csv"), or skips the test when the
// file is missing; with CI set it fails the test instead.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("sharedtest: %v", err)
	}
	return find(t, root, rel, os.Getenv("CI") != "")
}

// find is Path with the module root and the CI rule given.
func find(t testing.TB, root, rel string, ci bool) string {
	t.Helper()
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		t.Fatalf("sharedtest: %q is not a path inside %s", rel, Dir)
	}
	p := filepath.Join(root, filepath.FromSlash(Dir), filepath.FromSlash(rel))
	switch _, err := os.Stat(p); {
	case err == nil:
		return p
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatalf("sharedtest: %v", err)
	case ci:
		t.Fatalf("CI is set but %s is missing: put the shared folder beside the repository", p)
	default:
		t.Skipf("%s not present (skipping outside CI only)", p)
	}
	return ""
}

// moduleRoot is the folder holding go.mod, found by walking up from the
// working directory (a test runs in its package's folder).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the module root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("find the module root: no go.mod above the working directory")
		}
		dir = parent
	}
}
