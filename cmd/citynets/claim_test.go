package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// TestCheckMissingClaim: check on a C40 homepage that no longer states its
// member count says the expected claim was not found, with the pattern and
// the page, instead of "the pages state no count".
func TestCheckMissingClaim(t *testing.T) {
	pages, err := scrapertest.FixturePages("../../scrapers/c40/testdata/claim-missing")
	if err != nil {
		t.Fatal(err)
	}
	warc := filepath.Join(t.TempDir(), "c40.warc.gz")
	if err := fetch.WriteFixtureWARC(warc, pages); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "check", "c40", "--replay", warc, "-q")
	for _, want := range []string{
		"claimed: expected but not found",
		`note: source homepage: claimed count expected (pattern "C40 has (\\d+) member cities") but not found on https://www.c40.org/`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("exit %d, stdout lacks %q:\n%s\nstderr: %s", code, want, out, errOut)
		}
	}
	if strings.Contains(out, "the pages state no count") {
		t.Errorf("stdout says the pages state no count:\n%s", out)
	}
}
