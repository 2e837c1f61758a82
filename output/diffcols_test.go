package output

import (
	"slices"
	"testing"

	"github.com/citynets/citynets"
)

// TestMemberColumnRoles checks that every members column says what a
// difference in it means, and pins which columns never count as a change:
// a new column is compared unless it is declared volatile here.
func TestMemberColumnRoles(t *testing.T) {
	want := map[diffRole][]string{
		roleIdentity: {"network", "member_id", "member_key"},
		roleVolatile: {"snapshot_id", "snapshot_date", "source_sha256", "fetched_at", "stale", "carried_from"},
	}
	got := map[diffRole][]string{}
	for _, c := range memberColumns("") {
		if c.role == roleUnset {
			t.Errorf("members column %s has no diff role", c.field.Name)
		}
		if c.differs == nil {
			t.Errorf("members column %s cannot be compared", c.field.Name)
		}
		got[c.role] = append(got[c.role], c.field.Name)
	}
	for _, r := range []diffRole{roleIdentity, roleVolatile} {
		if !slices.Equal(got[r], want[r]) {
			t.Errorf("role %d columns = %v, want %v", r, got[r], want[r])
		}
	}
	if n := len(got[roleSource]) + len(got[roleDerived]); n != len(memberDiff) {
		t.Errorf("memberDiff has %d columns, the descriptors compare %d", len(memberDiff), n)
	}
}

// TestCompareRowsFollowsDescriptors checks that a column added to the
// descriptors is compared with no change to the diff code, in column order
// and with the cause its role gives, and that a volatile one is not.
func TestCompareRowsFollowsDescriptors(t *testing.T) {
	type M = citynets.Member
	extra := func(name string) column[M] {
		return stringCol(name, true, func(m *M) *string { return &m.CarriedFrom }, nil)
	}
	a := cityMember("c40", "London", "2643743")
	b := with(a, func(m *M) { m.CarriedFrom = "20261120T020000Z-abc" })

	tests := []struct {
		name       string
		col        column[M]
		wantFields []string
		wantSource bool
	}{
		{"new source column", source(extra("new_published")), []string{"new_published"}, true},
		{"new derived column", derived(extra("new_derived")), []string{"new_derived"}, false},
		{"new volatile column", volatile(extra("new_volatile")), nil, false},
		{"new column without a role", extra("new_unset"), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := comparedColumns(append(memberColumns(""), tt.col))
			fields, src := compareRows(cols, &a, &b)
			if !slices.Equal(fields, tt.wantFields) || src != tt.wantSource {
				t.Errorf("compareRows = %v, source %v; want %v, source %v", fields, src, tt.wantFields, tt.wantSource)
			}
		})
	}
}

// TestCompareMembersVolatileURLParts checks the one volatile part of a
// compared column: source_url's query and fragment.
func TestCompareMembersVolatileURLParts(t *testing.T) {
	a := cityMember("c40", "Paris", "2988507")
	tests := []struct {
		url  string
		want []string
	}{
		{a.SourceURL + "?page=2", nil},
		{a.SourceURL + "#list", nil},
		{a.SourceURL + "/2?page=2", []string{"source_url"}},
	}
	for _, tt := range tests {
		b := with(a, func(m *citynets.Member) { m.SourceURL = tt.url })
		if got, _ := compareMembers(&a, &b); !slices.Equal(got, tt.want) {
			t.Errorf("source_url %q: changed fields %v, want %v", tt.url, got, tt.want)
		}
	}
}
