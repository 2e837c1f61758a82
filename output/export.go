package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ErrUnknownTable says a table name is not one of TableNames.
var ErrUnknownTable = errors.New("unknown table")

// Batches streams table name of committed snapshot id to fn, one record
// batch at a time (at most one Parquet row group is held in memory), in
// the table's current schema (TableSchemaOf): columns a snapshot of an
// older schema lacks are derived — snapshot_id and snapshot_date from the
// snapshot's id, the others null — and invalid UTF-8 is repaired as every
// reader here repairs it. A snapshot written before runs.parquet existed
// has its runs read from its manifest. fn must not keep the batch.
func (s *Store) Batches(ctx context.Context, id, table string, fn func(arrow.RecordBatch) error) error {
	fields, ok := tableFields(table)
	if !ok {
		return fmt.Errorf("%w %q (want one of %v)", ErrUnknownTable, table, TableNames())
	}
	if err := s.mustExist(id); err != nil {
		return err
	}
	if err := checkFiles(s.Path(id)); err != nil {
		return fmt.Errorf("export %s: %w", id, err)
	}
	path := filepath.Join(s.Path(id), table+".parquet")
	if table == TableRuns && !fileExists(path) {
		return s.runsFromManifest(ctx, id, fields, fn)
	}
	if err := streamParquet(ctx, path, id, fields, fn); err != nil {
		return fmt.Errorf("export %s of %s: %w", table, id, err)
	}
	return nil
}

// runsFromManifest streams the runs table of a snapshot that has no
// runs.parquet, built from its manifest.
func (s *Store) runsFromManifest(ctx context.Context, id string, fields []arrow.Field, fn func(arrow.RecordBatch) error) error {
	m, err := s.Manifest(id)
	if err != nil {
		return err
	}
	cols := stamped(id, runColumns())
	rb := array.NewRecordBuilder(memory.NewGoAllocator(), schemaOf(cols, id))
	defer rb.Release()
	add := make([]func(*Run), len(cols))
	for i, c := range cols {
		add[i] = c.writer(rb.Field(i))
	}
	for _, r := range RunsFromManifest(m) {
		for _, a := range add {
			a(&r)
		}
	}
	rec := rb.NewRecordBatch()
	defer rec.Release()
	if len(fields) != int(rec.NumCols()) {
		return fmt.Errorf("export runs of %s: schema mismatch", id)
	}
	return fn(rec)
}

// streamParquet reads one table file batch by batch and hands each to fn
// conformed to fields.
func streamParquet(ctx context.Context, path, id string, fields []arrow.Field, fn func(arrow.RecordBatch) error) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("open %s: %w", filepath.Base(path), err)
	}
	defer rdr.Close()
	mem := memory.NewGoAllocator()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: batchRows}, mem)
	if err != nil {
		return err
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return err
	}
	defer rr.Release()
	schema := arrow.NewSchema(fields, nil)
	for rr.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, _ := repairRecord(rr.RecordBatch(), mem)
		out, err := conform(rec, schema, id, mem)
		rec.Release()
		if err != nil {
			return err
		}
		err = fn(out)
		out.Release()
		if err != nil {
			return err
		}
	}
	return rr.Err()
}

// conform returns rec with the columns of schema, in its order: taken
// from rec by name when present (with the same type), else derived.
func conform(rec arrow.RecordBatch, schema *arrow.Schema, id string, mem memory.Allocator) (arrow.RecordBatch, error) {
	n := int(rec.NumRows())
	cols := make([]arrow.Array, schema.NumFields())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, f := range schema.Fields() {
		if idx := rec.Schema().FieldIndices(f.Name); len(idx) == 1 {
			c := rec.Column(idx[0])
			if !arrow.TypeEqual(c.DataType(), f.Type) {
				return nil, fmt.Errorf("column %s: type %s, want %s", f.Name, c.DataType(), f.Type)
			}
			c.Retain()
			cols[i] = c
			continue
		}
		cols[i] = derivedColumn(f, id, n, mem)
	}
	return array.NewRecordBatch(schema, cols, int64(n)), nil
}

// derivedColumn makes a column a file of an older schema lacks: the
// snapshot's id and date, or nulls.
func derivedColumn(f arrow.Field, id string, n int, mem memory.Allocator) arrow.Array {
	switch f.Name {
	case "snapshot_id":
		b := array.NewStringBuilder(mem)
		defer b.Release()
		for range n {
			b.Append(id)
		}
		return b.NewArray()
	case "snapshot_date":
		b := array.NewTimestampBuilder(mem, f.Type.(*arrow.TimestampType))
		defer b.Release()
		d, ok := snapshotDate(id)
		for range n {
			if ok {
				b.Append(arrow.Timestamp(d.UnixMilli()))
			} else {
				b.AppendNull()
			}
		}
		return b.NewArray()
	}
	return array.MakeArrayOfNull(mem, f.Type, n)
}

// fileExists reports whether path exists (checkFiles has already refused
// any symlink in the folder).
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
