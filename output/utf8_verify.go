package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// verifyStrings reports, through add, the first string of a Parquet or
// Arrow table file that is not valid UTF-8 (its column and row), since one
// such string makes DuckDB refuse the whole file while our own reader
// silently repairs it. It reads the file's data, not only its footer, so a
// damaged page shows up here too. The error is only for a cancelled ctx.
func verifyStrings(ctx context.Context, path string, add func(format string, args ...any)) (err error) {
	name := filepath.Base(path)
	defer func() {
		// A damaged file must be reported, not crash verify: the Arrow and
		// Parquet decoders panic on some malformed input.
		if r := recover(); r != nil {
			add("%s: unreadable: %v", name, r)
			err = nil
		}
	}()
	err = scanBatches(ctx, path, func(rec arrow.RecordBatch, firstRow int64) error {
		return checkRecordStrings(name, rec, firstRow)
	})
	var se *StringEncodingError
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &se):
		add("%s", se.Error())
	default:
		add("%s: unreadable: %v", name, err)
	}
	return nil
}

// scanBatches calls fn with every record batch of a Parquet (.parquet) or
// Arrow IPC (.arrow) file, as stored, and the table row of its first row.
// It stops at fn's first error. The batch is only valid during the call.
func scanBatches(ctx context.Context, path string, fn func(rec arrow.RecordBatch, firstRow int64) error) error {
	switch filepath.Ext(path) {
	case ".parquet":
		return scanParquet(ctx, path, fn)
	case ".arrow":
		return scanArrow(ctx, path, fn)
	}
	return fmt.Errorf("scan %s: not a table file", filepath.Base(path))
}

func scanParquet(ctx context.Context, path string, fn func(arrow.RecordBatch, int64) error) error {
	name := filepath.Base(path)
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: batchRows}, memory.NewGoAllocator())
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	rr, err := fr.GetRecordReader(ctx, nil, nil)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer rr.Release()
	var row int64
	for rr.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := rr.RecordBatch()
		if err := fn(rec, row); err != nil {
			return err
		}
		row += rec.NumRows()
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func scanArrow(ctx context.Context, path string, fn func(arrow.RecordBatch, int64) error) error {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f, ipc.WithAllocator(memory.NewGoAllocator()))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer r.Close()
	var row int64
	for i := range r.NumRecords() {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := r.RecordBatch(i) // owned by r until the next call
		if err != nil {
			return fmt.Errorf("read %s batch %d: %w", name, i, err)
		}
		if err := fn(rec, row); err != nil {
			return err
		}
		row += rec.NumRows()
	}
	return nil
}

// countInvalidStrings returns how many string values of a table file (at
// any depth) are not valid UTF-8.
func countInvalidStrings(ctx context.Context, path string) (int, error) {
	total := 0
	mem := memory.NewGoAllocator()
	err := scanBatches(ctx, path, func(rec arrow.RecordBatch, _ int64) error {
		fixed, n := repairRecord(rec, mem)
		fixed.Release()
		total += n
		return nil
	})
	return total, err
}
