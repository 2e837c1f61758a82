// Package arrowjs_test proves that citynets' Arrow IPC files, with their
// zstd-compressed buffers, open in a reader that shares no code with
// arrow-go: apache-arrow for JavaScript, run by node on read.mjs. Its npm
// packages are pinned by package-lock.json here; install them with
//
//	npm ci --prefix internal/jsreaders/arrow
//
// (.ci/run does). Without node or them the test skips, but with CI set it
// fails.
package arrowjs_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
	_ "github.com/citynets/citynets/scrapers/all"
)

// jsFile is what read.mjs prints for one file.
type jsFile struct {
	File     string                       `json:"file"`
	Rows     int64                        `json:"rows"`
	Fields   []string                     `json:"fields"`
	Batches  int                          `json:"batches"`
	Metadata map[string]string            `json:"metadata"`
	Decoded  int                          `json:"decoded"` // zstd buffers decoded
	Values   map[string][]json.RawMessage `json:"values"`
}

// TestNodeReadsArrowFiles reads members.arrow and places.arrow with
// apache-arrow, of the demo's snapshot committed through the real pipeline
// and of 70,000 synthetic members (two record batches): row counts, field
// names and the snapshot id must match what arrow-go wrote, the reader must
// have decoded compressed buffers, and chosen columns (strings, nulls,
// float64, int64, timestamps, maps, lists) must hold the values citynets
// reads back from the same folder.
func TestNodeReadsArrowFiles(t *testing.T) {
	requireReader(t)
	cases := []struct {
		name    string
		write   func(t *testing.T) (dir, id string)
		batches int
	}{
		{"demo", demoSnapshot, 1},
		{"70000 members", largeSnapshot, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir, id := c.write(t)
			tables, err := output.ReadTables(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			got := readJS(t,
				filepath.Join(dir, output.MembersArrow)+":member_id,name,member_since,latitude,population,fetched_at,attributes",
				filepath.Join(dir, output.PlacesArrow)+":place_id,name,population,network_count,networks,member_keys",
			)
			files := []struct {
				file   string
				table  string
				rows   int
				values map[string][]any
			}{
				{output.MembersArrow, output.TableMembers, len(tables.Members), memberValues(tables.Members)},
				{output.PlacesArrow, output.TablePlaces, len(tables.Places), placeValues(tables.Places)},
			}
			for i, f := range files {
				checkFile(t, got[i], filepath.Join(dir, f.file), f.table, id, f.rows, f.values)
			}
			if got[0].Batches != c.batches {
				t.Errorf("node read %d batches of members.arrow, want %d", got[0].Batches, c.batches)
			}
		})
	}
}

// demoSnapshot commits the demo's night into a new store and returns its
// snapshot folder and id.
func demoSnapshot(t *testing.T) (dir, id string) {
	t.Helper()
	store := t.TempDir()
	rep, err := pipeline.Run(context.Background(), pipeline.Options{
		StoreDir: store, Replay: "../../../examples/sample.warc.gz", SpecsDir: "../../../examples/specs",
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	return s.Path(rep.SnapshotID), rep.SnapshotID
}

// largeSnapshot writes the tables of 70,000 members, more than one record
// batch holds, and half as many places, and returns their folder and id.
func largeSnapshot(t *testing.T) (dir, id string) {
	t.Helper()
	const n = 70_000
	fetched := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	tables := &citynets.Tables{Members: make([]citynets.Member, n), Places: make([]citynets.Place, n/2)}
	for i := range tables.Places {
		tables.Places[i] = citynets.Place{
			PlaceID: fmt.Sprintf("geonames:%d", 1000000+i), Name: fmt.Sprintf("Town %d", i), CountryCode: "FR",
			Latitude: float64(i%180) - 90.25, Longitude: float64(i%360) - 180.5, Population: int64(i) * 1001,
			FeatureCode: "PPL", Networks: []string{"iclei", "uclg"}[:1+i%2], NetworkCount: int32(1 + i%2),
			MemberKeys: []string{fmt.Sprintf("iclei/m%d", i), fmt.Sprintf("uclg/m%d", i)}[:1+i%2],
		}
	}
	for i := range tables.Members {
		network, key := []string{"iclei", "uclg"}[i%2], fmt.Sprintf("m%d", i)
		m := citynets.Member{
			Network: network, MemberKey: key, MemberID: output.NewMemberID(network, key), Name: fmt.Sprintf("Town %d", i),
			MemberType: citynets.TypeCity, SourceURL: "https://example.org/members?page=" + fmt.Sprint(i/50),
			SourceSHA256: fmt.Sprintf("%064x", i/50), FetchedAt: fetched.Add(time.Duration(i) * time.Second),
			Attributes: map[string]string{"population": fmt.Sprint(i * 3)}, Match: citynets.Match{Method: citynets.MatchNone},
		}
		if i%3 != 0 {
			m.MemberSince = time.Date(1990+i%30, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC)
		}
		if p := tables.Places[i%len(tables.Places)]; i%7 != 0 {
			m.Match = citynets.Match{PlaceID: p.PlaceID, PlaceName: p.Name, CountryCode: p.CountryCode, Latitude: p.Latitude,
				Longitude: p.Longitude, Population: p.Population, Method: citynets.MatchExact, Score: 1}
		}
		tables.Members[i] = m
	}
	dir, id = t.TempDir(), output.NewSnapshotID(fetched)
	if _, err := output.WriteTables(context.Background(), dir, id, tables); err != nil {
		t.Fatal(err)
	}
	return dir, id
}

// checkFile compares what node read from one file with what Go knows of it.
func checkFile(t *testing.T, js jsFile, path, table, id string, rows int, want map[string][]any) {
	t.Helper()
	meta, err := output.ReadArrowMeta(path)
	if err != nil {
		t.Fatal(err)
	}
	if js.Rows != meta.Rows || js.Rows != int64(rows) || rows == 0 {
		t.Errorf("node read %d rows; arrow-go %d, the snapshot %d", js.Rows, meta.Rows, rows)
	}
	if js.Decoded == 0 {
		t.Errorf("node decoded no compressed buffer: the file is not compressed")
	}
	if js.Metadata[output.MetaSnapshotID] != id {
		t.Errorf("snapshot id in metadata %q, want %q", js.Metadata[output.MetaSnapshotID], id)
	}
	schema, _ := output.TableSchemaOf(table)
	if len(js.Fields) != schema.NumFields() {
		t.Errorf("node read fields %v, want %d", js.Fields, schema.NumFields())
	}
	for i, f := range schema.Fields() {
		if i < len(js.Fields) && js.Fields[i] != f.Name {
			t.Errorf("field %d is %q, want %q", i, js.Fields[i], f.Name)
		}
	}
	// Some 2,000 rows spread over the file, on both sides of a batch boundary.
	stride := max(1, rows/2000)
	for col, vals := range want {
		for row := 0; row < len(vals); row += stride {
			w := vals[row]
			wb, _ := json.Marshal(w)
			if g := js.Values[col]; row >= len(g) || !jsonEqual(g[row], wb) {
				t.Errorf("%s row %d: node read %s, want %s", col, row, at(g, row), wb)
				break
			}
		}
	}
}

// memberValues are the members' values of the columns read.mjs is asked
// for, as it prints them: null for null, int64 as a string, times in ms.
func memberValues(ms []citynets.Member) map[string][]any {
	out := map[string][]any{}
	for _, m := range ms {
		add(out, "member_id", m.MemberID)
		add(out, "name", m.Name)
		add(out, "member_since", nullTime(m.MemberSince))
		add(out, "fetched_at", m.FetchedAt.UnixMilli())
		add(out, "attributes", m.Attributes)
		if m.Match.PlaceID == "" {
			add(out, "latitude", nil)
			add(out, "population", nil)
			continue
		}
		add(out, "latitude", m.Match.Latitude)
		add(out, "population", strconv.FormatInt(m.Match.Population, 10))
	}
	return out
}

// placeValues are the places' values of the columns read.mjs is asked for.
func placeValues(ps []citynets.Place) map[string][]any {
	out := map[string][]any{}
	for _, p := range ps {
		add(out, "place_id", p.PlaceID)
		add(out, "name", p.Name)
		add(out, "population", strconv.FormatInt(p.Population, 10))
		add(out, "network_count", p.NetworkCount)
		add(out, "networks", p.Networks)
		add(out, "member_keys", p.MemberKeys)
	}
	return out
}

func add(m map[string][]any, col string, v any) { m[col] = append(m[col], v) }

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// jsonEqual compares two JSON values after decoding, so that 1.50 and 1.5
// or key order do not matter; an empty map or list equals null, as
// citynets reads an empty one back as nil.
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(emptyNil(x)) == fmt.Sprint(emptyNil(y))
}

func emptyNil(v any) any {
	switch v := v.(type) {
	case []any:
		if len(v) == 0 {
			return nil
		}
	case map[string]any:
		if len(v) == 0 {
			return nil
		}
	}
	return v
}

func at(vals []json.RawMessage, i int) string {
	if i >= len(vals) {
		return "nothing"
	}
	return string(vals[i])
}

// requireReader skips (fails, with CI set) when node or the npm packages
// of read.mjs are missing.
func requireReader(t *testing.T) {
	t.Helper()
	var missing string
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join("node_modules", "apache-arrow")); err != nil {
		missing = "apache-arrow is not installed (npm ci --prefix internal/jsreaders/arrow)"
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(missing)
	}
	t.Skip(missing)
}

// readJS runs read.mjs on args and decodes one jsFile per line.
func readJS(t *testing.T, args ...string) []jsFile {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", append([]string{"read.mjs"}, args...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, stderr.Bytes())
	}
	var files []jsFile
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var f jsFile
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("read.mjs printed %.200q: %v", sc.Bytes(), err)
		}
		files = append(files, f)
	}
	if len(files) != len(args) {
		t.Fatalf("read.mjs read %d files, want %d", len(files), len(args))
	}
	return files
}
