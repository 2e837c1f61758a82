package scrapers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/andybalholm/cascadia"
	"go.yaml.in/yaml/v3"
)

// Spec is everything about a network's pages that is not logic: where the
// list is, how to page through it, which elements hold which field, and the
// bounds a result must stay within. It is read from the network's embedded
// spec.yaml, or from a user's override folder when a site has changed.
type Spec struct {
	ID             string    `yaml:"id"`
	AllowedDomains []string  `yaml:"allowed_domains"`
	Variants       []Variant `yaml:"variants"`
	Guard          Guard     `yaml:"guard"`

	// SHA256 is the hash of the spec file's bytes, recorded in manifests.
	SHA256 string `yaml:"-"`
	// Origin is the override file the spec came from, or "" when embedded.
	Origin string `yaml:"-"`
	// Raw is the spec file's bytes: self-repair splices an induced variant
	// into a copy of them, keeping the rest of the file as written.
	Raw []byte `yaml:"-"`
}

// Variant is one dated version of a site's structure. A spec may hold
// several: the ones valid on a date are tried in order and the first that
// yields members is used, so a redesign can be handled beside the old form
// and web-archive captures are read with the structure of their day.
type Variant struct {
	Name      string   `yaml:"name"`
	ValidFrom Date     `yaml:"valid_from"`
	ValidTo   Date     `yaml:"valid_to"`
	Sources   []Source `yaml:"sources"`
	// Guard, when set, overrides some guard bounds for this variant's
	// results (an old design listed fewer members; see Spec.GuardAt).
	Guard *GuardBounds `yaml:"guard"`
}

// Source is one published list. A network's members are the union of its
// primary sources; a source with Merge set instead adds fields to members
// already read (matched by published name), such as a region listing.
type Source struct {
	Name  string   `yaml:"name"`
	Start []string `yaml:"start"`
	// Merge, when "name", makes this source add fields to existing members
	// with the same published name instead of adding members.
	Merge string `yaml:"merge"`
	// Optional marks a source that only adds detail (a merge source): when
	// it fails, the network is degraded instead of failed, keeps the
	// members of its primary sources, and the run carries the fields this
	// source gives from the last good snapshot (see Result.Degraded).
	Optional bool `yaml:"optional"`

	Pages *Pages `yaml:"pages"`
	// Next is a link to the following page, followed until absent.
	Next *Field `yaml:"next"`
	// Via is a link on each start page to the list itself, for sites whose
	// list hangs off a landing page (which may state the claimed count).
	Via *Field `yaml:"via"`
	// MaxPages bounds how many list pages one source may fetch.
	MaxPages int `yaml:"max_pages"`

	// Group, when set, selects blocks whose GroupFields every item inside inherits.
	Group       string           `yaml:"group"`
	GroupFields map[string]Field `yaml:"group_fields"`

	Items  string           `yaml:"items"`
	Fields map[string]Field `yaml:"fields"`
	Labels *Labels          `yaml:"labels"`

	// Detail is a link from each item to a page of its own, whose fields are
	// added to the member.
	Detail *Detail `yaml:"detail"`

	// Claimed reads the count the page itself states.
	Claimed *Claimed `yaml:"claimed"`

	// Constants set on every member of this source.
	MemberType    string `yaml:"member_type"`
	NetworkRegion string `yaml:"network_region"`

	// Lookups map published values to ours, as data (e.g. "Ville" → city).
	TypeMap map[string]string `yaml:"type_map"`
	// CountryInName is the separator before a country that the list
	// publishes at the end of a name ("City of Newark, CA, United States"
	// with ","): the name is split at the last one (see splitCountry).
	CountryInName string `yaml:"country_in_name"`
	// StripWords are removed from names wherever they appear as words
	// (icon ligatures such as arrow_outward).
	StripWords []string `yaml:"strip_words"`
	// Dedupe drops repeated members (same key) within the source.
	Dedupe bool `yaml:"dedupe"`
}

// Pages pages through a list by a query parameter, stopping at the first
// page that lists nothing (or, with Next set, has no next link).
type Pages struct {
	Param string `yaml:"param"`
	From  int    `yaml:"from"`
}

// Field says how to read one value from an element.
type Field struct {
	Select  string `yaml:"select"`  // CSS selector relative to the element; "" = the element
	Attr    string `yaml:"attr"`    // read an attribute instead of the text
	Own     bool   `yaml:"own"`     // only the element's own text, not its children's
	Pattern string `yaml:"pattern"` // regular expression; the first group (or the match) is the value
	Format  string `yaml:"format"`  // Go time layout for dates
	All     bool   `yaml:"all"`     // join every match with "; " instead of taking the first
	Default string `yaml:"default"`

	re *regexp.Regexp
	// spaced reads an element's text with its element boundaries as
	// spaces (set for claimed counts, see spacedText).
	spaced bool
}

// Labels reads label/value pairs ("Type of partner: Member"). Labels in Map
// become fields; every other label becomes an attribute and is reported as
// unaudited, so a new field on the site is noticed instead of dropped.
type Labels struct {
	Items  string            `yaml:"items"`
	Label  string            `yaml:"label"`
	Value  string            `yaml:"value"`
	Map    map[string]string `yaml:"map"`
	Ignore []string          `yaml:"ignore"`
}

// Detail follows a link from a list item to the member's own page.
type Detail struct {
	Link   Field            `yaml:"link"`
	Fields map[string]Field `yaml:"fields"`
	Labels *Labels          `yaml:"labels"`
	// ReuseNights, when over 0, lets a member's page be read from the last
	// night's archive instead of fetched while its list item is
	// byte-identical to last night's (Volatile attributes removed), for
	// up to that many nights: each page is fetched at least every
	// ReuseNights nights, on days spread by a hash of its URL so that the
	// refetches do not all fall on one night. 0 fetches every night.
	ReuseNights int `yaml:"reuse_nights"`
	// Volatile are attributes that change every night without the item
	// changing (nonces, tokens, timestamps): removed from the list item,
	// and everything in it, before it is compared with last night's.
	Volatile []string `yaml:"volatile_attributes"`
}

// Claimed reads the member count a page states about itself.
type Claimed struct {
	Field `yaml:",inline"`
	// AtLeast marks counts stated as a lower bound ("over 80 members").
	AtLeast bool `yaml:"at_least"`
}

// Guard holds the bounds a network's result must meet to be trusted.
type Guard struct {
	// MinMembers is the absolute floor; Observed records the count seen when
	// the floor was set, so a reader can tell how much slack it leaves.
	MinMembers int    `yaml:"min_members"`
	Observed   string `yaml:"observed"`
	// MaxDrop is the largest allowed fall against the last good snapshot
	// (0.2 = 20 %); zero means the default.
	MaxDrop float64 `yaml:"max_drop"`
	// ClaimedTolerance is how far (as a fraction) the parsed count may be
	// from the count the page claims.
	ClaimedTolerance float64 `yaml:"claimed_tolerance"`
	// Required fields every member must have (name, country, …).
	Required []string `yaml:"required"`
	// Dated overrides bounds for ranges of dates (the date a web-archive
	// capture is read as of): the first entry covering the date applies.
	Dated []GuardBounds `yaml:"dated"`
}

// DefaultMaxDrop is the drop against the last good snapshot that fails a
// guard when the spec does not say.
const DefaultMaxDrop = 0.2

// Date is a civil date in a spec ("2021-06-01").
type Date struct{ time.Time }

// UnmarshalYAML reads YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Value == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", n.Value)
	}
	d.Time = t
	return nil
}

// ErrSpec marks a spec that cannot be used.
var ErrSpec = errors.New("invalid spec")

// ParseSpec reads and validates a spec file.
func ParseSpec(b []byte) (*Spec, error) {
	var s Spec
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSpec, err)
	}
	sum := sha256.Sum256(b)
	s.SHA256 = hex.EncodeToString(sum[:])
	s.Raw = b
	if err := s.compile(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSpec, s.ID, err)
	}
	return &s, nil
}

// LoadSpec returns the network's spec: <dir>/<id>.yaml when dir holds one,
// else the embedded spec.
func LoadSpec(n Network, dir string) (*Spec, error) {
	b, origin := n.Spec, ""
	if dir != "" {
		p := filepath.Join(dir, n.ID+".yaml")
		switch data, err := os.ReadFile(p); {
		case err == nil:
			b, origin = data, p
		case !errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("read spec override: %w", err)
		}
	}
	s, err := ParseSpec(b)
	if err != nil {
		if origin != "" {
			return nil, fmt.Errorf("%s: %w", origin, err)
		}
		return nil, err
	}
	if s.ID != n.ID {
		return nil, fmt.Errorf("%w: spec id %q is not network %q", ErrSpec, s.ID, n.ID)
	}
	s.Origin = origin
	return s, nil
}

// VariantsAt returns the variants valid on a date, in spec order.
func (s *Spec) VariantsAt(day time.Time) []Variant {
	var out []Variant
	for _, v := range s.Variants {
		if !v.ValidFrom.IsZero() && day.Before(v.ValidFrom.Time) {
			continue
		}
		if !v.ValidTo.IsZero() && !day.Before(v.ValidTo.Time) {
			continue
		}
		out = append(out, v)
	}
	return out
}

func (s *Spec) compile() error {
	if s.ID == "" {
		return errors.New("no id")
	}
	if len(s.Variants) == 0 {
		return errors.New("no variants")
	}
	if err := s.Guard.checkDated(); err != nil {
		return err
	}
	for vi := range s.Variants {
		v := &s.Variants[vi]
		if len(v.Sources) == 0 {
			return fmt.Errorf("variant %q: no sources", v.Name)
		}
		for si := range v.Sources {
			if err := v.Sources[si].compile(); err != nil {
				return fmt.Errorf("variant %q source %q: %w", v.Name, v.Sources[si].Name, err)
			}
		}
	}
	return nil
}

func (src *Source) compile() error {
	if len(src.Start) == 0 {
		return errors.New("no start url")
	}
	if src.Items == "" {
		return errors.New("no items selector")
	}
	if src.Merge != "" && src.Merge != "name" {
		return fmt.Errorf("merge %q: only \"name\" is supported", src.Merge)
	}
	if src.Optional && src.Merge == "" {
		// A primary source gives members: without it the list is short,
		// which is for the guard to judge, not something to shrug off.
		return errors.New("optional: only a source that adds detail (merge: name) may be optional")
	}
	if err := compileFields(src.Fields); err != nil {
		return err
	}
	if err := compileFields(src.GroupFields); err != nil {
		return err
	}
	for _, sel := range []string{src.Items, src.Group} {
		if err := checkSelector(sel); err != nil {
			return err
		}
	}
	if src.Claimed != nil {
		src.Claimed.spaced = true
	}
	for _, f := range []*Field{src.Next, src.Via, claimedField(src.Claimed)} {
		if f != nil {
			if err := f.compile(); err != nil {
				return err
			}
		}
	}
	if d := src.Detail; d != nil {
		if d.ReuseNights < 0 {
			return fmt.Errorf("detail: reuse_nights %d: want 0 (fetch every night) or more", d.ReuseNights)
		}
		if err := d.Link.compile(); err != nil {
			return err
		}
		if err := compileFields(d.Fields); err != nil {
			return err
		}
	}
	return nil
}

// checkSelector refuses a CSS selector that cascadia cannot parse: goquery
// would silently match nothing with it, which reads as an empty list.
func checkSelector(sel string) error {
	if sel == "" {
		return nil
	}
	if _, err := cascadia.ParseGroup(sel); err != nil {
		return fmt.Errorf("selector %q: %w", sel, err)
	}
	return nil
}

func claimedField(c *Claimed) *Field {
	if c == nil {
		return nil
	}
	return &c.Field
}

func compileFields(fs map[string]Field) error {
	for name, f := range fs {
		if !knownField(name) {
			return fmt.Errorf("unknown field %q (want name, country, key, member_type, member_since, region, status or attributes.<name>)", name)
		}
		if err := f.compile(); err != nil {
			return fmt.Errorf("field %s: %w", name, err)
		}
		fs[name] = f
	}
	return nil
}

func (f *Field) compile() error {
	if err := checkSelector(f.Select); err != nil {
		return err
	}
	if f.Pattern == "" {
		return nil
	}
	re, err := regexp.Compile(f.Pattern)
	if err != nil {
		return fmt.Errorf("pattern: %w", err)
	}
	f.re = re
	return nil
}

// Gives lists the member fields a source sets, sorted: its fields, group
// fields and detail fields, the fields its labels map to, and
// "attributes.slug" for a merge source with a key (see mergeInto). The
// name, which a merge source matches on, is left out. Attributes from
// unmapped labels or a network's Item code cannot be named ahead.
func (src *Source) Gives() []string {
	set := map[string]bool{}
	add := func(fs map[string]Field) {
		for k := range fs {
			set[k] = true
		}
	}
	addLabels := func(l *Labels) {
		if l != nil {
			for _, f := range l.Map {
				set[f] = true
			}
		}
	}
	add(src.Fields)
	add(src.GroupFields)
	addLabels(src.Labels)
	if d := src.Detail; d != nil {
		add(d.Fields)
		addLabels(d.Labels)
	}
	if src.NetworkRegion != "" {
		set[fieldRegion] = true
	}
	if set[fieldKey] && src.Merge != "" {
		set[attrPrefix+"slug"] = true
	}
	delete(set, fieldName)
	delete(set, fieldKey)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
