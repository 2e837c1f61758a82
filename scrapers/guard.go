package scrapers

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/fetch"
)

// GuardError says why a scrape's result is not to be trusted. The network
// is then recorded as failed and its last good members carried forward.
type GuardError struct {
	Reason string
}

func (e *GuardError) Error() string { return "guard: " + e.Reason }

// Check applies the guard to a result. lastGood is the member count of the
// network's last good snapshot, or 0 when there is none.
func (g Guard) Check(r *Result, lastGood int) error {
	n := len(r.Members)
	var reasons []string
	if n == 0 {
		reasons = append(reasons, "zero members parsed")
	} else if n < g.MinMembers {
		reasons = append(reasons, fmt.Sprintf("%d members, below the floor of %d (observed %s)", n, g.MinMembers, g.Observed))
	}
	drop := g.MaxDrop
	if drop == 0 {
		drop = DefaultMaxDrop
	}
	if lastGood > 0 && float64(n) < float64(lastGood)*(1-drop) {
		reasons = append(reasons, fmt.Sprintf("%d members, down from %d in the last good snapshot (more than %.0f%%)", n, lastGood, drop*100))
	}
	for _, c := range r.Claims {
		if msg := g.checkClaim(c); msg != "" {
			reasons = append(reasons, msg)
		}
	}
	reasons = append(reasons, g.missing(r.Members)...)
	if len(reasons) > 0 {
		return &GuardError{Reason: strings.Join(reasons, "; ")}
	}
	return nil
}

func (g Guard) checkClaim(c Claim) string {
	slack := int(math.Round(g.ClaimedTolerance * float64(c.Count)))
	switch {
	case c.AtLeast && c.Parsed < c.Count-slack:
		return fmt.Sprintf("%s claims over %d members but %d were parsed", c.URL, c.Count, c.Parsed)
	case !c.AtLeast && (c.Parsed < c.Count-slack || c.Parsed > c.Count+slack):
		return fmt.Sprintf("%s claims %d members but %d were parsed", c.URL, c.Count, c.Parsed)
	}
	return ""
}

func (g Guard) missing(ms []citynets.Member) []string {
	var out []string
	for _, f := range g.Required {
		lack := 0
		for _, m := range ms {
			if fieldOf(m, f) == "" {
				lack++
			}
		}
		if lack > 0 {
			out = append(out, fmt.Sprintf("%d of %d members lack required field %s", lack, len(ms), f))
		}
	}
	return out
}

func fieldOf(m citynets.Member, f string) string {
	switch f {
	case fieldName:
		return m.Name
	case fieldCountry:
		return m.CountryPublished
	case fieldRegion:
		return m.NetworkRegion
	case fieldMemberType:
		return m.MemberType
	case fieldMemberSince:
		if m.MemberSince.IsZero() {
			return ""
		}
		return m.MemberSince.String()
	}
	return m.Attributes[strings.TrimPrefix(f, attrPrefix)]
}

// Reason is a short, human statement of why a network failed, for the
// manifest and the run summary: "blocked (HTTP 403)" rather than "zero
// members". It is one line: the errors of several variants are joined by
// "; ".
func Reason(err error) string {
	return strings.ReplaceAll(reason(err), "\n", "; ")
}

func reason(err error) string {
	var ge *GuardError
	var he *fetch.HTTPError
	switch {
	case errors.As(err, &ge):
		return err.Error() // with the variant it judged, and any others
	case errors.Is(err, fetch.ErrBlocked):
		return "blocked: " + err.Error()
	case errors.Is(err, fetch.ErrRobots):
		return "disallowed by robots.txt: " + err.Error()
	case errors.As(err, &he):
		return fmt.Sprintf("HTTP %d: %v", he.Status, err)
	}
	return err.Error()
}
