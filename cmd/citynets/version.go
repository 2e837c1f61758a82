package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// toolVersion is the version to report: the one set at link time, else the
// VCS revision Go stamped into a binary built from a checkout ("dev-"
// and 12 hex digits, "-dirty" when the tree had changes), else the module
// version of a binary built by go install, else "dev".
func toolVersion(linked string, info *debug.BuildInfo) string {
	if linked != "dev" && linked != "" {
		return linked
	}
	if info == nil {
		return "dev"
	}
	rev, dirty := vcsStamp(info)
	if len(rev) >= 12 {
		v := "dev-" + rev[:12]
		if dirty {
			v += "-dirty"
		}
		return v
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "dev"
}

// vcsStamp is the revision and modified flag of the build's VCS stamp.
func vcsStamp(info *debug.BuildInfo) (revision string, modified bool) {
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return revision, modified
}

// versionTemplate is what --version prints: the same first line as the
// version command, so scripts can read either.
const versionTemplate = "citynets {{.Version}}\n"

func newVersionCmd(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of citynets, and the commit and Go it was built from",
		Long: `version prints the tool version (the one recorded in every snapshot's
manifest as tool_version) on its first line, then the commit and the Go
toolchain the binary was built from, when the binary knows them.
"citynets --version" prints the first line alone.`,
		Example: `  citynets version
  citynets --version`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(app.Stdout, "citynets %s\n", version)
			info, ok := debug.ReadBuildInfo()
			if !ok {
				return nil
			}
			if rev, dirty := vcsStamp(info); rev != "" {
				note := ""
				if dirty {
					note = " (with uncommitted changes)"
				}
				fmt.Fprintf(app.Stdout, "commit:  %s%s\n", rev, note)
			}
			if v := info.Main.Version; v != "" && v != "(devel)" {
				fmt.Fprintf(app.Stdout, "module:  %s %s\n", info.Main.Path, v)
			}
			fmt.Fprintf(app.Stdout, "go:      %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
