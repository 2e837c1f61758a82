package enrich

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestMatcherLogsToItsOwnLogger checks that the matcher's warnings go to
// the logger it was given, and to nothing when it was given none; never to
// slog's process-wide default. The test swaps the default for a buffer to
// watch it, so it must not run in parallel.
func TestMatcherLogsToItsOwnLogger(t *testing.T) {
	var global bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&global, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })

	g := testMatcher(t).g
	tests := []struct {
		name     string
		override Override
		want     string // in the injected logger's output
	}{
		{"bad place id", Override{Name: "Atlantis", PlaceID: "geonames:x"}, `msg="override: bad place id" name=Atlantis place_id=geonames:x`},
		{"place not in gazetteer", Override{Name: "Nowhere", PlaceID: "geonames:999999999"}, `msg="override: place not in gazetteer" name=Nowhere`},
		{"unknown country", Override{Name: "Paris", Country: "Ruritania", PlaceID: "geonames:2988507"}, `msg="override: unknown country" name=Paris country=Ruritania`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			m := NewMatcher(g, []Override{tt.override}, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			if r := m.Resolve(tt.override.Name, tt.override.Country); r.Match.Method == "override" {
				t.Errorf("a rejected override was applied: %+v", r.Match)
			}
			if got := logs.String(); !strings.Contains(got, tt.want) || strings.Count(got, "\n") != 1 {
				t.Errorf("injected logger got %q, want one line with %q", got, tt.want)
			}

			// Without a logger the same warning is dropped.
			NewMatcher(g, []Override{tt.override})
			NewMatcher(g, []Override{tt.override}, WithLogger(nil))
		})
	}
	if global.Len() > 0 {
		t.Errorf("lines reached slog.Default():\n%s", global.String())
	}
}
