package output

import (
	"crypto/sha256"
	"errors"
	"slices"
	"strings"
	"time"
)

// Snapshot sources (Manifest.Source). A nightly run leaves it empty: its
// pages are the live sites'.
const (
	// SourceWebArchive marks a snapshot read from web-archive captures by
	// `citynets backfill`, dated at its step.
	SourceWebArchive = "web-archive"
	// SourceRederived marks the snapshot a backfill commits after landing
	// before existing snapshots: the newest snapshot's members, with the
	// history re-derived from the whole series in date order.
	SourceRederived = "history-rederived"
)

// BackfillInfo is a backfilled snapshot's record of where its pages came
// from: which archive, as of which date, and each page's capture.
type BackfillInfo struct {
	// Step is the date the snapshot describes: captures of start pages are
	// the nearest before it.
	Step time.Time `json:"step"`
	// Archive is the web archive's base URL.
	Archive string `json:"archive"`
	// Networks are the networks the backfill was asked for, sorted; with
	// Step they determine the snapshot's id (BackfillID).
	Networks []string `json:"networks"`
	// Window is how far from the start page's capture a followed page's
	// capture may be.
	Window string `json:"window"`
	// Captures are, per network, the captures its pages were read from.
	Captures map[string]NetworkCaptures `json:"captures,omitempty"`
}

// NetworkCaptures are the captures one network was read from at a step.
type NetworkCaptures struct {
	Pages []CaptureInfo `json:"pages"`
	// Oldest and Newest bound the capture times; Spread is how far apart
	// they are, and Before how long before the step the newest was taken:
	// a list read from captures months apart may mix two states of a site.
	Oldest time.Time `json:"oldest"`
	Newest time.Time `json:"newest"`
	Spread string    `json:"spread"`
	Before string    `json:"before_step"`
}

// CaptureInfo is one page of a backfilled snapshot as the archive held it.
type CaptureInfo struct {
	URL       string    `json:"url"`     // the page's live URL, as the scraper asked for it
	Capture   string    `json:"capture"` // the capture's address at the archive (id_ form)
	Timestamp time.Time `json:"timestamp"`
}

// RederivedInfo records which snapshots the history of a SourceRederived
// snapshot was derived from, oldest first.
type RederivedInfo struct {
	Series []string `json:"series"`
}

// SummarizeCaptures fills in the bounds of a network's captures.
func SummarizeCaptures(step time.Time, pages []CaptureInfo) NetworkCaptures {
	nc := NetworkCaptures{Pages: pages}
	for i, p := range pages {
		if i == 0 || p.Timestamp.Before(nc.Oldest) {
			nc.Oldest = p.Timestamp
		}
		if i == 0 || p.Timestamp.After(nc.Newest) {
			nc.Newest = p.Timestamp
		}
	}
	if len(pages) > 0 {
		nc.Spread = nc.Newest.Sub(nc.Oldest).String()
		nc.Before = step.Sub(nc.Newest).String()
	}
	return nc
}

// BackfillID is the id of the backfilled snapshot describing step for the
// networks: the step's time in the id layout, so it sorts among the
// nightly snapshots by the date it describes, and a suffix derived from
// the step and the sorted networks, so a re-run of the same backfill finds
// its own snapshots instead of adding copies.
func BackfillID(step time.Time, networks []string) string {
	nets := slices.Clone(networks)
	slices.Sort(nets)
	at := step.UTC().Truncate(time.Second).Format(idLayout)
	sum := sha256.Sum256([]byte("backfill\n" + at + "\n" + strings.Join(nets, ",")))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b [3]byte
	for i := range b {
		b[i] = alphabet[int(sum[i])%len(alphabet)]
	}
	return at + "-" + string(b[:])
}

// SnapshotTime is the time a snapshot id describes (the time it starts
// with); ErrInvalidID for an id that does not start with one.
func SnapshotTime(id string) (time.Time, error) { return idTime(id) }

// ErrNotBackfill says a snapshot at a backfill's id is not a backfill of
// the same step and networks: it is kept, and the step is not redone.
var ErrNotBackfill = errors.New("snapshot at the backfill id is not that backfill")
