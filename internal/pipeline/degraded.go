package pipeline

import (
	"fmt"
	"strings"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
)

// The core fields a failed optional source may give that carryDetail
// carries besides attributes (see scrapers.Source.Gives; a merge source
// adds nothing else to a member).
const (
	fieldRegion      = "region"
	fieldCountry     = "country"
	fieldMemberSince = "member_since"
)

// degradedNote is the manifest's reason for a degraded network: which
// optional sources failed and why, and how many members had their fields
// carried from which snapshot, so a reader of the manifest knows which
// values of tonight's rows are not tonight's.
func degradedNote(failures []scrapers.SourceFailure, carried int, from string) string {
	reasons := make([]string, len(failures))
	for i, f := range failures {
		reasons[i] = f.Reason()
	}
	note := strings.Join(reasons, "; ")
	if from == "" {
		return note + "; no last good snapshot to carry its fields from"
	}
	return fmt.Sprintf("%s; the fields it gives carried from %s for %d members", note, from, carried)
}

// carryDetail fills, in rows fresh from the primary sources, the fields
// that failed optional sources would have given, from the same member in
// the last good snapshot (matched by member key, else by published name).
// Without it a night on which a detail page is blocked would read as every
// member losing its region and figures, and the next good night as every
// member gaining them back: two nights of "modified" rows for no change at
// the source. A value the primary sources read tonight is never replaced;
// every attribute the row lacks is carried, since a source's unmapped
// labels (and a network's own Item code) name attributes the spec cannot
// list. It returns how many rows took something and the snapshot the
// values were scraped in (the parent, or the one a stale parent row came
// from).
func carryDetail(rows, parent []citynets.Member, failures []scrapers.SourceFailure, parentID string) (carried int, from string) {
	fields := map[string]bool{}
	for _, f := range failures {
		for _, name := range f.Fields {
			fields[name] = true
		}
	}
	byKey, byName := map[string]*citynets.Member{}, map[string]*citynets.Member{}
	for i := range parent {
		p := &parent[i]
		byKey[p.MemberKey] = p
		if _, dup := byName[p.Name]; !dup {
			byName[p.Name] = p
		}
	}
	for i := range rows {
		p := byKey[rows[i].MemberKey]
		if p == nil {
			p = byName[rows[i].Name]
		}
		if p == nil || !fillFrom(&rows[i], p, fields) {
			continue
		}
		carried++
		if from == "" {
			from = parentID
			if p.CarriedFrom != "" {
				from = p.CarriedFrom
			}
		}
	}
	return carried, from
}

// fillFrom copies into m what p has and m lacks, for the named core fields
// and every attribute; it reports whether anything was copied.
func fillFrom(m *citynets.Member, p *citynets.Member, fields map[string]bool) bool {
	took := false
	fill := func(dst *string, src string) {
		if *dst == "" && src != "" {
			*dst, took = src, true
		}
	}
	if fields[fieldRegion] {
		fill(&m.NetworkRegion, p.NetworkRegion)
	}
	if fields[fieldCountry] {
		fill(&m.CountryPublished, p.CountryPublished)
	}
	if fields[fieldMemberSince] && m.MemberSince.IsZero() && !p.MemberSince.IsZero() {
		m.MemberSince, took = p.MemberSince, true
	}
	for k, v := range p.Attributes {
		if _, has := m.Attributes[k]; !has {
			if m.Attributes == nil {
				m.Attributes = map[string]string{}
			}
			m.Attributes[k], took = v, true
		}
	}
	return took
}
