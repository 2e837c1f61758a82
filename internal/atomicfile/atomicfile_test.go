package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// leftovers lists what is in dir besides the names given.
func leftovers(t *testing.T, dir string, want ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range entries {
		found := false
		for _, w := range want {
			found = found || e.Name() == w
		}
		if !found {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string) // what is at path before
		perm  os.FileMode
	}{
		{"new file", func(*testing.T, string) {}, 0o644},
		{"replaces a file", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("old contents, longer than the new"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, 0o640},
		{"replaces a symlink, not its target", func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "target")
			if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, path); err != nil {
				t.Skip("no symlinks here:", err)
			}
			t.Cleanup(func() {
				if b, _ := os.ReadFile(target); string(b) != "keep" {
					t.Errorf("the symlink's target was written: %q", b)
				}
			})
		}, 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.txt")
			tt.setup(t, path)
			if err := WriteFile(path, []byte("new\n"), tt.perm); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() || fi.Mode().Perm() != tt.perm {
				t.Errorf("mode = %v, want a regular file %v", fi.Mode(), tt.perm)
			}
			if b, _ := os.ReadFile(path); string(b) != "new\n" {
				t.Errorf("contents = %q", b)
			}
			if extra := leftovers(t, dir, "out.txt"); len(extra) > 0 {
				t.Errorf("left behind: %v", extra)
			}
		})
	}
}

func TestCreateAbortAndCommit(t *testing.T) {
	tests := []struct {
		name   string
		commit bool
		want   string
	}{
		{"abort leaves the old file", false, "old"},
		{"commit replaces it", true, "streamed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.bin")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := Create(path, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Abort()
			for _, s := range []string{"str", "eamed"} {
				if _, err := f.Write([]byte(s)); err != nil {
					t.Fatal(err)
				}
			}
			if b, _ := os.ReadFile(path); string(b) != "old" {
				t.Errorf("target changed before Commit: %q", b)
			}
			if tt.commit {
				if err := f.Commit(); err != nil {
					t.Fatal(err)
				}
			} else if err := f.Abort(); err != nil {
				t.Fatal(err)
			}
			if err := f.Abort(); err != nil {
				t.Errorf("a second Abort: %v", err)
			}
			if err := f.Commit(); err == nil {
				t.Error("Commit after the file is done succeeded")
			}
			if b, _ := os.ReadFile(path); string(b) != tt.want {
				t.Errorf("contents = %q, want %q", b, tt.want)
			}
			if extra := leftovers(t, dir, "out.bin"); len(extra) > 0 {
				t.Errorf("left behind: %v", extra)
			}
		})
	}
}

func TestCreateMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "folder", "x")
	if _, err := Create(path, 0o644); err == nil {
		t.Fatal("Create in a missing folder succeeded")
	}
	if err := WriteFile(path, nil, 0o644); err == nil {
		t.Fatal("WriteFile in a missing folder succeeded")
	}
}
