// Package output writes and reads snapshot tables (Parquet and Arrow IPC)
// and keeps the snapshot store: immutable snapshot folders, their manifests,
// the LATEST pointer, the store lock, verification and pruning.
//
// It knows the citynets domain types and nothing of HTML or fetching.
package output

import (
	"fmt"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/citynets/citynets"
)

// Key-value metadata keys every table file carries, so a file copied out of
// its snapshot still says which schema and snapshot it belongs to.
const (
	MetaSchemaVersion = "citynets.schema_version"
	MetaSnapshotID    = "citynets.snapshot_id"
)

// MembersSchema is the Arrow schema of members.parquet and members.arrow
// (without the per-file snapshot id metadata), for tools and tests that
// need the column contract without writing a file.
func MembersSchema() *arrow.Schema { return schemaOf(memberColumns(""), "") }

// PlacesSchema is the Arrow schema of places.parquet and places.arrow.
func PlacesSchema() *arrow.Schema { return schemaOf(stamped("", placeColumns()), "") }

// ChangesSchema is the Arrow schema of changes.parquet.
func ChangesSchema() *arrow.Schema { return schemaOf(stamped("", changeColumns()), "") }

// HistorySchema is the Arrow schema of history.parquet.
func HistorySchema() *arrow.Schema { return schemaOf(stamped("", historyColumns()), "") }

// RunsSchema is the Arrow schema of runs.parquet.
func RunsSchema() *arrow.Schema { return schemaOf(stamped("", runColumns()), "") }

// schemaOf builds a table's schema from its columns. The snapshot id is
// left out of the metadata when empty.
func schemaOf[T any](cols []column[T], snapshotID string) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = c.field
	}
	keys := []string{MetaSchemaVersion}
	vals := []string{citynets.SchemaVersion}
	if snapshotID != "" {
		keys = append(keys, MetaSnapshotID)
		vals = append(vals, snapshotID)
	}
	md := arrow.NewMetadata(keys, vals)
	return arrow.NewSchema(fields, &md)
}

// memberColumns defines the members table: one row per membership. Place
// columns are null when the member did not resolve to a place.
//
// Each column also says what a difference in it means to Diff (see
// diffRole): adding a column here adds it to the diff, as a published
// (source) or derived (processing) field, unless it is marked volatile.
func memberColumns(snapshotID string) []column[citynets.Member] {
	type M = citynets.Member
	resolved := func(m *M) bool { return m.Match.Resolved() }
	return []column[M]{
		volatile(constStringCol[M]("snapshot_id", snapshotID)),
		volatile(snapshotDateCol[M](snapshotID)),
		identity(stringCol("network", false, func(m *M) *string { return &m.Network }, nil)),
		// Stable across renames and key changes (see AssignMemberIDs);
		// files written before it existed lack it, and reading derives it.
		identity(optional(plain(stringCol("member_id", false, func(m *M) *string { return &m.MemberID }, nil)))),
		identity(plain(stringCol("member_key", false, func(m *M) *string { return &m.MemberKey }, nil))),
		source(plain(stringCol("name", false, func(m *M) *string { return &m.Name }, nil))),
		source(stringCol("country_published", true, func(m *M) *string { return &m.CountryPublished }, nil)),
		source(stringCol("member_type", false, func(m *M) *string { return &m.MemberType }, nil)),
		source(dateCol("member_since", func(m *M) *time.Time { return &m.MemberSince })),
		source(stringCol("network_region", true, func(m *M) *string { return &m.NetworkRegion }, nil)),
		source(mapCol("attributes", func(m *M) *map[string]string { return &m.Attributes })),
		source(urlCol("source_url", func(m *M) *string { return &m.SourceURL })),
		volatile(stringCol("source_sha256", false, func(m *M) *string { return &m.SourceSHA256 }, nil)),
		volatile(timestampCol("fetched_at", func(m *M) *time.Time { return &m.FetchedAt })),
		derived(plain(stringCol("place_id", true, func(m *M) *string { return &m.Match.PlaceID }, resolved))),
		derived(plain(stringCol("place_name", true, func(m *M) *string { return &m.Match.PlaceName }, resolved))),
		derived(stringCol("country_code", true, func(m *M) *string { return &m.Match.CountryCode }, resolved)),
		// The country as published, resolved even when no place matched, and
		// the name and continent of the member's country (the place's, else
		// the published one).
		// Schema version 1 files lack them; Diff does not compare them
		// against such a parent (see DiffInput.FromSchemaVersion).
		derived(optional(stringCol("country_code_published", true, func(m *M) *string { return &m.CountryCodePublished }, nil))),
		derived(optional(stringCol("country_name", true, func(m *M) *string { return &m.CountryName }, nil))),
		derived(optional(stringCol("continent", true, func(m *M) *string { return &m.Continent }, nil))),
		derived(stringCol("admin1_code", true, func(m *M) *string { return &m.Match.Admin1Code }, resolved)),
		derived(stringCol("admin1_name", true, func(m *M) *string { return &m.Match.Admin1Name }, resolved)),
		derived(float64Col("latitude", func(m *M) *float64 { return &m.Match.Latitude }, resolved)),
		derived(float64Col("longitude", func(m *M) *float64 { return &m.Match.Longitude }, resolved)),
		derived(int64Col("population", func(m *M) *int64 { return &m.Match.Population }, resolved)),
		derived(stringCol("match_method", false, func(m *M) *string { return &m.Match.Method }, nil)),
		derived(float32Col("match_score", func(m *M) *float32 { return &m.Match.Score }, nil)),
		// The run status of a row, not a fact about the membership.
		volatile(boolCol("stale", func(m *M) *bool { return &m.Stale })),
		volatile(stringCol("carried_from", true, func(m *M) *string { return &m.CarriedFrom }, nil)),
	}
}

// stamped prepends the snapshot_id and snapshot_date columns to a table
// whose rows do not carry them, so that every table of every snapshot can
// be read as one dataset across snapshots (a glob over the store) and each
// row still says which night it describes.
func stamped[T any](snapshotID string, cols []column[T]) []column[T] {
	return append([]column[T]{optional(constStringCol[T]("snapshot_id", snapshotID)), snapshotDateCol[T](snapshotID)}, cols...)
}

// placeColumns defines the places table: one row per distinct place.
func placeColumns() []column[citynets.Place] {
	type P = citynets.Place
	return []column[P]{
		plain(stringCol("place_id", false, func(p *P) *string { return &p.PlaceID }, nil)),
		plain(stringCol("name", false, func(p *P) *string { return &p.Name }, nil)),
		plain(stringCol("ascii_name", true, func(p *P) *string { return &p.ASCIIName }, nil)),
		stringCol("country_code", true, func(p *P) *string { return &p.CountryCode }, nil),
		stringCol("country_name", true, func(p *P) *string { return &p.CountryName }, nil),
		optional(stringCol("continent", true, func(p *P) *string { return &p.Continent }, nil)),
		stringCol("admin1_code", true, func(p *P) *string { return &p.Admin1Code }, nil),
		stringCol("admin1_name", true, func(p *P) *string { return &p.Admin1Name }, nil),
		float64Col("latitude", func(p *P) *float64 { return &p.Latitude }, nil),
		float64Col("longitude", func(p *P) *float64 { return &p.Longitude }, nil),
		int64Col("population", func(p *P) *int64 { return &p.Population }, nil),
		stringCol("feature_code", true, func(p *P) *string { return &p.FeatureCode }, nil),
		listCol("networks", func(p *P) *[]string { return &p.Networks }),
		int32Col("network_count", func(p *P) *int32 { return &p.NetworkCount }),
		plain(listCol("member_keys", func(p *P) *[]string { return &p.MemberKeys })),
	}
}

// changeColumns defines the changes table: the diff against the parent.
// from_snapshot is null in a store's first snapshot, which has no parent.
// member_id links a change to the member's history spells; member_key is
// the key in to_snapshot (in from_snapshot for a left member), and
// old_member_key and new_member_key are the key on each side, null on the
// side where the member is absent, so a renamed row carries both. Files
// written before member ids lack the last three, and reading derives them
// (see deriveChanges).
func changeColumns() []column[citynets.Change] {
	type C = citynets.Change
	return []column[C]{
		stringCol("from_snapshot", true, func(c *C) *string { return &c.FromSnapshot }, nil),
		stringCol("to_snapshot", false, func(c *C) *string { return &c.ToSnapshot }, nil),
		stringCol("network", false, func(c *C) *string { return &c.Network }, nil),
		optional(plain(stringCol("member_id", false, func(c *C) *string { return &c.MemberID }, nil))),
		stringCol("member_key", false, func(c *C) *string { return &c.MemberKey }, nil),
		optional(stringCol("old_member_key", true, func(c *C) *string { return &c.OldMemberKey }, nil)),
		optional(stringCol("new_member_key", true, func(c *C) *string { return &c.NewMemberKey }, nil)),
		stringCol("change", false, func(c *C) *string { return &c.Change }, nil),
		stringCol("cause", false, func(c *C) *string { return &c.Cause }, nil),
		listCol("changed_fields", func(c *C) *[]string { return &c.ChangedFields }),
		stringCol("old_name", true, func(c *C) *string { return &c.OldName }, nil),
		stringCol("new_name", true, func(c *C) *string { return &c.NewName }, nil),
		stringCol("place_id", true, func(c *C) *string { return &c.PlaceID }, nil),
	}
}

// historyColumns defines the history table: one row per spell of
// membership (see UpdateHistory). from_date and to_date are the dates of
// from_snapshot and to_snapshot, the first and last snapshots that
// observed the spell; they are not called "from" and "to" because both
// are reserved words in SQL, and every query would have to quote them.
// Files written before spells held one row per membership with
// first_seen and last_seen: reading takes those for from_snapshot and
// to_snapshot and derives the rest (see deriveHistory).
func historyColumns() []column[citynets.HistoryEntry] {
	type H = citynets.HistoryEntry
	return []column[H]{
		stringCol("network", false, func(h *H) *string { return &h.Network }, nil),
		optional(plain(stringCol("member_id", false, func(h *H) *string { return &h.MemberID }, nil))),
		plain(stringCol("member_key", false, func(h *H) *string { return &h.MemberKey }, nil)),
		plain(stringCol("place_id", true, func(h *H) *string { return &h.PlaceID }, nil)),
		plain(stringCol("name", false, func(h *H) *string { return &h.Name }, nil)),
		optional(dateCol("from_date", func(h *H) *time.Time { return &h.From })),
		optional(dateCol("to_date", func(h *H) *time.Time { return &h.To })),
		formerly(stringCol("from_snapshot", false, func(h *H) *string { return &h.FromSnapshot }, nil), "first_seen"),
		formerly(stringCol("to_snapshot", false, func(h *H) *string { return &h.ToSnapshot }, nil), "last_seen"),
		boolCol("present", func(h *H) *bool { return &h.Present }),
		int64Col("seen_count", func(h *H) *int64 { return &h.SeenCount }, nil),
	}
}

// column is one table column: its Arrow field and how a row of T is
// appended to it and read back from it. Keeping the three together means
// the schema, the writer and the reader cannot drift apart.
type column[T any] struct {
	field arrow.Field
	// writer binds to the column's builder and returns the per-row appender.
	writer func(b array.Builder) func(row *T)
	// reader binds to one batch's array and returns the per-row setter, or
	// an error when the array has the wrong type.
	reader func(a arrow.Array) (func(i int, row *T), error)
	// plain marks a string column whose values are nearly unique per row
	// (keys, names): a dictionary would only cost hashing and then fall
	// back to plain encoding, so it is written plain from the start.
	plain bool
	// optional marks a column added since schema version 1, which files
	// of a legacy version lack: reading such a file leaves it zero (null),
	// and the table's reader derives it where the file holds what it
	// takes (see legacy.go), and Diff does not compare it against such a
	// parent. formerly is the name it had then, read in its place when a
	// legacy file has that column instead. A current file must have both.
	optional bool
	formerly string
	// role says what a difference in this column means to Diff; only the
	// members table's columns have one.
	role diffRole
	// differs appends to dst the names of the changed fields of this
	// column between rows a and b: none when they hold the same value,
	// else the column's name (a map column names each key that differs,
	// as "<column>.<key>", sorted).
	differs func(dst []string, a, b *T) []string
}

// diffRole says what a difference in a members column means to Diff.
// Every members column must choose one (a test checks), so a new column is
// compared unless it is explicitly volatile.
type diffRole uint8

const (
	roleUnset    diffRole = iota // not a members column
	roleIdentity                 // identifies the membership (network, member_id, member_key): joins, leaves and renames, not modifications
	roleSource                   // published by the network: a change of cause source
	roleDerived                  // derived by citynets (the match): a change of cause processing
	roleVolatile                 // differs from run to run with the membership unchanged: never a change
)

func withRole[T any](c column[T], r diffRole) column[T] {
	c.role = r
	return c
}

// identity, source, derived and volatile give a members column its diffRole.
func identity[T any](c column[T]) column[T] { return withRole(c, roleIdentity) }
func source[T any](c column[T]) column[T]   { return withRole(c, roleSource) }
func derived[T any](c column[T]) column[T]  { return withRole(c, roleDerived) }
func volatile[T any](c column[T]) column[T] { return withRole(c, roleVolatile) }

// optional returns c marked as absent from older files (see column.optional).
func optional[T any](c column[T]) column[T] {
	c.optional = true
	return c
}

// formerly returns c marked as written under the name old by older files.
func formerly[T any](c column[T], old string) column[T] {
	c.formerly = old
	return c
}

// plain returns c marked as written without a dictionary.
func plain[T any](c column[T]) column[T] {
	c.plain = true
	return c
}

// sameBy returns a differs function for a column whose rows hold the same
// value when same says so. When present is given, a row for which it is
// false holds null in the file, and is compared as null whatever the
// struct holds: null equals null and differs from any value.
func sameBy[T any](name string, present func(*T) bool, same func(a, b *T) bool) func([]string, *T, *T) []string {
	return func(dst []string, a, b *T) []string {
		if present != nil {
			pa, pb := present(a), present(b)
			if pa != pb {
				return append(dst, name)
			}
			if !pa {
				return dst
			}
		}
		if !same(a, b) {
			return append(dst, name)
		}
		return dst
	}
}

// typeError says which column had an unexpected type in a file.
func typeError(name string, a arrow.Array) error {
	return fmt.Errorf("column %s: unexpected type %s", name, a.DataType())
}

// constStringCol writes the same value in every row (the snapshot id, which
// the domain types do not carry) and ignores it on read.
func constStringCol[T any](name, value string) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String},
		writer: func(b array.Builder) func(*T) {
			sb := b.(*array.StringBuilder)
			return func(*T) { sb.Append(value) }
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			if _, ok := a.(*array.String); !ok {
				return nil, typeError(name, a)
			}
			return func(int, *T) {}, nil
		},
		differs: func(dst []string, _, _ *T) []string { return dst },
	}
}

// snapshotDateCol writes the date the snapshot describes, the time its id
// starts with (a rebuild keeps its source's), in every row, and ignores
// it on read. An id that does not start with a time gives null.
func snapshotDateCol[T any](snapshotID string) column[T] {
	date, err := idTime(snapshotID)
	valid := err == nil
	const name = "snapshot_date"
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Timestamp_ms, Nullable: true},
		writer: func(b array.Builder) func(*T) {
			tb := b.(*array.TimestampBuilder)
			return func(*T) {
				if !valid {
					tb.AppendNull()
					return
				}
				tb.Append(arrow.Timestamp(date.UnixMilli()))
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			if _, ok := a.(*array.Timestamp); !ok {
				return nil, typeError(name, a)
			}
			return func(int, *T) {}, nil
		},
		differs: func(dst []string, _, _ *T) []string { return dst },
		// Schema version 2 added it to every table.
		optional: true,
	}
}

// stringCol is a string column. When nullable, an empty string is written
// as null, and so is every value of a row for which present returns false.
func stringCol[T any](name string, nullable bool, v func(*T) *string, present func(*T) bool) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: nullable},
		writer: func(b array.Builder) func(*T) {
			sb := b.(*array.StringBuilder)
			return func(r *T) {
				s := *v(r)
				if nullable && (s == "" || (present != nil && !present(r))) {
					sb.AppendNull()
					return
				}
				sb.Append(s)
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			sa, ok := a.(*array.String)
			if !ok {
				return nil, typeError(name, a)
			}
			return func(i int, r *T) {
				if sa.IsValid(i) {
					*v(r) = sa.Value(i)
				}
			}, nil
		},
		differs: sameBy(name, present, func(a, b *T) bool { return *v(a) == *v(b) }),
	}
}

// urlCol is a non-null string column holding a URL whose query and
// fragment are volatile: trackers, cache busters and page anchors change
// between runs without the page being another, so Diff ignores them.
func urlCol[T any](name string, v func(*T) *string) column[T] {
	c := stringCol(name, false, v, nil)
	c.differs = sameBy(name, nil, func(a, b *T) bool { return urlWithoutQuery(*v(a)) == urlWithoutQuery(*v(b)) })
	return c
}

// fixedBuilder and fixedArray are the builder and array of a fixed-width
// Arrow type whose Go value type is V.
type fixedBuilder[V any] interface {
	array.Builder
	Append(V)
}

type fixedArray[V any] interface {
	arrow.Array
	Value(int) V
}

// fixedCol is a fixed-width column; it is nullable when present is given,
// and null in the rows for which present returns false.
//
// same tells two values apart for Diff.
func fixedCol[T, V any, B fixedBuilder[V], A fixedArray[V]](name string, dt arrow.DataType, v func(*T) *V, present func(*T) bool, same func(a, b V) bool) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: dt, Nullable: present != nil},
		writer: func(b array.Builder) func(*T) {
			fb := b.(B)
			return func(r *T) {
				if present != nil && !present(r) {
					fb.AppendNull()
					return
				}
				fb.Append(*v(r))
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			fa, ok := a.(A)
			if !ok {
				return nil, typeError(name, a)
			}
			return func(i int, r *T) {
				if fa.IsValid(i) {
					*v(r) = fa.Value(i)
				}
			}, nil
		},
		differs: sameBy(name, present, func(a, b *T) bool { return same(*v(a), *v(b)) }),
	}
}

// sameValue is == for the fixed-width types whose values compare exactly.
func sameValue[V comparable](a, b V) bool { return a == b }

// sameFloat is == except that NaN equals NaN: a NaN written twice is no
// change.
func sameFloat[V float32 | float64](a, b V) bool { return a == b || (a != a && b != b) }

func float64Col[T any](name string, v func(*T) *float64, present func(*T) bool) column[T] {
	return fixedCol[T, float64, *array.Float64Builder, *array.Float64](name, arrow.PrimitiveTypes.Float64, v, present, sameFloat[float64])
}

func float32Col[T any](name string, v func(*T) *float32, present func(*T) bool) column[T] {
	return fixedCol[T, float32, *array.Float32Builder, *array.Float32](name, arrow.PrimitiveTypes.Float32, v, present, sameFloat[float32])
}

func int64Col[T any](name string, v func(*T) *int64, present func(*T) bool) column[T] {
	return fixedCol[T, int64, *array.Int64Builder, *array.Int64](name, arrow.PrimitiveTypes.Int64, v, present, sameValue[int64])
}

func int32Col[T any](name string, v func(*T) *int32) column[T] {
	return fixedCol[T, int32, *array.Int32Builder, *array.Int32](name, arrow.PrimitiveTypes.Int32, v, nil, sameValue[int32])
}

func boolCol[T any](name string, v func(*T) *bool) column[T] {
	return fixedCol[T, bool, *array.BooleanBuilder, *array.Boolean](name, arrow.FixedWidthTypes.Boolean, v, nil, sameValue[bool])
}

// dateCol is a nullable DATE column: a zero time is null, any other time
// is written as its calendar date (read back as UTC midnight).
func dateCol[T any](name string, v func(*T) *time.Time) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		writer: func(b array.Builder) func(*T) {
			db := b.(*array.Date32Builder)
			return func(r *T) {
				t := *v(r)
				if t.IsZero() {
					db.AppendNull()
					return
				}
				y, m, d := t.Date()
				db.Append(arrow.Date32FromTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)))
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			da, ok := a.(*array.Date32)
			if !ok {
				return nil, typeError(name, a)
			}
			return func(i int, r *T) {
				if da.IsValid(i) {
					*v(r) = da.Value(i).ToTime()
				}
			}, nil
		},
		differs: sameBy(name, nil, func(a, b *T) bool { return v(a).Equal(*v(b)) }),
	}
}

// timestampCol is a non-null timestamp column, stored as UTC milliseconds.
func timestampCol[T any](name string, v func(*T) *time.Time) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.FixedWidthTypes.Timestamp_ms},
		writer: func(b array.Builder) func(*T) {
			tb := b.(*array.TimestampBuilder)
			return func(r *T) { tb.Append(arrow.Timestamp(v(r).UnixMilli())) }
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			ta, ok := a.(*array.Timestamp)
			if !ok {
				return nil, typeError(name, a)
			}
			unit := ta.DataType().(*arrow.TimestampType).Unit
			return func(i int, r *T) {
				if ta.IsValid(i) {
					*v(r) = ta.Value(i).ToTime(unit).UTC()
				}
			}, nil
		},
		differs: sameBy(name, nil, func(a, b *T) bool { return v(a).Equal(*v(b)) }),
	}
}

// mapCol is a non-null map<string,string> column. Keys are written sorted
// so that equal maps give byte-identical files; an empty map reads as nil.
func mapCol[T any](name string, v func(*T) *map[string]string) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.MapOf(arrow.BinaryTypes.String, arrow.BinaryTypes.String)},
		writer: func(b array.Builder) func(*T) {
			mb := b.(*array.MapBuilder)
			kb := mb.KeyBuilder().(*array.StringBuilder)
			ib := mb.ItemBuilder().(*array.StringBuilder)
			var keys []string // reused across rows
			return func(r *T) {
				m := *v(r)
				mb.Append(true)
				keys = keys[:0]
				for k := range m {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				for _, k := range keys {
					kb.Append(k)
					ib.Append(m[k])
				}
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			ma, ok := a.(*array.Map)
			if !ok {
				return nil, typeError(name, a)
			}
			keys, ok1 := ma.Keys().(*array.String)
			items, ok2 := ma.Items().(*array.String)
			if !ok1 || !ok2 {
				return nil, typeError(name, a)
			}
			return func(i int, r *T) {
				start, end := ma.ValueOffsets(i)
				if ma.IsNull(i) || start == end {
					return
				}
				m := make(map[string]string, end-start)
				for j := int(start); j < int(end); j++ {
					m[keys.Value(j)] = items.Value(j)
				}
				*v(r) = m
			}, nil
		},
		differs: func(dst []string, a, b *T) []string { return appendMapDiff(dst, name, *v(a), *v(b)) },
	}
}

// listCol is a non-null list<string> column; an empty list reads as nil.
func listCol[T any](name string, v func(*T) *[]string) column[T] {
	return column[T]{
		field: arrow.Field{Name: name, Type: arrow.ListOfNonNullable(arrow.BinaryTypes.String)},
		writer: func(b array.Builder) func(*T) {
			lb := b.(*array.ListBuilder)
			sb := lb.ValueBuilder().(*array.StringBuilder)
			return func(r *T) {
				lb.Append(true)
				for _, s := range *v(r) {
					sb.Append(s)
				}
			}
		},
		reader: func(a arrow.Array) (func(int, *T), error) {
			la, ok := a.(*array.List)
			if !ok {
				return nil, typeError(name, a)
			}
			vals, ok := la.ListValues().(*array.String)
			if !ok {
				return nil, typeError(name, a)
			}
			return func(i int, r *T) {
				start, end := la.ValueOffsets(i)
				if la.IsNull(i) || start == end {
					return
				}
				out := make([]string, 0, end-start)
				for j := int(start); j < int(end); j++ {
					out = append(out, vals.Value(j))
				}
				*v(r) = out
			}, nil
		},
		differs: sameBy(name, nil, func(a, b *T) bool { return slices.Equal(*v(a), *v(b)) }),
	}
}
