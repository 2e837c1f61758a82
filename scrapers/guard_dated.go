package scrapers

import (
	"fmt"
	"time"
)

// GuardBounds overrides some of a spec's guard bounds for one variant or
// one range of dates: a site read as it was in 2012 listed fewer members
// than today's floor allows, and holding it to today's floor would fail
// every old capture. A zero field keeps the bound it overrides.
type GuardBounds struct {
	// ValidFrom and ValidTo bound the dates an entry of Guard.Dated
	// covers (from inclusive, to exclusive); a variant's own bounds ignore
	// them, since the variant's dates already say when it applies.
	ValidFrom        Date    `yaml:"valid_from"`
	ValidTo          Date    `yaml:"valid_to"`
	MinMembers       int     `yaml:"min_members"`
	Observed         string  `yaml:"observed"`
	MaxDrop          float64 `yaml:"max_drop"`
	ClaimedTolerance float64 `yaml:"claimed_tolerance"`
}

// covers reports whether day is in the entry's date range.
func (b GuardBounds) covers(day time.Time) bool {
	if !b.ValidFrom.IsZero() && day.Before(b.ValidFrom.Time) {
		return false
	}
	return b.ValidTo.IsZero() || day.Before(b.ValidTo.Time)
}

// apply returns g with b's non-zero bounds in place of its own.
func (b GuardBounds) apply(g Guard) Guard {
	if b.MinMembers > 0 {
		g.MinMembers = b.MinMembers
	}
	if b.Observed != "" {
		g.Observed = b.Observed
	}
	if b.MaxDrop > 0 {
		g.MaxDrop = b.MaxDrop
	}
	if b.ClaimedTolerance > 0 {
		g.ClaimedTolerance = b.ClaimedTolerance
	}
	return g
}

// GuardAt is the guard a result of variant on day must pass: the spec's
// guard, then the first entry of Guard.Dated covering day, then the
// variant's own bounds, each overriding what it sets. A zero day means
// today, as it does for a nightly run. The result has no Dated entries.
func (s *Spec) GuardAt(variant string, day time.Time) Guard {
	if day.IsZero() {
		day = time.Now()
	}
	g := s.Guard
	g.Dated = nil
	for _, b := range s.Guard.Dated {
		if b.covers(day) {
			g = b.apply(g)
			break
		}
	}
	for _, v := range s.Variants {
		if v.Name == variant && v.Guard != nil {
			g = v.Guard.apply(g)
		}
	}
	return g
}

// checkDated refuses a dated guard entry that can never apply or that
// loosens nothing.
func (g Guard) checkDated() error {
	for i, b := range g.Dated {
		if !b.ValidFrom.IsZero() && !b.ValidTo.IsZero() && !b.ValidFrom.Before(b.ValidTo.Time) {
			return fmt.Errorf("guard dated[%d]: valid_from %s is not before valid_to %s", i, b.ValidFrom.Format(time.DateOnly), b.ValidTo.Format(time.DateOnly))
		}
		if b.ValidFrom.IsZero() && b.ValidTo.IsZero() {
			return fmt.Errorf("guard dated[%d]: no valid_from or valid_to (put undated bounds in the guard itself)", i)
		}
	}
	return nil
}
