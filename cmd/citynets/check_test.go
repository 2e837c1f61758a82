package main

import (
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// TestRobotsVerdict: check tells a robots.txt refusal by errors.Is, not by
// the words of a message; a 404 on a page named like robots.txt, or a guard
// failure quoting a member so named, is no refusal.
func TestRobotsVerdict(t *testing.T) {
	refused := fmt.Errorf("variant v: source s: fetch https://www.c40.org/cities: %w", fetch.ErrRobots)
	tests := []struct {
		name     string
		attempts []scrapers.Attempt
		want     string
	}{
		{"refused", []scrapers.Attempt{{Variant: "v", Err: refused}}, "disallowed"},
		{"refused on an earlier variant", []scrapers.Attempt{{Variant: "a", Err: refused}, {Variant: "b"}}, "disallowed"},
		{"a 404 on a page named robots.txt-guide", []scrapers.Attempt{{Variant: "v",
			Err: fmt.Errorf("variant v: %w", &fetch.HTTPError{URL: "https://www.c40.org/robots.txt-guide", Status: http.StatusNotFound})}}, "allowed"},
		{"a guard failure quoting robots.txt", []scrapers.Attempt{{Variant: "v",
			Err: fmt.Errorf("variant v: %w", &scrapers.GuardError{Reason: `1 of 1 members lack required field country ("robots.txt")`})}}, "allowed"},
		{"other errors", []scrapers.Attempt{{Variant: "v", Err: errors.New("disallowed by robots.txt, says the text")}}, "allowed"},
		{"passed", []scrapers.Attempt{{Variant: "v"}}, "allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := robotsVerdict(tt.attempts); got != tt.want {
				t.Errorf("robotsVerdict = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCheckRobotsRefusal: check on an archive whose robots.txt disallows
// everything reports the refusal and fails the network.
func TestCheckRobotsRefusal(t *testing.T) {
	pages, err := scrapertest.FixturePages("../../scrapers/c40/testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	robots := fetch.FixturePage{URL: "https://www.c40.org/robots.txt", Status: http.StatusOK, ContentType: "text/plain",
		Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte("User-agent: *\nDisallow: /\n"), Date: scrapertest.FetchedAt}
	kept := []fetch.FixturePage{robots}
	for _, p := range pages {
		if p.URL != robots.URL {
			kept = append(kept, p)
		}
	}
	warc := filepath.Join(t.TempDir(), "c40.warc.gz")
	if err := fetch.WriteFixtureWARC(warc, kept); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "check", "c40", "--replay", warc, "-q")
	if code != exitNetworkFail || !strings.Contains(out, "robots: disallowed") || !strings.Contains(out, "verdict: FAIL") {
		t.Errorf("exit %d, stdout:\n%s\nstderr: %s\nwant exit 1 with robots: disallowed", code, out, errOut)
	}
}
