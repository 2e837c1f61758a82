package output

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"

	"github.com/citynets/citynets"
)

const testID = "20261127T020000Z-k3f"

// day is a civil date as a DATE column reads back: UTC midnight.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleMembers covers every column kind and every null: a fully resolved
// member, an unresolved one, a stale carried-forward one, and odd values.
func sampleMembers() []citynets.Member {
	fetched := time.Date(2026, 11, 27, 2, 0, 3, 456_789_000, time.UTC)
	return []citynets.Member{
		{
			Network: "c40", MemberID: "c40:london", MemberKey: "london", Name: "London", CountryPublished: "United Kingdom",
			MemberType: citynets.TypeCity, MemberSince: time.Date(2005, 10, 1, 0, 0, 0, 0, time.UTC),
			NetworkRegion: "Europe", Attributes: map[string]string{"tier": "Megacity", "mayor": "Sadiq Khan"},
			SourceURL: "https://www.c40.org/cities/london/", SourceSHA256: "ab12", FetchedAt: fetched,
			Match: citynets.Match{PlaceID: "geonames:2643743", PlaceName: "London", CountryCode: "GB",
				Admin1Code: "ENG", Admin1Name: "England", Latitude: 51.50853, Longitude: -0.12574,
				Population: 8961989, Method: citynets.MatchExact, Score: 1},
		},
		{
			Network: "iclei", MemberID: "iclei:ville de quebec", MemberKey: memberKey("Ville de Québec", ""), Name: "Ville de Québec",
			MemberType: citynets.TypeOther, SourceURL: "https://iclei.org/members?page=2", SourceSHA256: "cd34",
			FetchedAt: fetched,
			// An unresolved member whose matcher left stray values: the place
			// columns must still be null.
			Match: citynets.Match{PlaceName: "leftover", Latitude: 1, Population: 7, Method: citynets.MatchNone},
		},
		{
			Network: "wmccc", MemberID: "wmccc:tokyo~2", MemberKey: "tokyo", Name: "東京都", CountryPublished: "Japan",
			MemberType: citynets.TypeRegion,
			// A civil date in another zone is stored as that calendar date.
			MemberSince: time.Date(2000, 1, 1, 0, 0, 0, 0, time.FixedZone("JST", 9*3600)),
			Attributes:  map[string]string{"empty": ""},
			SourceURL:   "https://worldmayorscouncil.org/members", SourceSHA256: "ef56",
			FetchedAt:     fetched.Add(-24 * time.Hour),
			Match:         citynets.Match{PlaceID: "geonames:1850147", PlaceName: "Tokyo", CountryCode: "JP", Method: citynets.MatchFuzzy, Score: 0.8125},
			Stale:         true,
			CarriedFrom:   "20261126T020000Z-aaa",
			NetworkRegion: "",
		},
	}
}

func sampleTables() *citynets.Tables {
	return &citynets.Tables{
		Members: sampleMembers(),
		Places: []citynets.Place{
			{PlaceID: "geonames:2643743", Name: "London", ASCIIName: "London", CountryCode: "GB", CountryName: "United Kingdom",
				Admin1Code: "ENG", Admin1Name: "England", Latitude: 51.50853, Longitude: -0.12574, Population: 8961989,
				FeatureCode: "PPLC", Networks: []string{"c40", "metropolis"}, NetworkCount: 2, MemberKeys: []string{"c40/london", "metropolis/london"}},
			{PlaceID: "geonames:1", Name: "Nowhere", NetworkCount: 0, Networks: []string{}},
		},
		Changes: []citynets.Change{
			{FromSnapshot: "20261126T020000Z-aaa", ToSnapshot: testID, Network: "c40", MemberID: "c40:london", MemberKey: "london",
				OldMemberKey: "london", NewMemberKey: "london", Change: citynets.Modified, Cause: citynets.CauseSource, ChangedFields: []string{"attributes", "name"},
				OldName: "London ", NewName: "London", PlaceID: "geonames:2643743"},
			{ToSnapshot: testID, Network: "iclei", MemberID: "iclei:x", MemberKey: "x", NewMemberKey: "x", Change: citynets.Joined, Cause: citynets.CauseSource},
			{FromSnapshot: "20261126T020000Z-aaa", ToSnapshot: testID, Network: "uclg", MemberID: "uclg:surabaya|indonesia",
				MemberKey: "kota surabaya|indonesia", OldMemberKey: "surabaya|indonesia", NewMemberKey: "kota surabaya|indonesia",
				Change: citynets.Renamed, Cause: citynets.CauseSource, ChangedFields: []string{"member_key", "name"},
				OldName: "Surabaya", NewName: "Kota Surabaya", PlaceID: "geonames:1625822"},
		},
		History: []citynets.HistoryEntry{
			{Network: "c40", MemberID: "c40:london", MemberKey: "london", PlaceID: "geonames:2643743", Name: "London",
				FromSnapshot: "20261126T020000Z-aaa", ToSnapshot: testID, From: day(2026, 11, 26), To: day(2026, 11, 27), Present: true, SeenCount: 2},
			{Network: "iclei", MemberID: "iclei:gone", MemberKey: "gone", Name: "Gone", FromSnapshot: "20190601T020000Z-aaa", ToSnapshot: "20190601T020000Z-aaa",
				From: day(2019, 6, 1), To: day(2019, 6, 1), SeenCount: 1},
			{Network: "iclei", MemberID: "iclei:gone", MemberKey: "gone", Name: "Gone", FromSnapshot: "20261126T020000Z-aaa", ToSnapshot: testID,
				From: day(2026, 11, 26), To: day(2026, 11, 27), Present: true, SeenCount: 2},
		},
	}
}

// syntheticTables makes n members spread over five networks, the places
// they resolve to, and a history row per member, for size and speed tests.
func syntheticTables(n int) *citynets.Tables {
	nets := []string{"c40", "wmccc", "metropolis", "uclg", "iclei"}
	fetched := time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)
	t := &citynets.Tables{Members: make([]citynets.Member, n), History: make([]citynets.HistoryEntry, n)}
	nPlaces := n / 2
	// Like a scraper's output, members of one page share its URL and hash.
	pageURL, pageSum := make([]string, n/50+1), make([]string, n/50+1)
	for p := range pageURL {
		pageURL[p] = fmt.Sprintf("https://%s.example/members?page=%d", nets[p%len(nets)], p)
		pageSum[p] = fmt.Sprintf("%064x", p)
	}
	for i := range n {
		net := nets[i%len(nets)]
		key := fmt.Sprintf("member-%06d", i)
		m := citynets.Member{
			Network: net, MemberKey: key, Name: fmt.Sprintf("City %d", i), CountryPublished: "Country " + fmt.Sprint(i%200),
			MemberType: citynets.TypeCity, NetworkRegion: "Region " + fmt.Sprint(i%7),
			Attributes: map[string]string{"population": fmt.Sprint(i * 37), "status": "active"},
			SourceURL:  pageURL[i/50], SourceSHA256: pageSum[i/50],
			FetchedAt: fetched.Add(time.Duration(i) * time.Millisecond),
			Match:     citynets.Match{Method: citynets.MatchNone},
		}
		if i%3 != 0 {
			m.MemberSince = time.Date(2000+i%25, time.Month(1+i%12), 1, 0, 0, 0, 0, time.UTC)
		}
		if i%10 != 0 {
			p := i % nPlaces
			m.Match = citynets.Match{PlaceID: fmt.Sprintf("geonames:%d", 1000000+p), PlaceName: fmt.Sprintf("City %d", p),
				CountryCode: "C" + string(rune('A'+p%26)), Admin1Code: fmt.Sprint(p % 50), Admin1Name: "Admin " + fmt.Sprint(p%50),
				Latitude: float64(p%180) - 90 + 0.123, Longitude: float64(p%360) - 180 + 0.456, Population: int64(p * 11),
				Method: citynets.MatchExact, Score: 1}
		}
		t.Members[i] = m
		t.Members[i].MemberID = NewMemberID(net, key)
		t.History[i] = citynets.HistoryEntry{Network: net, MemberID: t.Members[i].MemberID, MemberKey: key, PlaceID: m.Match.PlaceID, Name: m.Name,
			FromSnapshot: "20261101T020000Z-aaa", ToSnapshot: testID, From: day(2026, 11, 1), To: day(2026, 11, 27), Present: true, SeenCount: 27}
	}
	for i := 0; i < n; i += 100 {
		t.Changes = append(t.Changes, citynets.Change{FromSnapshot: "20261126T020000Z-aaa", ToSnapshot: testID,
			Network: t.Members[i].Network, MemberID: t.Members[i].MemberID, MemberKey: t.Members[i].MemberKey,
			OldMemberKey: t.Members[i].MemberKey, NewMemberKey: t.Members[i].MemberKey, Change: citynets.Modified,
			Cause: citynets.CauseProcessing, ChangedFields: []string{"place_id"}, NewName: t.Members[i].Name})
	}
	t.Places = make([]citynets.Place, nPlaces)
	for p := range nPlaces {
		t.Places[p] = citynets.Place{PlaceID: fmt.Sprintf("geonames:%d", 1000000+p), Name: fmt.Sprintf("City %d", p), ASCIIName: fmt.Sprintf("City %d", p),
			CountryCode: "C" + string(rune('A'+p%26)), CountryName: "Country", Latitude: 1, Longitude: 2, Population: int64(p), FeatureCode: "PPL",
			Networks: []string{"c40", "iclei"}, NetworkCount: 2, MemberKeys: []string{"c40/a", "iclei/b"}}
	}
	return t
}

// normalise is what a write→read round trip is expected to do to tables:
// timestamps to UTC milliseconds, dates to UTC midnight, place columns of
// unresolved members dropped, empty maps and lists read as nil.
func normalise(t *citynets.Tables) *citynets.Tables {
	out := &citynets.Tables{}
	for _, m := range t.Members {
		m.FetchedAt = m.FetchedAt.UTC().Truncate(time.Millisecond)
		if !m.MemberSince.IsZero() {
			y, mo, d := m.MemberSince.Date()
			m.MemberSince = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		}
		if !m.Match.Resolved() {
			m.Match = citynets.Match{Method: m.Match.Method, Score: m.Match.Score}
		}
		if len(m.Attributes) == 0 {
			m.Attributes = nil
		} else {
			m.Attributes = maps.Clone(m.Attributes)
		}
		out.Members = append(out.Members, m)
	}
	for _, p := range t.Places {
		p.Networks = nilIfEmpty(p.Networks)
		p.MemberKeys = nilIfEmpty(p.MemberKeys)
		out.Places = append(out.Places, p)
	}
	for _, c := range t.Changes {
		c.ChangedFields = nilIfEmpty(c.ChangedFields)
		out.Changes = append(out.Changes, c)
	}
	out.History = slices.Clone(t.History)
	return out
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// diffTables reports the first differing row of each table.
func diffTables(t *testing.T, got, want *citynets.Tables) {
	t.Helper()
	diffRows(t, "members", got.Members, want.Members)
	diffRows(t, "places", got.Places, want.Places)
	diffRows(t, "changes", got.Changes, want.Changes)
	diffRows(t, "history", got.History, want.History)
}

func diffRows[T any](t *testing.T, table string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, want %d", table, len(got), len(want))
		return
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("%s row %d:\n got %+v\nwant %+v", table, i, got[i], want[i])
			return
		}
	}
}

func TestRoundTrip(t *testing.T) {
	big := syntheticTables(batchRows + 17) // spans two batches / row groups
	cases := []struct {
		name   string
		tables *citynets.Tables
	}{
		{"sample with nulls, maps, lists, dates", sampleTables()},
		{"empty tables", &citynets.Tables{}},
		{"only members", &citynets.Tables{Members: sampleMembers()[1:2]}},
		{"more rows than a batch", big},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rows, err := WriteTables(context.Background(), dir, testID, tc.tables)
			if err != nil {
				t.Fatal(err)
			}
			if rows[MembersParquet] != int64(len(tc.tables.Members)) || rows[HistoryParquet] != int64(len(tc.tables.History)) {
				t.Errorf("rows = %v", rows)
			}
			got, err := ReadTables(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			diffTables(t, got, normalise(tc.tables))
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	// Equal content must give equal hashes, or every snapshot would look new.
	var sums []string
	for range 2 {
		dir := t.TempDir()
		if _, err := WriteTables(context.Background(), dir, testID, sampleTables()); err != nil {
			t.Fatal(err)
		}
		for _, name := range tableFiles() {
			sum, _, err := hashFile(filepath.Join(dir, name), false)
			if err != nil {
				t.Fatal(err)
			}
			sums = append(sums, sum)
		}
	}
	n := len(sums) / 2
	if !slices.Equal(sums[:n], sums[n:]) {
		t.Errorf("two writes of the same tables differ:\n%v\n%v", sums[:n], sums[n:])
	}
}

func TestWriteHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := WriteTables(ctx, t.TempDir(), testID, sampleTables()); err == nil {
		t.Fatal("WriteTables with a cancelled context succeeded")
	}
}

// wantField is one column of DESIGN's data model.
type wantField struct {
	name     string
	typ      arrow.DataType
	nullable bool
}

func designSchemas() map[string][]wantField {
	str, f64, i64 := arrow.BinaryTypes.String, arrow.PrimitiveTypes.Float64, arrow.PrimitiveTypes.Int64
	list := arrow.ListOfNonNullable(str)
	ts := &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	stamp := func(f []wantField) []wantField {
		return append([]wantField{{"snapshot_id", str, false}, {"snapshot_date", ts, true}}, f...)
	}
	return map[string][]wantField{
		MembersParquet: {
			{"snapshot_id", str, false}, {"snapshot_date", ts, true}, {"network", str, false}, {"member_id", str, false}, {"member_key", str, false}, {"name", str, false},
			{"country_published", str, true}, {"member_type", str, false}, {"member_since", arrow.FixedWidthTypes.Date32, true},
			{"network_region", str, true}, {"attributes", arrow.MapOf(str, str), false}, {"source_url", str, false},
			{"source_sha256", str, false}, {"fetched_at", &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, false},
			{"place_id", str, true}, {"place_name", str, true}, {"country_code", str, true},
			{"country_code_published", str, true}, {"country_name", str, true}, {"continent", str, true}, {"admin1_code", str, true},
			{"admin1_name", str, true}, {"latitude", f64, true}, {"longitude", f64, true}, {"population", i64, true},
			{"match_method", str, false}, {"match_score", arrow.PrimitiveTypes.Float32, false},
			{"stale", arrow.FixedWidthTypes.Boolean, false}, {"carried_from", str, true},
		},
		PlacesParquet: stamp([]wantField{
			{"place_id", str, false}, {"name", str, false}, {"ascii_name", str, true}, {"country_code", str, true},
			{"country_name", str, true}, {"continent", str, true}, {"admin1_code", str, true}, {"admin1_name", str, true},
			{"latitude", f64, false}, {"longitude", f64, false}, {"population", i64, false}, {"feature_code", str, true},
			{"networks", list, false}, {"network_count", arrow.PrimitiveTypes.Int32, false}, {"member_keys", list, false},
		}),
		ChangesParquet: stamp([]wantField{
			{"from_snapshot", str, true}, {"to_snapshot", str, false}, {"network", str, false}, {"member_id", str, false},
			{"member_key", str, false}, {"old_member_key", str, true}, {"new_member_key", str, true}, {"change", str, false}, {"cause", str, false}, {"changed_fields", list, false},
			{"old_name", str, true}, {"new_name", str, true}, {"place_id", str, true},
		}),
		HistoryParquet: stamp([]wantField{
			{"network", str, false}, {"member_id", str, false}, {"member_key", str, false}, {"place_id", str, true}, {"name", str, false},
			{"from_date", arrow.FixedWidthTypes.Date32, true}, {"to_date", arrow.FixedWidthTypes.Date32, true},
			{"from_snapshot", str, false}, {"to_snapshot", str, false}, {"present", arrow.FixedWidthTypes.Boolean, false},
			{"seen_count", i64, false},
		}),
	}
}

func checkSchema(t *testing.T, label string, got *arrow.Schema, want []wantField) {
	t.Helper()
	if got.NumFields() != len(want) {
		t.Errorf("%s: %d fields, want %d: %s", label, got.NumFields(), len(want), got)
		return
	}
	for i, w := range want {
		f := got.Field(i)
		if f.Name != w.name || !arrow.TypeEqual(f.Type, w.typ) || f.Nullable != w.nullable {
			t.Errorf("%s field %d = %s %s nullable=%v, want %s %s nullable=%v", label, i, f.Name, f.Type, f.Nullable, w.name, w.typ, w.nullable)
		}
	}
}

func TestSchemasMatchDesign(t *testing.T) {
	want := designSchemas()
	for name, s := range map[string]*arrow.Schema{
		MembersParquet: MembersSchema(), PlacesParquet: PlacesSchema(),
		ChangesParquet: ChangesSchema(), HistoryParquet: HistorySchema(),
	} {
		checkSchema(t, name, s, want[name])
		if v, ok := s.Metadata().GetValue(MetaSchemaVersion); !ok || v != citynets.SchemaVersion {
			t.Errorf("%s: schema version metadata %q", name, v)
		}
	}
}

// plainColumns are the string columns written without a dictionary: their
// values are close to unique per row. Every other string is dictionary-encoded.
var plainColumns = map[string]bool{
	"members.parquet/member_key": true, "members.parquet/name": true,
	"members.parquet/place_id": true, "members.parquet/place_name": true, "history.parquet/place_id": true,
	"places.parquet/place_id": true, "places.parquet/name": true, "places.parquet/ascii_name": true,
	"places.parquet/member_keys.list.element": true,
	"history.parquet/member_key":              true, "history.parquet/name": true,
	"members.parquet/member_id": true, "changes.parquet/member_id": true, "history.parquet/member_id": true,
}

func TestParquetFileProperties(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteTables(context.Background(), dir, testID, syntheticTables(1000)); err != nil {
		t.Fatal(err)
	}
	for name, want := range designSchemas() {
		t.Run(name, func(t *testing.T) {
			rdr, err := file.OpenParquetFile(filepath.Join(dir, name), false)
			if err != nil {
				t.Fatal(err)
			}
			defer rdr.Close()
			kv := rdr.MetaData().KeyValueMetadata()
			for k, v := range map[string]string{MetaSchemaVersion: citynets.SchemaVersion, MetaSnapshotID: testID} {
				if got := kv.FindValue(k); got == nil || *got != v {
					t.Errorf("metadata %s = %v, want %q", k, got, v)
				}
			}
			fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := fr.Schema()
			if err != nil {
				t.Fatal(err)
			}
			checkSchema(t, name, sc, want)

			if rdr.NumRowGroups() == 0 {
				t.Fatal("no row groups")
			}
			rg := rdr.MetaData().RowGroup(0)
			pqs := rdr.MetaData().Schema
			for c := range rg.NumColumns() {
				cc, err := rg.ColumnChunk(c)
				if err != nil {
					t.Fatal(err)
				}
				path := cc.PathInSchema().String()
				if cc.Compression() != compress.Codecs.Zstd {
					t.Errorf("%s: codec %s, want zstd", path, cc.Compression())
				}
				if ok, err := cc.StatsSet(); !ok || err != nil {
					t.Errorf("%s: statistics not set (%v)", path, err)
				}
				if pqs.Column(c).PhysicalType() != parquet.Types.ByteArray {
					continue
				}
				dict := cc.HasDictionaryPage() && slices.Contains(cc.Encodings(), parquet.Encodings.RLEDict)
				if want := !plainColumns[name+"/"+path]; dict != want {
					t.Errorf("%s: dictionary-encoded = %v, want %v (encodings %v)", path, dict, want, cc.Encodings())
				}
			}
		})
	}
}

func TestParquetLogicalTypes(t *testing.T) {
	// DuckDB and pandas pick DATE, TIMESTAMP and MAP from these annotations.
	dir := t.TempDir()
	if _, err := WriteTables(context.Background(), dir, testID, sampleTables()); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.OpenParquetFile(filepath.Join(dir, MembersParquet), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	root := rdr.MetaData().Schema.Root()
	get := func(name string) schema.Node { return root.Field(root.FieldIndexByName(name)) }
	if _, ok := get("member_since").LogicalType().(schema.DateLogicalType); !ok {
		t.Errorf("member_since logical type %s, want Date", get("member_since").LogicalType())
	}
	ts, ok := get("fetched_at").LogicalType().(schema.TimestampLogicalType)
	if !ok || !ts.IsAdjustedToUTC() || ts.TimeUnit() != schema.TimeUnitMillis {
		t.Errorf("fetched_at logical type %s, want Timestamp(UTC, millis)", get("fetched_at").LogicalType())
	}
	if _, ok := get("attributes").LogicalType().(schema.MapLogicalType); !ok {
		t.Errorf("attributes logical type %s, want Map", get("attributes").LogicalType())
	}
}
