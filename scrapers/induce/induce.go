// Package induce learns the record structure of a member-list page from the
// members already known: yesterday's snapshot, or the names a network's
// fixtures hold. The known names locate the repeated sibling structure that
// carries them; the result is a spec source in spec.yaml's shape, plus the
// evidence a person (or the guard) needs to trust it.
//
// The package depends on nothing else in citynets so that it can be run,
// tested and fuzzed on its own; the spec engine later runs the induced
// source like any written one, so every selector is plain CSS that cascadia
// accepts and every field follows the engine's reading rules.
package induce

import (
	"context"
	"errors"
)

// Page is one fetched page, already decoded to UTF-8.
type Page struct {
	URL  string
	HTML []byte
}

// Known is a member already known (last good snapshot, or the network's
// known.txt).
type Known struct{ Name, Country string }

// Options tune induction; the zero value is usable.
type Options struct {
	// MinRecall is the share of known names the structure must contain
	// (default 0.6).
	MinRecall float64
	// Fetch, when set, fetches a further page (pagination check); nil means
	// no fetching: only the given pages are read.
	Fetch func(ctx context.Context, url string) ([]byte, error)
	// MaxPages bounds pagination per start page (default 50).
	MaxPages int
}

// Field is one field selector relative to a record, as in spec.yaml: select
// (CSS, "" = the record itself), attr, pattern (first group), own.
type Field struct {
	Select  string `yaml:"select,omitempty"`
	Attr    string `yaml:"attr,omitempty"`
	Pattern string `yaml:"pattern,omitempty"`
	Own     bool   `yaml:"own,omitempty"`
	// AtLeast is set only on a claimed count stated as a lower bound
	// ("over 1,500 members"); spec.yaml's claimed block has the same key.
	AtLeast bool `yaml:"at_least,omitempty"`
}

// PageParam pages through a list by a query parameter, as spec.yaml's
// pages block.
type PageParam = struct {
	Param string `yaml:"param"`
	From  int    `yaml:"from"`
}

// Source is an induced source in spec.yaml's shape (only what induction
// sets).
type Source struct {
	Name     string           `yaml:"name"`
	Start    []string         `yaml:"start"`
	Items    string           `yaml:"items"`
	Fields   map[string]Field `yaml:"fields"`         // "name", optional "country", optional "key"
	Next     *Field           `yaml:"next,omitempty"` // pagination: next link (select+attr href)
	Pages    *PageParam       `yaml:"pages,omitempty"`
	MaxPages int              `yaml:"max_pages,omitempty"`
	Claimed  *Field           `yaml:"claimed,omitempty"` // select + pattern, the count the page states
	Dedupe   bool             `yaml:"dedupe,omitempty"`
}

// Record is one member read by the induced source. URL is the page it was
// read from.
type Record struct {
	Name, Country, URL string

	key string // the engine's member key, which decides duplicates
}

// Candidate is one record structure that was considered, with its scores.
type Candidate struct {
	Items                               string
	Recall, NameLike, Regularity, Score float64
	Records                             int
	Why                                 string
}

// Evidence says why the induced source can be trusted, for the manifest and
// for `check --suggest`.
type Evidence struct {
	KnownTotal, KnownFound int
	Recall                 float64
	Records                int
	Samples                []Record // the first ~10
	NameLike               float64  // share of records that look like member names
	Claimed                int      // -1 when the page states no count
	Alternatives           []Candidate
	Pages                  int
	// Notes are further findings: pagination not verified, a field left
	// out and why.
	Notes []string
}

// Result is an induced source, its evidence and the members it reads.
type Result struct {
	Source   Source
	Evidence Evidence
	Members  []Record
}

// ErrNoStructure is wrapped by every refusal; the wrapping error says why.
var ErrNoStructure = errors.New("induce: no structure holds enough known members")
