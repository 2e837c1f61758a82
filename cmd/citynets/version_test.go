package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion: --version prints one line, "citynets VERSION"; the version
// command prints the same first line and the Go toolchain.
func TestVersion(t *testing.T) {
	want := "citynets " + version + "\n"
	cases := []struct {
		args []string
		more string // a later line the output must hold
	}{
		{[]string{"--version"}, ""},
		{[]string{"version"}, runtime.Version()},
	}
	for _, c := range cases {
		t.Run(c.args[0], func(t *testing.T) {
			code, out, errOut := run(t, c.args...)
			if code != exitOK || !strings.HasPrefix(out, want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 0 and first line %q", code, out, errOut, want)
			}
			if c.more == "" && out != want {
				t.Errorf("stdout %q, want only %q", out, want)
			}
			if !strings.Contains(out, c.more) {
				t.Errorf("stdout %q lacks %q", out, c.more)
			}
		})
	}
}

// TestToolVersion: the version set at link time wins, then the VCS
// revision of a build from a checkout, then the module version of go
// install, then "dev".
func TestToolVersion(t *testing.T) {
	const rev = "39a6170abcd1234567890abcdef0123456789abc"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	cases := []struct {
		name   string
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"ldflags", "v1.4.0", &debug.BuildInfo{Settings: vcs("false")}, "v1.4.0"},
		{"no build info", "dev", nil, "dev"},
		{"checkout", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("false")}, "dev-39a6170abcd1"},
		{"dirty checkout", "dev", &debug.BuildInfo{Settings: vcs("true")}, "dev-39a6170abcd1-dirty"},
		{"go install", "dev", &debug.BuildInfo{Main: debug.Module{Path: "github.com/citynets/citynets", Version: "v1.2.3"}}, "v1.2.3"},
		{"devel, no vcs", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := toolVersion(c.linked, c.info); got != c.want {
				t.Errorf("toolVersion = %q, want %q", got, c.want)
			}
		})
	}
}
