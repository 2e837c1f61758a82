package all

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets/scrapers"
)

// notNetworks are the folders under scrapers/ that are framework, not networks.
var notNetworks = map[string]bool{"all": true, "fetch": true, "induce": true, "scrapertest": true, "testdata": true}

// TestEveryFolderIsRegistered keeps the one-folder-per-network rule: every
// package under scrapers/ registers a network under its own folder name,
// has a spec.yaml and a README, and scrapers/all imports it.
func TestEveryFolderIsRegistered(t *testing.T) {
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	folders := 0
	for _, e := range entries {
		if !e.IsDir() || notNetworks[e.Name()] {
			continue
		}
		folders++
		id := e.Name()
		if _, err := scrapers.Lookup(id); err != nil {
			t.Errorf("folder scrapers/%s: %v (add scrapers/all/%s.go)", id, err, id)
		}
		for _, f := range []string{"spec.yaml", "README.md", id + ".go"} {
			if _, err := os.Stat(filepath.Join("..", id, f)); err != nil {
				t.Errorf("scrapers/%s lacks %s", id, f)
			}
		}
	}
	if got := len(scrapers.IDs()); got != folders {
		t.Errorf("%d networks registered, %d network folders: %v", got, folders, scrapers.IDs())
	}
}
