//go:build !browser

package mapview

import (
	"os"
	"testing"
)

// TestBrowserTagInCI makes a CI run without the browser tag fail instead of
// passing without ever opening the page: the browser test lives behind
// `-tags browser` (it needs chromium), and CI must run it.
func TestBrowserTagInCI(t *testing.T) {
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but the browser test was not built: run go test -tags browser ./output/mapview/")
	}
	t.Skip("browser test needs -tags browser (and chromium)")
}
