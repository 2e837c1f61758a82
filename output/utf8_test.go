package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
)

// poisonCases put one invalid string in each kind of string column: plain
// and nullable columns, map keys and values, list elements, in every table.
var poisonCases = []struct {
	name   string
	poison func(t *citynets.Tables)
	want   []string // all must appear in the writer's error
}{
	{"member name", func(t *citynets.Tables) { t.Members[1].Name = "Ville de Qu\xe9bec" },
		[]string{"members", "column name", "row 1"}},
	{"nullable column", func(t *citynets.Tables) { t.Members[2].CountryPublished = "Jap\xffan" },
		[]string{"members", "column country_published", "row 2"}},
	{"attribute key", func(t *citynets.Tables) { t.Members[0].Attributes["ma\xffyor"] = "x" },
		[]string{"members", "column attributes", "row 0"}},
	{"attribute value", func(t *citynets.Tables) { t.Members[2].Attributes["empty"] = "\xff" },
		[]string{"members", "column attributes", "row 2"}},
	{"places list element", func(t *citynets.Tables) { t.Places[0].Networks[1] = "metro\xffpolis" },
		[]string{"places", "column networks", "row 0"}},
	{"places member key", func(t *citynets.Tables) { t.Places[0].MemberKeys[1] = "metropolis/lond\xc3" },
		[]string{"places", "column member_keys", "row 0"}},
	{"change fields", func(t *citynets.Tables) { t.Changes[1].ChangedFields = []string{"na\xc3me"} },
		[]string{"changes", "column changed_fields", "row 1"}},
	{"history name", func(t *citynets.Tables) { t.History[1].Name = "G\xf0ne" },
		[]string{"history", "column name", "row 1"}},
	// Two halves of "é" in adjacent rows: the column's bytes taken together
	// are valid UTF-8, each value is not.
	{"rune split across rows", func(t *citynets.Tables) {
		t.Members[0].Name = "Londr\xc3"
		t.Members[1].Name = "\xa9s"
	}, []string{"members", "column name", "row 0"}},
}

func TestWriteRefusesInvalidUTF8(t *testing.T) {
	ctx := context.Background()
	for _, c := range poisonCases {
		t.Run(c.name, func(t *testing.T) {
			tables := sampleTables()
			c.poison(tables)
			_, err := WriteTables(ctx, t.TempDir(), testID, tables)
			checkEncodingError(t, err, c.want)

			s := newStore(t)
			txn, err := s.Begin(ctx, testID)
			if err != nil {
				t.Fatal(err)
			}
			defer txn.Abort()
			err = txn.Commit(ctx, &Manifest{}, tables)
			checkEncodingError(t, err, c.want)
			if ids, _ := s.List(); len(ids) != 0 {
				t.Errorf("a refused write committed %v", ids)
			}
			if _, err := s.Latest(); !errors.Is(err, ErrNoSnapshots) {
				t.Errorf("Latest after a refused write = %v", err)
			}
		})
	}
}

// TestWriteRefusesInvalidUTF8InLaterBatch: the row named is the table's
// row, not the row within its record batch.
func TestWriteRefusesInvalidUTF8InLaterBatch(t *testing.T) {
	tables := syntheticTables(batchRows + 10)
	bad := batchRows + 3
	tables.Members[bad].Name = "City \xff"
	_, err := WriteTables(context.Background(), t.TempDir(), testID, tables)
	checkEncodingError(t, err, []string{"members", "column name", "row 65539"})
}

func checkEncodingError(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatal("invalid UTF-8 was written without error")
	}
	if !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("error %v is not ErrInvalidUTF8", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// poisonedTables are the sample tables with invalid bytes in every kind of
// string column.
func poisonedTables() *citynets.Tables {
	t := sampleTables()
	t.Members[1].Name = "Ville de Qu\xe9bec"
	t.Members[0].Attributes["ma\xffyor"] = "Sadiq \xffKhan"
	t.Places[0].Networks[1] = "metro\xffpolis"
	t.History[1].Name = "G\xf0ne"
	return t
}

// writePoisoned writes tables into dir without the writer's UTF-8 check,
// as a build before the check (or another tool) could have.
func writePoisoned(t *testing.T, dir, id string, tables *citynets.Tables) {
	t.Helper()
	if _, err := writeTables(context.Background(), dir, id, tables, false); err != nil {
		t.Fatal(err)
	}
}

// commitPoisoned commits snapshot id whose tables hold invalid UTF-8, with
// a manifest whose hashes match, so only the strings are wrong.
func commitPoisoned(t *testing.T, s *Store, id string, tables *citynets.Tables) {
	t.Helper()
	commit(t, s, id)
	dir := s.Path(id)
	writePoisoned(t, dir, id, tables)
	m, err := ReadManifest(filepath.Join(dir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	for name, f := range m.Files {
		rows[name] = f.Rows
	}
	rows[MembersParquet], rows[MembersArrow] = int64(len(tables.Members)), int64(len(tables.Members))
	rows[PlacesParquet], rows[PlacesArrow] = int64(len(tables.Places)), int64(len(tables.Places))
	rows[ChangesParquet], rows[HistoryParquet] = int64(len(tables.Changes)), int64(len(tables.History))
	if m.Files, err = hashFolder(context.Background(), dir, rows); err != nil {
		t.Fatal(err)
	}
	if err := writeManifest(dir, m); err != nil {
		t.Fatal(err)
	}
}

func TestReadRepairsInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	writePoisoned(t, dir, testID, poisonedTables())
	got, err := ReadTables(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := invalidStrings(got); n != 0 {
		t.Errorf("%d invalid strings read back", n)
	}
	checks := []struct{ what, got, want string }{
		{"member name", got.Members[1].Name, "Ville de Qu\uFFFDbec"},
		{"attribute value", got.Members[0].Attributes["ma\uFFFDyor"], "Sadiq \uFFFDKhan"},
		{"places network", got.Places[0].Networks[1], "metro\uFFFDpolis"},
		{"history name", got.History[1].Name, "G\uFFFDne"},
		{"valid name untouched", got.Members[2].Name, "東京都"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	members, err := ReadMembers(context.Background(), filepath.Join(dir, MembersParquet))
	if err != nil || members[1].Name != "Ville de Qu\uFFFDbec" {
		t.Errorf("ReadMembers = %q, %v", members[1].Name, err)
	}
}

// TestCommitOnPoisonedParent: the night after a poisoned snapshot, the
// history carried from it is valid, so the new snapshot is readable even
// though the poisoned membership has left.
func TestCommitOnPoisonedParent(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const parent, child = "20261126T020000Z-aaa", testID
	commitPoisoned(t, s, parent, poisonedTables())

	prev, err := s.Read(ctx, parent)
	if err != nil {
		t.Fatal(err)
	}
	members := sampleMembers()[:1] // Québec and Tokyo left
	tables := &citynets.Tables{
		Members: members,
		History: UpdateHistory(prev.History, child, members, map[string]bool{"c40": true, "iclei": true, "wmccc": true}),
	}
	txn, err := s.Begin(ctx, child)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	os.WriteFile(filepath.Join(txn.Dir(), RawWARC), []byte(rawWARC), 0o644)
	m := &Manifest{ParentID: parent, ToolVersion: "test", Gazetteer: GazetteerInfo{Name: "test", SHA256: strings.Repeat("0f", 32)},
		Networks: map[string]NetworkStatus{"c40": {Status: StatusOK, Members: len(members)}}}
	if err := txn.Commit(ctx, m, tables); err != nil {
		t.Fatalf("commit on a poisoned parent: %v", err)
	}
	for _, name := range []string{MembersParquet, PlacesParquet, ChangesParquet, HistoryParquet} {
		if bad := rawInvalidStrings(t, filepath.Join(s.Path(child), name)); len(bad) > 0 {
			t.Errorf("%s of the child holds invalid strings %q", name, bad)
		}
	}
	if err := s.Verify(ctx, child); err != nil {
		t.Errorf("child: %v", err)
	}
	got, err := s.Read(ctx, child)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range got.History {
		names = append(names, h.Name)
	}
	if !strings.Contains(strings.Join(names, "|"), "G\uFFFDne") {
		t.Errorf("history names %q lack the repaired carried name", names)
	}
}

func TestVerifyFindsInvalidUTF8(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	commitPoisoned(t, s, testID, poisonedTables())
	err := s.Verify(ctx, testID)
	var ve *VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("Verify = %v, want a VerifyError", err)
	}
	for _, w := range []string{
		"members.parquet: column attributes (key), row 0: invalid UTF-8",
		"places.parquet: column networks (element), row 0: invalid UTF-8",
		"history.parquet: column name, row 1: invalid UTF-8",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Verify error %q does not mention %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "changes.parquet") {
		t.Errorf("Verify blames the clean changes table: %v", err)
	}
	if err := s.VerifyAll(ctx); err == nil {
		t.Error("VerifyAll passed a poisoned snapshot")
	}
}

// invalidStrings counts the invalid strings in the tables' string fields.
func invalidStrings(t *citynets.Tables) int {
	n := 0
	check := func(ss ...string) {
		for _, s := range ss {
			if !utf8.ValidString(s) {
				n++
			}
		}
	}
	for _, m := range t.Members {
		check(m.Name, m.MemberKey, m.CountryPublished, m.NetworkRegion, m.Match.PlaceName)
		for k, v := range m.Attributes {
			check(k, v)
		}
	}
	for _, p := range t.Places {
		check(p.Name, p.ASCIIName)
		check(p.Networks...)
		check(p.MemberKeys...)
	}
	for _, h := range t.History {
		check(h.Name, h.MemberKey)
	}
	return n
}

// rawInvalidStrings reads every string value of a Parquet file (including
// map and list children) without this package's reader, which repairs.
func rawInvalidStrings(t *testing.T, path string) []string {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.NewGoAllocator())
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	var bad []string
	var walk func(a arrow.Array)
	walk = func(a arrow.Array) {
		switch a := a.(type) {
		case *array.String:
			for i := range a.Len() {
				if a.IsValid(i) && !utf8.ValidString(a.Value(i)) {
					bad = append(bad, a.Value(i))
				}
			}
		case *array.Map:
			walk(a.Keys())
			walk(a.Items())
		case *array.List:
			walk(a.ListValues())
		}
	}
	for i := range int(tbl.NumCols()) {
		for _, chunk := range tbl.Column(i).Data().Chunks() {
			walk(chunk)
		}
	}
	return bad
}

// BenchmarkCheckStrings times the writer's UTF-8 check alone over the
// members and places of a 100,000-member snapshot (BenchmarkWriteSnapshot
// times it as part of the whole write), so its share can be seen on a
// busy machine.
func BenchmarkCheckStrings(b *testing.B) {
	t := syntheticTables(100_000)
	recs := append(buildBatches(memberColumns(testID), t.Members), buildBatches(placeColumns(), t.Places)...)
	defer func() {
		for _, r := range recs {
			r.Release()
		}
	}()
	b.ResetTimer()
	for b.Loop() {
		for _, r := range recs {
			if err := checkRecordStrings("t", r, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// buildBatches builds rows into record batches as the writer does.
func buildBatches[T any](cols []column[T], rows []T) []arrow.RecordBatch {
	rb := array.NewRecordBuilder(memory.NewGoAllocator(), schemaOf(cols, testID))
	defer rb.Release()
	add := make([]func(*T), len(cols))
	for i, c := range cols {
		add[i] = c.writer(rb.Field(i))
	}
	var recs []arrow.RecordBatch
	for start := 0; start < len(rows); start += batchRows {
		for i := start; i < min(start+batchRows, len(rows)); i++ {
			for _, a := range add {
				a(&rows[i])
			}
		}
		recs = append(recs, rb.NewRecordBatch())
	}
	return recs
}
