package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/citynets/citynets"
)

// Export formats.
const (
	FormatCSV     = "csv"
	FormatJSONL   = "jsonl"
	FormatParquet = "parquet"
)

// ExportFormats lists the formats NewTableWriter accepts.
func ExportFormats() []string { return []string{FormatCSV, FormatJSONL, FormatParquet} }

// ErrUnknownFormat says an export format is not one of ExportFormats.
var ErrUnknownFormat = fmt.Errorf("unknown format")

// TableWriter writes record batches of one schema to a file in an export
// format. Close finishes the file (the Parquet footer, buffered CSV) but
// does not close the underlying writer.
type TableWriter interface {
	Write(rec arrow.RecordBatch) error
	Close() error
}

// NewTableWriter returns a writer of format to w for batches of schema.
// snapshotID, when not empty, goes into a Parquet file's metadata.
func NewTableWriter(w io.Writer, format string, schema *arrow.Schema, snapshotID string) (TableWriter, error) {
	switch format {
	case FormatCSV:
		return newCSVWriter(w, schema)
	case FormatJSONL:
		return &jsonlWriter{w: w, schema: schema}, nil
	case FormatParquet:
		return newParquetExport(w, schema, snapshotID)
	}
	return nil, fmt.Errorf("%w %q (want one of %v)", ErrUnknownFormat, format, ExportFormats())
}

// csvWriter writes RFC 4180 CSV (encoding/csv quotes fields holding
// commas, quotes or newlines) with a header row of column names. A null
// is an empty cell; maps and lists are JSON text in their cell.
type csvWriter struct {
	cw  *csv.Writer
	row []string
}

func newCSVWriter(w io.Writer, schema *arrow.Schema) (*csvWriter, error) {
	cw := csv.NewWriter(w)
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		names[i] = f.Name
	}
	if err := cw.Write(names); err != nil {
		return nil, fmt.Errorf("write csv header: %w", err)
	}
	return &csvWriter{cw: cw, row: make([]string, len(names))}, nil
}

func (c *csvWriter) Write(rec arrow.RecordBatch) error {
	for r := range int(rec.NumRows()) {
		for i, col := range rec.Columns() {
			v, err := cellText(col, r)
			if err != nil {
				return fmt.Errorf("column %s: %w", rec.ColumnName(i), err)
			}
			c.row[i] = v
		}
		if err := c.cw.Write(c.row); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	c.cw.Flush() // one batch at a time, so memory stays bounded
	return c.cw.Error()
}

func (c *csvWriter) Close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// cellText renders one value for a CSV cell.
func cellText(a arrow.Array, i int) (string, error) {
	if a.IsNull(i) {
		return "", nil
	}
	switch a := a.(type) {
	case *array.String:
		return a.Value(i), nil
	case *array.Map, *array.List:
		b, err := jsonValue(nil, a, i)
		return string(b), err
	}
	b, err := jsonValue(nil, a, i)
	if err != nil {
		return "", err
	}
	return string(bytes.Trim(b, `"`)), nil
}

// jsonlWriter writes one JSON object per row, keys in column order.
type jsonlWriter struct {
	w      io.Writer
	schema *arrow.Schema
	buf    []byte
}

func (j *jsonlWriter) Write(rec arrow.RecordBatch) error {
	names := make([][]byte, rec.NumCols())
	for i := range names {
		names[i], _ = json.Marshal(rec.ColumnName(i))
	}
	for r := range int(rec.NumRows()) {
		b := append(j.buf[:0], '{')
		for i, col := range rec.Columns() {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(append(b, names[i]...), ':')
			var err error
			if b, err = jsonValue(b, col, r); err != nil {
				return fmt.Errorf("column %s: %w", rec.ColumnName(i), err)
			}
		}
		b = append(b, '}', '\n')
		if _, err := j.w.Write(b); err != nil {
			return fmt.Errorf("write jsonl: %w", err)
		}
		j.buf = b
	}
	return nil
}

func (j *jsonlWriter) Close() error { return nil }

// jsonValue appends value i of a as JSON: null, a number, a bool, a
// string (dates as 2006-01-02, timestamps as RFC 3339 UTC with
// milliseconds), an object (a map, keys in stored order) or an array.
func jsonValue(b []byte, a arrow.Array, i int) ([]byte, error) {
	if a.IsNull(i) {
		return append(b, "null"...), nil
	}
	switch a := a.(type) {
	case *array.String:
		return appendJSONString(b, a.Value(i)), nil
	case *array.Int64:
		return strconv.AppendInt(b, a.Value(i), 10), nil
	case *array.Int32:
		return strconv.AppendInt(b, int64(a.Value(i)), 10), nil
	case *array.Float64:
		return appendFloat(b, a.Value(i), 64), nil
	case *array.Float32:
		return appendFloat(b, float64(a.Value(i)), 32), nil
	case *array.Boolean:
		return strconv.AppendBool(b, a.Value(i)), nil
	case *array.Date32:
		return appendJSONString(b, a.Value(i).ToTime().Format(time.DateOnly)), nil
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return appendJSONString(b, a.Value(i).ToTime(unit).UTC().Format("2006-01-02T15:04:05.000Z")), nil
	case *array.Map:
		return appendMap(b, a, i)
	case *array.List:
		return appendList(b, a, i)
	}
	return nil, fmt.Errorf("unsupported type %s", a.DataType())
}

func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendFloat writes NaN and infinities, which JSON cannot hold, as null.
func appendFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, f, 'g', -1, bits)
}

func appendMap(b []byte, m *array.Map, i int) ([]byte, error) {
	start, end := m.ValueOffsets(i)
	b = append(b, '{')
	var err error
	for j := int(start); j < int(end); j++ {
		if j > int(start) {
			b = append(b, ',')
		}
		key, err := cellText(m.Keys(), j)
		if err != nil {
			return nil, err
		}
		b = append(appendJSONString(b, key), ':')
		if b, err = jsonValue(b, m.Items(), j); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), err
}

func appendList(b []byte, l *array.List, i int) ([]byte, error) {
	start, end := l.ValueOffsets(i)
	b = append(b, '[')
	var err error
	for j := int(start); j < int(end); j++ {
		if j > int(start) {
			b = append(b, ',')
		}
		if b, err = jsonValue(b, l.ListValues(), j); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

// parquetExport writes batches as one Parquet file with the snapshot
// tables' settings (zstd, statistics), dictionary-encoding every string.
type parquetExport struct {
	pw     *pqarrow.FileWriter
	schema *arrow.Schema
}

func newParquetExport(w io.Writer, schema *arrow.Schema, snapshotID string) (*parquetExport, error) {
	keys, vals := []string{MetaSchemaVersion}, []string{citynets.SchemaVersion}
	if snapshotID != "" {
		keys, vals = append(keys, MetaSnapshotID), append(vals, snapshotID)
	}
	md := arrow.NewMetadata(keys, vals)
	schema = arrow.NewSchema(schema.Fields(), &md)
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Zstd), parquet.WithCompressionLevel(1),
		parquet.WithStats(true), parquet.WithMaxRowGroupLength(batchRows), parquet.WithCreatedBy("citynets export"),
	)
	pw, err := pqarrow.NewFileWriter(schema, nopCloser{w}, props,
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(memory.NewGoAllocator())))
	if err != nil {
		return nil, fmt.Errorf("write parquet: %w", err)
	}
	return &parquetExport{pw: pw, schema: schema}, nil
}

func (p *parquetExport) Write(rec arrow.RecordBatch) error {
	// The batch's schema carries no metadata; the file's does.
	r := array.NewRecordBatch(p.schema, rec.Columns(), rec.NumRows())
	defer r.Release()
	return p.pw.Write(r)
}

func (p *parquetExport) Close() error { return p.pw.Close() }

// nopCloser keeps the Parquet writer from closing the caller's writer.
type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
