// Package pipeline is the nightly job: scrape every selected network, guard
// the results, resolve members to places, diff against the parent snapshot,
// and commit a new snapshot. `citynets run`, `citynets rebuild` and the
// schedule daemon all call Run.
package pipeline

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// Options configure one run.
type Options struct {
	StoreDir string
	Networks string // comma-separated ids; "" = all
	Replay   string // serve every request from this WARC instead of the network
	SpecsDir string // spec overrides (<id>.yaml)
	// SpecFiles are spec files by network id that take precedence over
	// SpecsDir: a rebuild reads a repaired network with the induced spec
	// its snapshot stored.
	SpecFiles map[string]string

	// Repair lets a network whose every spec variant fails its guard be
	// read with a structure induced from the members already known, when
	// that passes the same guard (status repaired); without it such a
	// network fails and is carried forward.
	Repair bool

	GazetteerFile string // compact gazetteer file; "" = the embedded one
	OverridesFile string // the user's own match overrides, added to the committed ones

	Fetch fetch.Config // politeness and retry settings (AllowedDomains come from specs)

	// AsOf picks spec variants; zero means the run's start time.
	AsOf time.Time
	// Wait for another process's store lock instead of failing.
	Wait bool

	// RebuildFrom re-derives that snapshot from its own archive.
	RebuildFrom string
	// guardRefs, set by Rebuild for a backfilled snapshot, are what each
	// network's guard compares with and self-repair looks for in place of
	// the parent's members: the later snapshots the backfill used.
	guardRefs map[string]*laterRef

	// Deadline bounds the run, from its start; zero means DefaultDeadline.
	// Networks still scraping when it passes are stopped and recorded as
	// failed with reason "deadline exceeded", their last good members
	// carried forward, and the rest is committed. Only a deadline reached
	// while the snapshot is being assembled and committed aborts the run,
	// with ErrStore and nothing written.
	Deadline time.Duration

	// Transport, when set, carries every request in place of the network
	// or Replay: tests and programs that embed the pipeline use it.
	Transport http.RoundTripper

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

// ErrDeadline is the cause of a network stopped by the run's deadline
// (its recorded reason starts with it) and of a commit the deadline
// aborted (wrapped in ErrStore).
var ErrDeadline = errors.New("deadline exceeded")

// DefaultDeadline bounds a run when Options.Deadline is zero: a nightly
// run that takes longer is stuck on some site, and carrying that network
// forward beats missing the night.
const DefaultDeadline = 4 * time.Hour
