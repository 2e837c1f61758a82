// Package mapview renders a snapshot as one self-contained HTML page: a
// world map with every member place as a dot, the networks along the bottom
// (hover, focus or tap one to see its cities and reach), a city search, and
// the changes since the parent snapshot. The page needs no network at view
// time: the country outlines (Natural Earth, via world-atlas, converted by
// ./gen), the styles, the script and the data are all inside it.
//
// Scraped text never becomes markup: the data travels as JSON inside
// <script type="application/json"> (with <, > and & escaped) and the
// script builds the page with textContent. A Content-Security-Policy that
// allows only the page's own inline script and style, by hash, and no
// fetches at all, backs that up.
package mapview

import (
	"time"

	"github.com/citynets/citynets"
)

// Network names a network on the map. Display names come from the caller
// (the scrapers know them); a network without one is shown by its id.
type Network struct {
	ID   string
	Name string
}

// Input is what the map shows: one snapshot's tables and identity.
// Networks fixes the order of the networks along the bottom; any other
// network the tables mention is appended by id.
type Input struct {
	SnapshotID string
	// AsOf is the time the snapshot describes (its id's date): the
	// night's run, or the step a backfill read web-archive captures for,
	// which may be years before the snapshot was written.
	AsOf     time.Time
	ParentID string
	Networks []Network
	Members  []citynets.Member
	Places   []citynets.Place
	Changes  []citynets.Change
	// Steps, oldest first, turn the page into a time series: with two or
	// more, it gets a slider over their dates and opens at the last one,
	// which should be the snapshot the fields above describe (they still
	// give the reach, names and changes). With fewer the page is the plain
	// one-snapshot map.
	Steps []Step
}

// Step is one snapshot of a time series: only what the slider needs, its
// identity and who was a member of what where.
type Step struct {
	SnapshotID string
	AsOf       time.Time         // the time the snapshot describes, as Input.AsOf
	Members    []citynets.Member // counted per network for the buttons
	Places     []citynets.Place  // each place's Networks at this date
}
