package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/atomicfile"
)

// The files of a snapshot folder.
const (
	MembersParquet = "members.parquet"
	PlacesParquet  = "places.parquet"
	ChangesParquet = "changes.parquet"
	HistoryParquet = "history.parquet"
	MembersArrow   = "members.arrow"
	PlacesArrow    = "places.arrow"
	RawWARC        = "raw.warc.gz"
	ManifestFile   = "manifest.json"
	SchemaJSON     = "schema.json"
)

// batchRows is how many rows are built into one Arrow record batch before
// it is written (one Parquet row group, one IPC batch). It bounds memory:
// only one batch per table is held in builders at a time. Smaller batches
// were measured to save little: the peak is set by the caller's tables.
const batchRows = 64 * 1024

// MemoryLimit is the soft memory limit the citynets binary sets for itself
// unless GOMEMLIMIT says otherwise. Writing a snapshot makes much
// short-lived garbage (Arrow builders, Parquet pages); by default Go lets
// the heap grow to twice what is live before collecting it, which for a
// 100,000-member snapshot means about 500 MB of RSS. Under this limit the
// collector runs earlier instead, at some CPU cost, and the same write
// peaks near 290 MB. It is a soft limit: a bigger store still runs.
const MemoryLimit = 256 << 20

// WriteTables writes the six table files of a snapshot into dir, each
// synced to disk, and returns the row count of every file written. dir must
// exist; existing files of the same names are replaced. The members table
// is written beside the three others, since each is encoded and compressed
// on one core and members is about as much work as the rest together.
//
// A string that is not valid UTF-8, anywhere (map keys and values and list
// elements included), fails the write with a *StringEncodingError naming
// the table, column and row; the files are then incomplete, so a
// transaction that gets this error commits nothing.
func WriteTables(ctx context.Context, dir, snapshotID string, t *citynets.Tables) (map[string]int64, error) {
	return writeTables(ctx, dir, snapshotID, t, true)
}

// writeTables is WriteTables; only tests pass validate false, to make the
// poisoned snapshots that older builds could write.
func writeTables(ctx context.Context, dir, snapshotID string, t *citynets.Tables, validate bool) (map[string]int64, error) {
	if t == nil {
		t = &citynets.Tables{}
	}
	var wg sync.WaitGroup
	var membersErr error
	wg.Go(func() {
		membersErr = writeTable(ctx, dir, "members", snapshotID, memberColumns(snapshotID), t.Members, true, validate)
	})
	err := writeTable(ctx, dir, "places", snapshotID, stamped(snapshotID, placeColumns()), t.Places, true, validate)
	if err == nil {
		err = writeTable(ctx, dir, "changes", snapshotID, stamped(snapshotID, changeColumns()), t.Changes, false, validate)
	}
	if err == nil {
		err = writeTable(ctx, dir, "history", snapshotID, stamped(snapshotID, historyColumns()), t.History, false, validate)
	}
	wg.Wait()
	if err := errors.Join(membersErr, err); err != nil {
		return nil, err
	}
	return map[string]int64{
		MembersParquet: int64(len(t.Members)), MembersArrow: int64(len(t.Members)),
		PlacesParquet: int64(len(t.Places)), PlacesArrow: int64(len(t.Places)),
		ChangesParquet: int64(len(t.Changes)), HistoryParquet: int64(len(t.History)),
	}, nil
}

// writeTable writes <dir>/<base>.parquet and, when withIPC, <dir>/<base>.arrow
// in one pass over rows, each file synced.
func writeTable[T any](ctx context.Context, dir, base, snapshotID string, cols []column[T], rows []T, withIPC, validate bool) (err error) {
	pf, err := createSynced(filepath.Join(dir, base+".parquet"))
	if err != nil {
		return err
	}
	defer func() { err = pf.finish(err) }()
	var ipcOut io.Writer
	if withIPC {
		var af *syncedFile
		if af, err = createSynced(filepath.Join(dir, base+".arrow")); err != nil {
			return err
		}
		defer func() { err = af.finish(err) }()
		ipcOut = af
	}
	return encodeTable(ctx, base, snapshotID, cols, rows, pf, ipcOut, validate)
}

// WriteMembers writes members as one Parquet file at path, with the schema
// and metadata of a snapshot's members.parquet (snapshotID may be empty).
// The file is written atomically: a reader sees the old file or the whole
// new one, never a part. Invalid UTF-8 fails it as in WriteTables.
func WriteMembers(ctx context.Context, path, snapshotID string, members []citynets.Member) error {
	return writeParquetFile(ctx, path, "members", snapshotID, memberColumns(snapshotID), members)
}

// WritePlaces writes places as one Parquet file at path (see WriteMembers).
func WritePlaces(ctx context.Context, path, snapshotID string, places []citynets.Place) error {
	return writeParquetFile(ctx, path, "places", snapshotID, stamped(snapshotID, placeColumns()), places)
}

// WriteChanges writes changes as one Parquet file at path (see
// WriteMembers), as `citynets diff --format parquet` does.
func WriteChanges(ctx context.Context, path, snapshotID string, changes []citynets.Change) error {
	return writeParquetFile(ctx, path, "changes", snapshotID, stamped(snapshotID, changeColumns()), changes)
}

// WriteHistory writes history as one Parquet file at path (see WriteMembers).
func WriteHistory(ctx context.Context, path, snapshotID string, history []citynets.HistoryEntry) error {
	return writeParquetFile(ctx, path, "history", snapshotID, stamped(snapshotID, historyColumns()), history)
}

// writeParquetFile writes one table's rows to path through a temporary file
// beside it (fsynced, renamed into place, the folder fsynced), readable by
// all like the snapshots.
func writeParquetFile[T any](ctx context.Context, path, table, snapshotID string, cols []column[T], rows []T) error {
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := encodeTable(ctx, table, snapshotID, cols, rows, f, nil, true); err != nil {
		return err
	}
	return f.Commit()
}

// encodeTable writes rows as Parquet to pqOut and, when ipcOut is not nil,
// as an Arrow IPC file to ipcOut, one record batch at a time. With
// validate, each batch's strings are checked before any of it is written.
// It closes neither writer.
func encodeTable[T any](ctx context.Context, base, snapshotID string, cols []column[T], rows []T, pqOut, ipcOut io.Writer, validate bool) (err error) {
	mem := memory.NewGoAllocator()
	schema := schemaOf(cols, snapshotID)

	props, err := parquetProps(schema, cols, len(rows), mem)
	if err != nil {
		return fmt.Errorf("write %s.parquet: %w", base, err)
	}
	pw, err := pqarrow.NewFileWriter(schema, pqOut, props,
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem)))
	if err != nil {
		return fmt.Errorf("write %s.parquet: %w", base, err)
	}
	defer func() {
		if cerr := pw.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write %s.parquet: %w", base, cerr)
		}
	}()

	var iw *ipc.FileWriter
	if ipcOut != nil {
		iw, err = ipc.NewFileWriter(ipcOut, ipcOptions(schema, mem)...)
		if err != nil {
			return fmt.Errorf("write %s.arrow: %w", base, err)
		}
		defer func() {
			if cerr := iw.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("write %s.arrow: %w", base, cerr)
			}
		}()
	}

	rb := array.NewRecordBuilder(mem, schema)
	defer rb.Release()
	appenders := make([]func(*T), len(cols))
	for i, c := range cols {
		appenders[i] = c.writer(rb.Field(i))
	}
	for start := 0; start < len(rows); start += batchRows {
		if err := ctx.Err(); err != nil {
			return err
		}
		end := min(start+batchRows, len(rows))
		rb.Reserve(end - start)
		for i := start; i < end; i++ {
			for _, add := range appenders {
				add(&rows[i])
			}
		}
		rec := rb.NewRecordBatch()
		if validate {
			if err := checkRecordStrings(base, rec, int64(start)); err != nil {
				rec.Release()
				return err
			}
		}
		if err := writeBatch(rec, pw, iw); err != nil {
			return fmt.Errorf("write %s: %w", base, err)
		}
	}
	return nil
}

// ipcOptions are the Arrow IPC writer options of members.arrow and
// places.arrow: each body buffer zstd-compressed, as the IPC format allows
// since Arrow 1.0. Uncompressed, the two files were three quarters of a
// 5,000-member snapshot; compressed they are a half to a third of that
// size. arrow-go and Arrow C++ (pyarrow) decode them themselves;
// apache-arrow for JavaScript needs a zstd codec registered, and is tested
// with one in internal/jsreaders/arrow. zstd rather than LZ4: a fifth
// smaller, for about 0.1 s more CPU on a 100,000-member snapshot. A buffer
// that zstd does not shrink by a tenth is stored as is (the format's
// length -1), which saves readers the decoding. Files written before
// compression read as before.
func ipcOptions(schema *arrow.Schema, mem memory.Allocator) []ipc.Option {
	return []ipc.Option{
		ipc.WithSchema(schema),
		ipc.WithAllocator(mem),
		ipc.WithZstd(),
		ipc.WithMinSpaceSavings(0.1),
	}
}

// writeBatch writes one record batch to the Parquet writer and, when
// given, the IPC writer, and releases it.
func writeBatch(rec arrow.RecordBatch, pw *pqarrow.FileWriter, iw *ipc.FileWriter) error {
	defer rec.Release()
	if err := pw.Write(rec); err != nil {
		return err
	}
	if iw != nil {
		return iw.Write(rec)
	}
	return nil
}

// parquetProps are the writer properties DESIGN asks for: zstd,
// dictionary-encoded strings (except columns marked plain), statistics on,
// one row group per batch. rows is the table's row count.
func parquetProps[T any](schema *arrow.Schema, cols []column[T], rows int, mem memory.Allocator) (*parquet.WriterProperties, error) {
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(zstdLevel(rows)),
		parquet.WithDictionaryDefault(false),
		parquet.WithStats(true),
		parquet.WithMaxRowGroupLength(batchRows),
		parquet.WithCreatedBy("citynets"),
	}
	plainCols := map[string]bool{}
	for _, c := range cols {
		plainCols[c.field.Name] = c.plain
	}
	// Numbers, dates and flags are mostly distinct or tiny, so only string
	// leaves (including map keys/values and list elements) get a dictionary.
	pq, err := pqarrow.ToParquet(schema, nil, pqarrow.DefaultWriterProps())
	if err != nil {
		return nil, err
	}
	for i := range pq.NumColumns() {
		leaf := pq.Column(i)
		path := leaf.ColumnPath()
		if leaf.PhysicalType() == parquet.Types.ByteArray && !plainCols[path[0]] {
			opts = append(opts, parquet.WithDictionaryPath(path, true))
		}
	}
	return parquet.NewWriterProperties(opts...), nil
}

// smallTableRows is the largest table whose Parquet is compressed at
// zstd's default level rather than its fastest. At a network's size (the
// demo, 5,000 members) the default level makes the tables 2–5 % smaller
// for a few milliseconds; at 100,000 members it costs twice the CPU and
// raised the write's peak RSS from about 290 to 323 MB, past its budget.
const smallTableRows = 20_000

// zstdLevel is the Parquet zstd level of a table of rows rows.
func zstdLevel(rows int) int {
	if rows <= smallTableRows {
		return 3
	}
	return 1
}

// syncedFile is a buffered file that is flushed and fsynced before it is
// closed. It deliberately has no Close method: the Arrow and Parquet
// writers close an io.Closer they are given, which would skip the sync.
type syncedFile struct {
	f  *os.File
	bw *bufio.Writer
}

func createSynced(path string) (*syncedFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Base(path), err)
	}
	return &syncedFile{f: f, bw: bufio.NewWriterSize(f, 1<<20)}, nil
}

// Write buffers p for the file.
func (s *syncedFile) Write(p []byte) (int, error) { return s.bw.Write(p) }

var _ io.Writer = (*syncedFile)(nil)

// finish flushes, syncs and closes the file, and returns the first error of
// prior (the writer's own) and its own.
func (s *syncedFile) finish(prior error) error {
	name := filepath.Base(s.f.Name())
	err := prior
	if err == nil {
		if err = s.bw.Flush(); err == nil {
			err = s.f.Sync()
		}
		if err != nil {
			err = fmt.Errorf("write %s: %w", name, err)
		}
	}
	if cerr := s.f.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("close %s: %w", name, cerr)
	}
	return err
}
