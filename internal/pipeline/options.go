// Package pipeline is the nightly job: scrape every selected network, guard
// the results, resolve members to places, diff against the parent snapshot,
// and commit a new snapshot. `citynets run`, `citynets rebuild` and the
// schedule daemon all call Run.
package pipeline

import (
	"errors"
	"log/slog"
	"time"

	"github.com/citynets/citynets/scrapers"
)

// Options configure one run.
type Options struct {
	StoreDir string
	Networks string // comma-separated ids; "" = all
	Replay   string // serve every request from this WARC instead of the network
	SpecsDir string // spec overrides (<id>.yaml)

	GazetteerFile string // compact gazetteer file; "" = the embedded one
	OverridesFile string // the user's own match overrides, added to the committed ones

	Fetch scrapers.Config // politeness and retry settings (AllowedDomains come from specs)

	// AsOf picks spec variants; zero means the run's start time.
	AsOf time.Time
	// Wait for another process's store lock instead of failing.
	Wait bool

	// RebuildFrom re-derives that snapshot from its own archive.
	RebuildFrom string

	ToolVersion string
	Command     string // who holds the lock, for the message another process sees
	Logger      *slog.Logger
	Progress    Progress
}

// Progress receives per-network progress; the CLI draws bars from it.
type Progress interface {
	Start(network string)
	Page(network string, pages, members int)
	Done(network string, status string, members int)
}

// Error classes, so that the CLI can choose an exit code: bad input is 2,
// a store that cannot be written is 3.
var (
	ErrInput = errors.New("bad input")
	ErrStore = errors.New("store")
)
