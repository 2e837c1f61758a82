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

// version is the tool version written into manifests and printed by
// --version; set with -ldflags "-X main.version=…" (make build does).
var version = "dev"

// init fills in version from what Go stamps into the binary when it was
// built without -ldflags: the VCS revision of a checkout (go build), or the
// module version (go install …@v1.2.3).
func init() {
	info, _ := debug.ReadBuildInfo()
	version = toolVersion(version, info)
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
