package sharedtest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// recorder is a testing.TB that records how find ended the test instead of
// ending it: Fatalf and Skipf stop the calling goroutine, as the real ones do.
type recorder struct {
	testing.TB
	failed, skipped bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }
func (r *recorder) Skipf(string, ...any)  { r.skipped = true; runtime.Goexit() }
func (r *recorder) run(f func(testing.TB)) {
	done := make(chan struct{})
	go func() { defer close(done); f(r) }()
	<-done
}

func TestFind(t *testing.T) {
	root := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(filepath.Join(root, "..", "shared", "eval"), 0o755); err != nil {
		t.Fatal(err)
	}
	present := filepath.Join(root, "..", "shared", "eval", "data.csv")
	if err := os.WriteFile(present, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		rel           string
		ci            bool
		want          string
		fail, skipped bool
	}{
		{name: "present", rel: "eval/data.csv", want: present},
		{name: "present in CI", rel: "eval/data.csv", ci: true, want: present},
		{name: "missing skips", rel: "eval/other.csv", skipped: true},
		{name: "missing in CI fails", rel: "eval/other.csv", ci: true, fail: true},
		{name: "outside the folder", rel: "../repo/go.mod", fail: true},
		{name: "absolute", rel: "/etc/passwd", fail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			var got string
			r.run(func(tb testing.TB) { got = find(tb, root, tt.rel, tt.ci) })
			if got != tt.want || r.failed != tt.fail || r.skipped != tt.skipped {
				t.Errorf("find(%q, ci=%v) = %q, failed %v, skipped %v; want %q, %v, %v",
					tt.rel, tt.ci, got, r.failed, r.skipped, tt.want, tt.fail, tt.skipped)
			}
		})
	}
}

func TestModuleRoot(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	// This package is internal/sharedtest in the module.
	if wd, _ := os.Getwd(); filepath.Join(root, "internal", "sharedtest") != wd {
		t.Errorf("moduleRoot() = %s, working directory %s", root, wd)
	}
}
