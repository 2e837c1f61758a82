//go:build !duckdb

package faultsuite

import (
	"os"
	"testing"
)

// checkDuckDB needs the duckdb build tag (cgo, slow to build); CI always
// sets it, so there a build without it is an error, not a silent pass.
func checkDuckDB(t *testing.T, _ string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Error("the DuckDB check needs -tags duckdb")
	}
}
