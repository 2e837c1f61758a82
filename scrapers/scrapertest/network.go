package scrapertest

import (
	"testing"

	"github.com/citynets/citynets/scrapers"
)

// Network returns the registered network id, failing t when the package
// under test did not register it: every network's tests start from it.
func Network(t testing.TB, id string) scrapers.Network {
	t.Helper()
	n, err := scrapers.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
