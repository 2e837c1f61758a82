package gzmember

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"
)

func member(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEach(t *testing.T) {
	a, b := member(t, "first record"), member(t, "second")
	raw := append(append([]byte(nil), a...), b...)
	type got struct {
		off, end int64
		data     string
	}
	var seen []got
	err := Each(raw, 100, func(off, end int64, data []byte) { seen = append(seen, got{off, end, string(data)}) })
	want := []got{{0, int64(len(a)), "first record"}, {int64(len(a)), int64(len(raw)), "second"}}
	if err != nil || len(seen) != 2 || seen[0] != want[0] || seen[1] != want[1] {
		t.Fatalf("Each = %+v, %v; want %+v", seen, err, want)
	}
}

func TestEachErrors(t *testing.T) {
	a := member(t, "a good member")
	tests := []struct {
		name  string
		raw   []byte
		limit int64
		calls int   // members passed to fn before the error
		off   int64 // where the bad member starts
		is    error
	}{
		{"junk after a member", append(append([]byte(nil), a...), "not gzip"...), 100, 1, int64(len(a)), nil},
		{"truncated member", a[:len(a)-4], 100, 0, 0, nil},
		{"over the limit", a, 5, 0, 0, ErrTooLarge},
	}
	for _, tt := range tests {
		calls := 0
		err := Each(tt.raw, tt.limit, func(int64, int64, []byte) { calls++ })
		var me *Error
		if !errors.As(err, &me) || me.Offset != tt.off || calls != tt.calls || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("%s: err = %v after %d members; want an *Error at %d after %d", tt.name, err, calls, tt.off, tt.calls)
		}
	}
	if err := Each(nil, 100, func(int64, int64, []byte) { t.Error("called for no member") }); err != nil {
		t.Errorf("no members: %v", err)
	}
}
