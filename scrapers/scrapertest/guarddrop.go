package scrapertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers"
)

// CheckGuardDrop checks that the case folder dir, a list cut short, fails
// the guard of the spec in specDir ("" for the embedded one) against a last
// good snapshot of lastGood members: as scraped, and with its claims
// removed, since the drop alone must fail it whatever the pages claim.
func CheckGuardDrop(t *testing.T, n scrapers.Network, dir, specDir string, lastGood int) {
	t.Helper()
	res, err := Scrape(t.Context(), n, dir)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := scrapers.LoadSpec(n, specDir)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("down from %d", lastGood)
	if err := spec.Guard.Check(res, lastGood); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("guard = %v, want a drop from %d", err, lastGood)
	}
	res.Claims = nil
	if err := spec.Guard.Check(res, lastGood); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("guard without claims = %v, want a drop from %d", err, lastGood)
	}
}
