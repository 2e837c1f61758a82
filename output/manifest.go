package output

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/citynets/citynets/internal/atomicfile"
)

// Network statuses in a manifest.
const (
	StatusOK       = "ok"       // scraped and passed its guard
	StatusRepaired = "repaired" // the spec failed; an induced structure passed the same guard
	StatusDegraded = "degraded" // an optional source failed; the main list passed its guard
	StatusFailed   = "failed"   // scrape or guard failed; Error says why, members carried forward
	StatusSkipped  = "skipped"  // not asked for in this run
)

// Manifest describes one committed snapshot: where it came from, what each
// network did, and the hash of every file, so a snapshot can be verified
// and reproduced without reading its tables.
type Manifest struct {
	ID            string                   `json:"id"`
	CreatedAt     time.Time                `json:"created_at"`
	ParentID      string                   `json:"parent_id,omitempty"`
	ToolVersion   string                   `json:"tool_version"`
	SchemaVersion string                   `json:"schema_version"`
	Gazetteer     GazetteerInfo            `json:"gazetteer"`
	Networks      map[string]NetworkStatus `json:"networks"`
	Files         map[string]FileInfo      `json:"files"`
	Specs         map[string]SpecInfo      `json:"specs,omitempty"`
	Replay        string                   `json:"replay,omitempty"`       // the archive a replayed run read
	RebuiltFrom   string                   `json:"rebuilt_from,omitempty"` // the snapshot a rebuild re-derived
	Repaired      []RepairRecord           `json:"repaired,omitempty"`     // in-place repairs of corruption (see Store.Repair)
	// Source is where the pages came from: "" for the live sites,
	// SourceWebArchive for a backfill, SourceRederived for the snapshot
	// that re-derives history after a backfill (see output/backfill.go).
	Source    string         `json:"source,omitempty"`
	Backfill  *BackfillInfo  `json:"backfill,omitempty"`
	Rederived *RederivedInfo `json:"rederived,omitempty"`
}

// GazetteerInfo names the gazetteer the members were matched against, so a
// processing change can be told from a source change.
type GazetteerInfo struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// NetworkStatus is what one network's scrape did in this run.
type NetworkStatus struct {
	Status  string `json:"status"`
	Members int    `json:"members"`
	Pages   int    `json:"pages"`
	// Requests counts the HTTP requests the scrape sent, retries and
	// robots.txt included; 0 when the run did not count them.
	Requests int `json:"requests,omitempty"`
	// NotModified counts requests answered 304 (the page was unchanged
	// since the parent's capture), Revisits the responses archived as
	// revisit records (a 304 or a payload the store already held).
	// BytesDownloaded are body bytes received, BytesStored the bytes the
	// archive grew by for this network. All 0 when not counted.
	NotModified     int   `json:"not_modified,omitempty"`
	Revisits        int   `json:"revisits,omitempty"`
	BytesDownloaded int64 `json:"bytes_downloaded,omitempty"`
	BytesStored     int64 `json:"bytes_stored,omitempty"`
	// ReusedPages counts the detail pages (of Pages) read from the last
	// night's archive, not fetched, because their list item had not
	// changed (spec setting detail.reuse_nights).
	ReusedPages int    `json:"reused_pages,omitempty"`
	Bytes       int64  `json:"bytes"`
	DurationMS  int64  `json:"duration_ms"`
	Error       string `json:"error,omitempty"`
	CarriedFrom string `json:"carried_from,omitempty"` // the snapshot stale members came from
	Claimed     int    `json:"claimed,omitempty"`      // the count the site itself states
	// InvalidUTF8 counts fields whose invalid bytes were replaced with
	// U+FFFD, and Truncated fields cut to the length cap: kept here rather
	// than on the member rows, so that a repair does not churn the diff.
	InvalidUTF8 int `json:"invalid_utf8,omitempty"`
	Truncated   int `json:"truncated,omitempty"`
	// Repair is set when Status is repaired: the induced spec and why it
	// was trusted.
	Repair *RepairInfo `json:"repair,omitempty"`
}

// Passed reports whether the network's members in this snapshot are a
// fresh scrape that passed its guard: ok, repaired and degraded all are.
// It is decided here once, because diffs, history and metrics must agree
// on which networks may produce "left" rows and which are stale copies.
func (s NetworkStatus) Passed() bool {
	switch s.Status {
	case StatusOK, StatusRepaired, StatusDegraded:
		return true
	}
	return false
}

// Passed maps every network of the manifest to whether it passed (see
// NetworkStatus.Passed); a nil manifest passes nothing. This is the form
// DiffInput and UpdateHistory take.
func (m *Manifest) Passed() map[string]bool {
	ok := map[string]bool{}
	if m == nil {
		return ok
	}
	for id, s := range m.Networks {
		ok[id] = s.Passed()
	}
	return ok
}

// Statuses maps every network of the manifest to its status string; a nil
// manifest has none.
func (m *Manifest) Statuses() map[string]string {
	st := map[string]string{}
	if m == nil {
		return st
	}
	for id, s := range m.Networks {
		st[id] = s.Status
	}
	return st
}

// FileInfo is one file of a snapshot as committed; verify re-checks it.
type FileInfo struct {
	SHA256 string `json:"sha256"`
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
}

// SpecInfo is the scraper spec a network was read with: the embedded one or
// a user override from Dir.
type SpecInfo struct {
	Variant string `json:"variant"`
	SHA256  string `json:"sha256"`
	Dir     string `json:"dir,omitempty"`
	// File is the spec stored in the snapshot (specs/<id>.yaml) when the
	// network was read with an induced spec: rebuild reads it back.
	File string `json:"file,omitempty"`
}

// ReadManifest reads a manifest.json file.
func ReadManifest(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", path, err)
	}
	return &m, nil
}

// writeManifest writes m as indented JSON to <dir>/manifest.json, atomically
// and synced.
func writeManifest(dir string, m *Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	return atomicfile.WriteFile(filepath.Join(dir, ManifestFile), append(b, '\n'), 0o644)
}
