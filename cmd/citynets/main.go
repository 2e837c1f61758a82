// Command citynets collects the member lists of global city networks,
// resolves members to places and writes versioned Parquet/Arrow snapshots.
// Run `citynets --help` for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/citynets/citynets/output"
	_ "github.com/citynets/citynets/scrapers/all" // every network
)

// version is the tool version written into manifests; set with
// -ldflags "-X main.version=…".
var version = "dev"

// init fills in version from the VCS stamp Go writes into the binary when
// it was built without -ldflags (go build, go install).
func init() {
	if version != "dev" {
		return
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				version = "dev-" + s.Value[:12]
			}
		}
	}
}

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(output.MemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
