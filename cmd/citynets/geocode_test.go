package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGeocodeBatchOrder: a batch longer than one chunk, resolved on every
// core, comes out row for row in the input's order, each row as geocode
// resolves its name alone.
func TestGeocodeBatchOrder(t *testing.T) {
	names := [][2]string{{"Ville de Paris", "FR"}, {"Kent County Council", "GB"}, {"Xyzzyville", "FR"},
		{"City of Newark, CA", "US"}, {"Chengdou", "CN"}, {"Sant Cugat del", "ES"}}
	alone := map[string]string{}
	for _, n := range names {
		_, out, _ := run(t, "geocode", n[0], "--country", n[1], "--json", "-q")
		id := ""
		if i := strings.Index(out, `"place_id": "`); i >= 0 {
			id = strings.SplitN(out[i+len(`"place_id": "`):], `"`, 2)[0]
		}
		alone[n[0]] = id
	}
	var in strings.Builder
	in.WriteString("row,name,country\n")
	rows := 2*batchChunk + 7
	for i := range rows {
		n := names[i%len(names)]
		w := csv.NewWriter(&in)
		w.Write([]string{strconv.Itoa(i), n[0], n[1]})
		w.Flush()
	}
	file := filepath.Join(t.TempDir(), "names.csv")
	if err := os.WriteFile(file, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "geocode", "--batch", file, "-q")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != rows+1 {
		t.Fatalf("%d records, %v; want %d", len(recs), err, rows+1)
	}
	for i, rec := range recs[1:] {
		n := names[i%len(names)]
		if rec[0] != strconv.Itoa(i) || rec[1] != n[0] || rec[3] != alone[n[0]] {
			t.Fatalf("row %d = %q; want %q resolved to %q", i, rec, n[0], alone[n[0]])
		}
	}
}
