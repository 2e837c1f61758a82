package scrapers

import (
	"testing"
	"time"
)

const datedSpec = `
id: x
variants:
  - name: old
    valid_to: 2015-01-01
    guard: {min_members: 10, observed: "old design"}
    sources: [{name: s, start: ["https://x.test/"], items: li}]
  - name: new
    valid_from: 2015-01-01
    sources: [{name: s, start: ["https://x.test/"], items: li}]
guard:
  min_members: 80
  max_drop: 0.2
  dated:
    - {valid_to: 2017-01-01, min_members: 40, observed: "54 reporting in 2016"}
    - {valid_from: 2017-01-01, valid_to: 2021-01-01, min_members: 60, max_drop: 0.3}
`

// TestGuardAt: a variant's bounds beat a dated entry, which beats the
// spec's guard; a zero date is today.
func TestGuardAt(t *testing.T) {
	s, err := ParseSpec([]byte(datedSpec))
	if err != nil {
		t.Fatal(err)
	}
	day := func(v string) time.Time { d, _ := time.Parse(time.DateOnly, v); return d }
	tests := []struct {
		variant string
		day     time.Time
		min     int
		drop    float64
	}{
		{"old", day("2012-06-01"), 10, 0.2},
		{"new", day("2016-06-01"), 40, 0.2},
		{"induced-2016-06-01", day("2016-06-01"), 40, 0.2},
		{"new", day("2019-06-01"), 60, 0.3},
		{"new", day("2021-01-01"), 80, 0.2},
		{"new", time.Time{}, 80, 0.2},
	}
	for _, tt := range tests {
		g := s.GuardAt(tt.variant, tt.day)
		if g.MinMembers != tt.min || g.MaxDrop != tt.drop || g.Dated != nil {
			t.Errorf("GuardAt(%s, %s) = min %d drop %v dated %v, want min %d drop %v", tt.variant, tt.day.Format(time.DateOnly), g.MinMembers, g.MaxDrop, g.Dated, tt.min, tt.drop)
		}
	}
}

func TestGuardDatedInvalid(t *testing.T) {
	for _, bad := range []string{
		"guard: {dated: [{min_members: 3}]}",
		"guard: {dated: [{valid_from: 2020-01-01, valid_to: 2019-01-01, min_members: 3}]}",
	} {
		spec := "id: x\nvariants: [{name: v, sources: [{name: s, start: [\"https://x.test/\"], items: li}]}]\n" + bad
		if _, err := ParseSpec([]byte(spec)); err == nil {
			t.Errorf("ParseSpec accepted %s", bad)
		}
	}
}
