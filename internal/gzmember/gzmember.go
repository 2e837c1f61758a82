// Package gzmember splits a file of concatenated gzip members, such as a
// .warc.gz archive (one member per record), into its members. Both the
// fetcher, which rewrites archives, and the store, which indexes them,
// read archives member by member; this is the one place that knows how.
package gzmember

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// ErrTooLarge says a member inflates to more than the limit Each was given.
var ErrTooLarge = errors.New("member over the size limit")

// Error is a member Each could not read: where it starts, and why.
type Error struct {
	Offset int64
	Err    error
}

func (e *Error) Error() string { return fmt.Sprintf("gzip member at offset %d: %v", e.Offset, e.Err) }

func (e *Error) Unwrap() error { return e.Err }

// Each inflates the members of raw in order and calls fn with each one's
// byte range [off, end) in raw and its inflated bytes, which fn may keep.
// A member that does not inflate, or inflates to more than limit bytes,
// stops it with an *Error; the members before it were passed to fn.
func Each(raw []byte, limit int64, fn func(off, end int64, data []byte)) error {
	r := bytes.NewReader(raw)
	zr := new(gzip.Reader)
	for r.Len() > 0 {
		off := int64(len(raw) - r.Len())
		if err := zr.Reset(r); err != nil {
			return &Error{Offset: off, Err: err}
		}
		zr.Multistream(false)
		data, err := io.ReadAll(io.LimitReader(zr, limit+1))
		if err == nil && int64(len(data)) > limit {
			err = ErrTooLarge
		}
		if err != nil {
			return &Error{Offset: off, Err: err}
		}
		fn(off, int64(len(raw)-r.Len()), data)
	}
	return nil
}
