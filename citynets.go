// Package citynets holds the domain types that flow through the pipeline:
// scrapers produce Members, enrich resolves them to Places, and output
// writes Members, Places, Changes and History rows as snapshot tables.
//
// The types carry no behaviour that needs I/O, so every package can share
// them without importing another's dependencies.
package citynets

import (
	"bytes"
	"encoding/json"
	"time"
)

// SchemaVersion is written into every table's key-value metadata and every
// manifest. Bump it when a column is added, removed or changes meaning.
const SchemaVersion = "2"

// LegacySchemaVersions are the older schema versions this build still
// reads: snapshots are immutable, so a store keeps its first files
// forever, and readers derive the columns those files lack.
func LegacySchemaVersions() []string { return []string{"1"} }

// Member types, as DESIGN defines them.
const (
	TypeCity        = "city"
	TypeRegion      = "region"
	TypeAssociation = "association"
	TypeOther       = "other"
)

// Match methods, as DESIGN defines them.
const (
	MatchExact    = "exact"
	MatchAlias    = "alias"
	MatchFuzzy    = "fuzzy"
	MatchOverride = "override"
	MatchNone     = "none"
)

// Member is one membership as a network publishes it, plus what enrichment
// resolved it to. Empty strings stand for null in the nullable string
// columns; a zero MemberSince is null.
type Member struct {
	Network string `json:"network"`
	// MemberID names the membership across renames and key changes within
	// its network (see output.AssignMemberIDs); MemberKey is the key the
	// network publishes today.
	MemberID         string            `json:"member_id,omitempty"`
	MemberKey        string            `json:"member_key"`
	Name             string            `json:"name"`
	CountryPublished string            `json:"country_published,omitempty"`
	MemberType       string            `json:"member_type"`
	MemberSince      time.Time         `json:"member_since,omitzero"` // a civil date at UTC midnight; zero = null
	NetworkRegion    string            `json:"network_region,omitempty"`
	Attributes       map[string]string `json:"attributes,omitempty"`
	SourceURL        string            `json:"source_url"`
	SourceSHA256     string            `json:"source_sha256"`
	FetchedAt        time.Time         `json:"fetched_at"`

	Match Match `json:"match,omitzero"`

	// CountryCodePublished is the ISO 3166-1 alpha-2 code of the published
	// country, set even when no place matched; CountryName and Continent
	// are those of the matched place's country, else of the published one.
	CountryCodePublished string `json:"country_code_published,omitempty"`
	CountryName          string `json:"country_name,omitempty"`
	Continent            string `json:"continent,omitempty"`

	Stale       bool   `json:"stale,omitempty"`
	CarriedFrom string `json:"carried_from,omitempty"`
}

// Match is the place a member resolved to. When PlaceID is empty every
// place column is null and Method is MatchNone.
type Match struct {
	PlaceID     string  `json:"place_id"` // "geonames:<id>"
	PlaceName   string  `json:"place_name"`
	CountryCode string  `json:"country_code"` // ISO 3166-1 alpha-2
	Admin1Code  string  `json:"admin1_code,omitempty"`
	Admin1Name  string  `json:"admin1_name,omitempty"`
	Latitude    float64 `json:"latitude"`
	Longitude   float64 `json:"longitude"`
	Population  int64   `json:"population"`
	Method      string  `json:"method"`
	Score       float32 `json:"score"`
}

// Resolved reports whether the member matched a place.
func (m Match) Resolved() bool { return m.PlaceID != "" }

// Place is one distinct real place: the deduplicated city that one or more
// memberships resolve to.
type Place struct {
	PlaceID      string
	Name         string
	ASCIIName    string
	CountryCode  string
	CountryName  string
	Continent    string // GeoNames' continent of CountryCode, spelt out
	Admin1Code   string
	Admin1Name   string
	Latitude     float64
	Longitude    float64
	Population   int64
	FeatureCode  string
	Networks     []string // sorted network ids
	NetworkCount int32
	MemberKeys   []string // "<network>/<member_key>", sorted
}

// Change kinds.
const (
	Joined   = "joined"
	Left     = "left"
	Renamed  = "renamed"
	Modified = "modified"
)

// Change causes.
const (
	CauseSource     = "source"
	CauseProcessing = "processing"
)

// Change is one row of the diff between a snapshot and its parent.
// MemberKey is the key in To (in From for a left member); OldMemberKey and
// NewMemberKey are the key on each side, empty on the side where the
// member is absent, so a renamed row carries both.
type Change struct {
	FromSnapshot  string
	ToSnapshot    string
	Network       string
	MemberID      string
	MemberKey     string
	OldMemberKey  string
	NewMemberKey  string
	Change        string
	Cause         string
	ChangedFields []string
	OldName       string
	NewName       string
	PlaceID       string
}

// HistoryEntry is one spell of membership: a continuous period in which
// the member was listed, across all snapshots so far. A member that left
// and rejoined has one entry per spell, all with its MemberID.
type HistoryEntry struct {
	Network   string
	MemberID  string
	MemberKey string // the latest member_key of the spell
	PlaceID   string // the latest place
	Name      string // the latest published name
	// FromSnapshot is the first snapshot that observed the spell,
	// ToSnapshot the last; From and To are their dates (UTC midnight).
	FromSnapshot string
	ToSnapshot   string
	From, To     time.Time
	// Present is true while the spell is open: the member is in this
	// snapshot's members table.
	Present   bool
	SeenCount int64 // snapshots of the spell that observed the member
}

// Tables is one snapshot's complete content.
type Tables struct {
	Members []Member
	Places  []Place
	Changes []Change
	History []HistoryEntry
}

// MarshalJSON writes MemberSince as a civil date ("2007-11-27"), as the
// members table's DATE column holds it, rather than as a timestamp.
func (m Member) MarshalJSON() ([]byte, error) {
	type plain Member
	var since string
	if !m.MemberSince.IsZero() {
		since = m.MemberSince.Format(time.DateOnly)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // names such as "Dhaka (North & South)" stay readable
	err := enc.Encode(struct {
		plain
		MemberSince string `json:"member_since,omitempty"`
	}{plain(m), since})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}
