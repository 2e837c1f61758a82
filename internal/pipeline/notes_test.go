package pipeline

import (
	"slices"
	"testing"

	"github.com/citynets/citynets/scrapers"
)

// TestDescribeNotes: a variant the engine fell back from reads as what it
// is, not as a failure; other notes pass through.
func TestDescribeNotes(t *testing.T) {
	const dup = `source members: member key "x" seen twice; kept the first`
	cases := []struct {
		name string
		res  *scrapers.Result
		want []string
	}{
		{"nil", nil, nil},
		{"fallback", &scrapers.Result{Variant: "typo3-wayback-2014", Notes: []string{
			"an earlier variant failed: variant typo3-live: source members: http://www.worldmayorscouncil.org/members.html: HTTP 404 Not Found", dup}},
			[]string{"variant typo3-live not used (source members: http://www.worldmayorscouncil.org/members.html: HTTP 404 Not Found); using variant typo3-wayback-2014", dup}},
		{"unknown wording", &scrapers.Result{Variant: "v2", Notes: []string{"an earlier variant failed: something else"}},
			[]string{"an earlier variant failed: something else"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := DescribeNotes(c.res); !slices.Equal(got, c.want) {
				t.Errorf("DescribeNotes =\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
