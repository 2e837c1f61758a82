package output

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ErrInvalidUTF8 is what a StringEncodingError unwraps to. DuckDB refuses
// a whole Parquet file for one invalid string, and history carries every
// membership into every later snapshot, so the writer refuses such strings
// rather than poison the store.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

// StringEncodingError says where a table holds a string that is not valid
// UTF-8: the table (or file), the top-level column, which part of a map or
// list column, and the row, counted from 0 across the whole table.
type StringEncodingError struct {
	Table  string
	Column string
	Part   string // "key", "value" or "element" in a map or list column, else ""
	Row    int64
	Value  string // the offending string, cut to a readable length
}

// Error names the table, column and row, and quotes the bytes.
func (e *StringEncodingError) Error() string {
	col := e.Column
	if e.Part != "" {
		col += " (" + e.Part + ")"
	}
	return fmt.Sprintf("%s: column %s, row %d: invalid UTF-8 in %q", e.Table, col, e.Row, e.Value)
}

// Unwrap lets callers test for ErrInvalidUTF8.
func (e *StringEncodingError) Unwrap() error { return ErrInvalidUTF8 }

// maxQuoted bounds the offending value kept in an error message.
const maxQuoted = 80

// checkRecordStrings returns a *StringEncodingError for the first invalid
// string of rec in reading order (lowest row, then leftmost column), or
// nil. firstRow is the table row of the batch's first row.
func checkRecordStrings(table string, rec arrow.RecordBatch, firstRow int64) error {
	var bad *StringEncodingError
	for i, col := range rec.Columns() {
		idx, part, val := firstInvalid(col)
		if idx < 0 || (bad != nil && firstRow+int64(idx) >= bad.Row) {
			continue
		}
		if len(val) > maxQuoted {
			val = val[:maxQuoted]
		}
		bad = &StringEncodingError{Table: table, Column: rec.Schema().Field(i).Name,
			Part: part, Row: firstRow + int64(idx), Value: val}
	}
	if bad == nil {
		return nil
	}
	return bad
}

// firstInvalid returns the index of the first element of a that holds an
// invalid string (a itself for a string array, or its map keys and values,
// list elements, struct fields), which part it was, and the string; -1
// when all are valid. Arrays of other types hold no strings.
func firstInvalid(a arrow.Array) (idx int, part, value string) {
	switch a := a.(type) {
	case *array.String:
		i := firstInvalidString(a)
		if i < 0 {
			return -1, "", ""
		}
		return i, "", a.Value(i)
	case *array.Map:
		rk, _, vk := firstInvalidChild(a.List, a.Keys())
		rv, _, vv := firstInvalidChild(a.List, a.Items())
		switch {
		case rk >= 0 && (rv < 0 || rk <= rv):
			return rk, "key", vk
		case rv >= 0:
			return rv, "value", vv
		}
		return -1, "", ""
	case *array.List:
		row, _, v := firstInvalidChild(a, a.ListValues())
		return row, "element", v
	case *array.Struct:
		best, bestPart, bestVal := -1, "", ""
		for f := range a.NumField() {
			if i, _, v := firstInvalid(a.Field(f)); i >= 0 && (best < 0 || i < best) {
				best, bestPart, bestVal = i, a.DataType().(*arrow.StructType).Field(f).Name, v
			}
		}
		return best, bestPart, bestVal
	}
	return -1, "", ""
}

// firstInvalidChild finds the first invalid string among the child values
// of list l that its rows cover, and returns the row of l that holds it.
func firstInvalidChild(l *array.List, child arrow.Array) (row int, part, value string) {
	n := l.Len()
	if n == 0 {
		return -1, "", ""
	}
	start, _ := l.ValueOffsets(0)
	_, end := l.ValueOffsets(n - 1)
	covered := array.NewSlice(child, start, end)
	defer covered.Release()
	j, part, value := firstInvalid(covered)
	if j < 0 {
		return -1, "", ""
	}
	at := start + int64(j)
	row = sort.Search(n, func(i int) bool {
		_, e := l.ValueOffsets(i)
		return e > at
	})
	return row, part, value
}

// firstInvalidString returns the index of the first non-null value of a
// that is not valid UTF-8, or -1. The common case, all valid, is decided
// in one pass over the column's contiguous bytes: they must be valid and
// every value must begin on a rune boundary, since two invalid halves of a
// rune in adjacent values make valid bytes together. Only when that fails
// are the values looked at one by one.
func firstInvalidString(a *array.String) int {
	if a.Len() == 0 {
		return -1
	}
	offs := a.ValueOffsets()
	data := a.ValueBytes()
	if utf8.Valid(data) {
		base := offs[0]
		aligned := true
		for _, o := range offs[1 : len(offs)-1] {
			if int(o-base) < len(data) && !utf8.RuneStart(data[o-base]) {
				aligned = false
				break
			}
		}
		if aligned {
			return -1
		}
	}
	for i := range a.Len() {
		if a.IsValid(i) && !utf8.ValidString(a.Value(i)) {
			return i
		}
	}
	return -1
}

// validString returns s with each invalid UTF-8 sequence replaced by
// U+FFFD, and whether it changed anything.
func validString(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// repairRecord returns rec with every invalid UTF-8 sequence in its
// strings (at any depth) replaced by U+FFFD, and how many string values it
// changed. When nothing needed repair it returns rec itself, retained; the
// caller releases what it gets.
func repairRecord(rec arrow.RecordBatch, mem memory.Allocator) (arrow.RecordBatch, int) {
	cols := make([]arrow.Array, rec.NumCols())
	total := 0
	for i, col := range rec.Columns() {
		if idx, _, _ := firstInvalid(col); idx < 0 {
			col.Retain()
			cols[i] = col
			continue
		}
		d, n := repairData(col.Data(), mem)
		cols[i] = array.MakeFromData(d)
		d.Release()
		total += n
	}
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	if total == 0 {
		rec.Retain()
		return rec, 0
	}
	return array.NewRecordBatch(rec.Schema(), cols, rec.NumRows()), total
}

// repairData returns d with its strings repaired, at any depth, and how
// many string values changed. Nested data keeps its own buffers (validity,
// offsets) and gets repaired children of the same length, so positions do
// not move. The caller releases the result.
func repairData(d arrow.ArrayData, mem memory.Allocator) (arrow.ArrayData, int) {
	if d.DataType().ID() == arrow.STRING {
		return repairStringData(d, mem)
	}
	kids := d.Children()
	if len(kids) == 0 {
		d.Retain()
		return d, 0
	}
	fixed := make([]arrow.ArrayData, len(kids))
	total := 0
	for i, k := range kids {
		var n int
		fixed[i], n = repairData(k, mem)
		total += n
	}
	defer func() {
		for _, k := range fixed {
			k.Release()
		}
	}()
	if total == 0 {
		d.Retain()
		return d, 0
	}
	return array.NewData(d.DataType(), d.Len(), d.Buffers(), fixed, d.NullN(), d.Offset()), total
}

// repairStringData rebuilds a string array with its invalid values
// repaired. It rebuilds the whole physical range, slot for slot, and then
// applies the same offset, so a parent that indexes it physically (a
// struct) still finds each value where it was.
func repairStringData(d arrow.ArrayData, mem memory.Allocator) (arrow.ArrayData, int) {
	whole := array.NewData(d.DataType(), d.Offset()+d.Len(), d.Buffers(), nil, array.UnknownNullCount, 0)
	defer whole.Release()
	src := array.NewStringData(whole)
	defer src.Release()
	b := array.NewStringBuilder(mem)
	defer b.Release()
	b.Reserve(src.Len())
	changed := 0
	for i := range src.Len() {
		if src.IsNull(i) {
			b.AppendNull()
			continue
		}
		s, ok := validString(src.Value(i))
		if ok && i >= d.Offset() {
			changed++
		}
		b.Append(s)
	}
	out := b.NewStringArray()
	defer out.Release()
	return array.NewSliceData(out.Data(), int64(d.Offset()), int64(d.Offset()+d.Len())), changed
}
