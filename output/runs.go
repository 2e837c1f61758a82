package output

import (
	"context"
	"maps"
	"slices"
	"time"
)

// RunsParquet is the table of one snapshot's per-network run outcomes.
const RunsParquet = "runs.parquet"

// Run is one network's outcome in one snapshot: a row of runs.parquet. It
// repeats the manifest's network entry in table form, so that "which nights
// did ICLEI fail?" is one query over every snapshot instead of JSON
// wrangling per manifest.
type Run struct {
	Network     string
	Status      string
	Reason      string // why the network failed or degraded; "" when ok
	Members     int64
	Pages       int64
	Requests    int64 // 0 when not counted
	Bytes       int64
	DurationMS  int64
	Claimed     int64 // the count the site states; 0 when it states none
	SpecVariant string
	CarriedFrom string
	InvalidUTF8 int64
	Truncated   int64
}

// RunsFromManifest returns the runs rows of a manifest, one per network,
// sorted by network id. It is how runs.parquet is written, and how a
// snapshot written before runs.parquet existed is read.
func RunsFromManifest(m *Manifest) []Run {
	if m == nil {
		return nil
	}
	out := make([]Run, 0, len(m.Networks))
	for _, id := range slices.Sorted(maps.Keys(m.Networks)) {
		n := m.Networks[id]
		r := Run{
			Network: id, Status: n.Status, Reason: n.Error,
			Members: int64(n.Members), Pages: int64(n.Pages), Requests: int64(n.Requests),
			Bytes: n.Bytes, DurationMS: n.DurationMS, Claimed: int64(n.Claimed),
			CarriedFrom: n.CarriedFrom, InvalidUTF8: int64(n.InvalidUTF8), Truncated: int64(n.Truncated),
			SpecVariant: m.Specs[id].Variant,
		}
		if n.Repair != nil && r.SpecVariant == "" {
			r.SpecVariant = "induced"
		}
		out = append(out, r)
	}
	return out
}

// runColumns defines the runs table: one row per network of the snapshot.
// Counts a run did not record (requests, the claimed count) are null.
func runColumns() []column[Run] {
	known := func(v func(*Run) *int64) func(*Run) bool { return func(r *Run) bool { return *v(r) > 0 } }
	requests := func(r *Run) *int64 { return &r.Requests }
	claimed := func(r *Run) *int64 { return &r.Claimed }
	return []column[Run]{
		stringCol("network", false, func(r *Run) *string { return &r.Network }, nil),
		stringCol("status", false, func(r *Run) *string { return &r.Status }, nil),
		stringCol("reason", true, func(r *Run) *string { return &r.Reason }, nil),
		int64Col("members", func(r *Run) *int64 { return &r.Members }, nil),
		int64Col("pages", func(r *Run) *int64 { return &r.Pages }, nil),
		int64Col("requests", requests, known(requests)),
		int64Col("bytes", func(r *Run) *int64 { return &r.Bytes }, nil),
		int64Col("duration_ms", func(r *Run) *int64 { return &r.DurationMS }, nil),
		int64Col("claimed", claimed, known(claimed)),
		stringCol("spec_variant", true, func(r *Run) *string { return &r.SpecVariant }, nil),
		stringCol("carried_from", true, func(r *Run) *string { return &r.CarriedFrom }, nil),
		int64Col("invalid_utf8", func(r *Run) *int64 { return &r.InvalidUTF8 }, nil),
		int64Col("truncated", func(r *Run) *int64 { return &r.Truncated }, nil),
	}
}

// writeRuns writes <dir>/runs.parquet from the manifest, synced, and
// returns its row count.
func writeRuns(ctx context.Context, dir, snapshotID string, m *Manifest) (int64, error) {
	runs := RunsFromManifest(m)
	return int64(len(runs)), writeTable(ctx, dir, "runs", snapshotID, stamped(snapshotID, runColumns()), runs, false, true)
}

// ReadRuns reads one runs.parquet file.
func ReadRuns(ctx context.Context, path string) ([]Run, error) {
	rows, _, _, err := readTable(ctx, path, stamped("", runColumns()))
	return rows, err
}

// snapshotDate is the date snapshot id describes (the time its id starts
// with), and false for an id that does not start with one.
func snapshotDate(id string) (time.Time, bool) {
	t, err := idTime(id)
	return t, err == nil
}
