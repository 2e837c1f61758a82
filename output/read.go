package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
)

// SchemaVersionError says a table file was written with another schema
// version than this build reads, so its columns cannot be trusted.
type SchemaVersionError struct {
	Path string
	Got  string // "" when the file carries no version at all
	Want string
}

// Error names the file and both versions.
func (e *SchemaVersionError) Error() string {
	if e.Got == "" {
		return fmt.Sprintf("%s: no %s metadata (not a citynets table?)", e.Path, MetaSchemaVersion)
	}
	return fmt.Sprintf("%s: schema version %s, this build reads %s", e.Path, e.Got, e.Want)
}

// Unwrap lets callers test for ErrSchemaVersion.
func (e *SchemaVersionError) Unwrap() error { return ErrSchemaVersion }

// FileMeta is what a table file says about itself in its footer.
type FileMeta struct {
	SchemaVersion string
	SnapshotID    string
	Rows          int64
}

// ReadTables reads the four Parquet tables of a snapshot folder. Every file
// must carry this build's schema version and the same snapshot id. Strings
// that are not valid UTF-8 (written before the writer refused them) are
// repaired on read, each invalid sequence becoming U+FFFD, so what is
// carried from a poisoned snapshot into the next one is valid.
func ReadTables(ctx context.Context, dir string) (*citynets.Tables, error) {
	t, _, err := readTables(ctx, dir)
	return t, err
}

// readTables is ReadTables, also returning how many string values of each
// file it repaired (keyed by file name; only files with repairs).
func readTables(ctx context.Context, dir string) (*citynets.Tables, map[string]int, error) {
	var t citynets.Tables
	var ids [4]string
	var err error
	repaired := map[string]int{}
	if t.Members, ids[0], err = readTableInto(ctx, dir, MembersParquet, memberColumns(""), repaired); err != nil {
		return nil, nil, err
	}
	if t.Places, ids[1], err = readTableInto(ctx, dir, PlacesParquet, stamped("", placeColumns()), repaired); err != nil {
		return nil, nil, err
	}
	if t.Changes, ids[2], err = readTableInto(ctx, dir, ChangesParquet, stamped("", changeColumns()), repaired); err != nil {
		return nil, nil, err
	}
	if t.History, ids[3], err = readTableInto(ctx, dir, HistoryParquet, stamped("", historyColumns()), repaired); err != nil {
		return nil, nil, err
	}
	for i, name := range []string{PlacesParquet, ChangesParquet, HistoryParquet} {
		if ids[i+1] != ids[0] {
			return nil, nil, fmt.Errorf("read %s: %s is from snapshot %q, %s from %q", dir, name, ids[i+1], MembersParquet, ids[0])
		}
	}
	deriveMembers(t.Members)
	deriveChanges(t.Changes)
	deriveHistory(t.History)
	return &t, repaired, nil
}

// ReadMembers reads one members.parquet file. Like every reader here, it
// repairs invalid UTF-8 (see ReadTables).
func ReadMembers(ctx context.Context, path string) ([]citynets.Member, error) {
	rows, _, _, err := readTable(ctx, path, memberColumns(""))
	deriveMembers(rows)
	return rows, err
}

// ReadPlaces reads one places.parquet file.
func ReadPlaces(ctx context.Context, path string) ([]citynets.Place, error) {
	rows, _, _, err := readTable(ctx, path, stamped("", placeColumns()))
	return rows, err
}

// ReadChanges reads one changes.parquet file.
func ReadChanges(ctx context.Context, path string) ([]citynets.Change, error) {
	rows, _, _, err := readTable(ctx, path, stamped("", changeColumns()))
	deriveChanges(rows)
	return rows, err
}

// ReadHistory reads one history.parquet file.
func ReadHistory(ctx context.Context, path string) ([]citynets.HistoryEntry, error) {
	rows, _, _, err := readTable(ctx, path, stamped("", historyColumns()))
	deriveHistory(rows)
	return rows, err
}

// ReadParquetMeta reads a Parquet table's footer: its citynets metadata and
// row count. It does not check the schema version, so verify can report it.
func ReadParquetMeta(path string) (FileMeta, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return FileMeta{}, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	defer rdr.Close()
	return parquetMeta(rdr), nil
}

func parquetMeta(rdr *file.Reader) FileMeta {
	kv := rdr.MetaData().KeyValueMetadata()
	m := FileMeta{Rows: rdr.NumRows()}
	if v := kv.FindValue(MetaSchemaVersion); v != nil {
		m.SchemaVersion = *v
	}
	if v := kv.FindValue(MetaSnapshotID); v != nil {
		m.SnapshotID = *v
	}
	return m
}

// ReadArrowMeta reads an Arrow IPC table file's schema metadata and counts
// its rows by reading every batch, which also proves the file decodes.
func ReadArrowMeta(path string) (FileMeta, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileMeta{}, fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f, ipc.WithAllocator(memory.NewGoAllocator()))
	if err != nil {
		return FileMeta{}, fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	defer r.Close()
	md := r.Schema().Metadata()
	m := FileMeta{}
	if i := md.FindKey(MetaSchemaVersion); i >= 0 {
		m.SchemaVersion = md.Values()[i]
	}
	if i := md.FindKey(MetaSnapshotID); i >= 0 {
		m.SnapshotID = md.Values()[i]
	}
	for i := range r.NumRecords() {
		rec, err := r.RecordBatch(i)
		if err != nil {
			return FileMeta{}, fmt.Errorf("read %s batch %d: %w", filepath.Base(path), i, err)
		}
		m.Rows += rec.NumRows()
		rec.Release()
	}
	return m, nil
}

// readTableInto reads table file name of folder dir and adds how many
// strings it repaired to repaired (when any).
func readTableInto[T any](ctx context.Context, dir, name string, cols []column[T], repaired map[string]int) ([]T, string, error) {
	rows, id, n, err := readTable(ctx, filepath.Join(dir, name), cols)
	if n > 0 {
		repaired[name] = n
	}
	return rows, id, err
}

// readTable reads a Parquet table into rows of T, checking its schema
// version and that every column of cols is present with its type. It
// returns the file's snapshot id and how many string values it repaired
// (invalid UTF-8 replaced, see ReadTables).
func readTable[T any](ctx context.Context, path string, cols []column[T]) (_ []T, snapshotID string, repaired int, err error) {
	name := filepath.Base(path)
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, "", 0, fmt.Errorf("open %s: %w", name, err)
	}
	defer rdr.Close()
	meta := parquetMeta(rdr)
	legacy := slices.Contains(citynets.LegacySchemaVersions(), meta.SchemaVersion)
	if meta.SchemaVersion != citynets.SchemaVersion && !legacy {
		return nil, "", 0, &SchemaVersionError{Path: path, Got: meta.SchemaVersion, Want: citynets.SchemaVersion}
	}

	// Strings read back reference the batch buffers, so they must come
	// from the Go allocator (garbage collected), never a manual one.
	mem := memory.NewGoAllocator()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: batchRows}, mem)
	if err != nil {
		return nil, "", 0, fmt.Errorf("read %s: %w", name, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return nil, "", 0, fmt.Errorf("read %s: %w", name, err)
	}
	defer rr.Release()

	// A file of an older schema lacks the columns added since (each
	// marked optional) or has one under its former name; a current file
	// must have every column under its own name.
	idx, err := columnIndexes(rr.Schema(), cols, legacy)
	if err != nil {
		return nil, "", 0, fmt.Errorf("read %s: %w", name, err)
	}

	out := make([]T, 0, meta.Rows)
	setters := make([]func(int, *T), len(cols))
	for rr.Next() {
		if err := ctx.Err(); err != nil {
			return nil, "", 0, err
		}
		rec, n := repairRecord(rr.RecordBatch(), mem)
		repaired += n
		err := readBatch(rec, cols, idx, setters, &out)
		rec.Release()
		if err != nil {
			return nil, "", 0, fmt.Errorf("read %s: %w", name, err)
		}
	}
	if err := rr.Err(); err != nil {
		return nil, "", 0, fmt.Errorf("read %s: %w", name, err)
	}
	return out, meta.SnapshotID, repaired, nil
}

// readBatch appends the rows of rec to out, reading column cols[i] from
// rec's column idx[i]; setters is scratch space of len(cols).
func readBatch[T any](rec arrow.RecordBatch, cols []column[T], idx []int, setters []func(int, *T), out *[]T) error {
	var err error
	for i, c := range cols {
		if idx[i] < 0 {
			setters[i] = nil // absent from an older file: derived after reading
			continue
		}
		if setters[i], err = c.reader(rec.Column(idx[i])); err != nil {
			return err
		}
	}
	for r := range int(rec.NumRows()) {
		*out = append(*out, *new(T))
		row := &(*out)[len(*out)-1]
		for _, set := range setters {
			if set != nil {
				set(r, row)
			}
		}
	}
	return nil
}

// columnIndexes finds each column of cols in a file's schema: by its name,
// else, in a file of a legacy schema version, by its former name or not at
// all when it is optional (index -1: the table's reader derives it, see
// legacy.go, or it stays null). Any other column missing is an error, so
// a current file that lost a column is refused rather than read as nulls.
func columnIndexes[T any](sc *arrow.Schema, cols []column[T], legacy bool) ([]int, error) {
	idx := make([]int, len(cols))
	for i, c := range cols {
		found := sc.FieldIndices(c.field.Name)
		if len(found) == 0 && legacy && c.formerly != "" {
			found = sc.FieldIndices(c.formerly)
		}
		switch {
		case len(found) == 1:
			idx[i] = found[0]
		case len(found) == 0 && legacy && c.optional:
			idx[i] = -1
		default:
			return nil, fmt.Errorf("column %s missing", c.field.Name)
		}
	}
	return idx, nil
}
