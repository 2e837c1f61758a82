package gazetteer

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	g := loadMini(t, "testdata/admin1.json")
	path := filepath.Join(t.TempDir(), "sub", "g.bin.gz")
	if err := g.Save(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	h, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.places, h.places) {
		t.Error("places differ after a round trip")
	}
	if g.keys != h.keys || !reflect.DeepEqual(g.keyOff, h.keyOff) || !reflect.DeepEqual(g.post, h.post) || !reflect.DeepEqual(g.postOff, h.postOff) {
		t.Error("index differs after a round trip")
	}
	if !reflect.DeepEqual(g.admin1, h.admin1) {
		t.Error("admin1 differs after a round trip")
	}
	gn, _ := g.Info()
	hn, hs := h.Info()
	data, _ := os.ReadFile(path)
	if hn != gn || hs != sha256Hex(data) {
		t.Errorf("Info after load = %q %q", hn, hs)
	}
}

func TestDecodeRejects(t *testing.T) {
	g := loadMini(t, "")
	var raw bytes.Buffer
	if err := g.encodeRaw(&raw); err != nil {
		t.Fatal(err)
	}
	payloads := []struct {
		name string
		data []byte
		want error
	}{
		{"wrong magic", []byte("something else entirely"), ErrFormat},
		{"truncated", raw.Bytes()[:raw.Len()/2], ErrFormat},
		{"trailing bytes", append(append([]byte(nil), raw.Bytes()...), 1, 2, 3), ErrFormat},
		{"key version", withKeyVersion(raw.Bytes(), KeyVersion+1), ErrKeyVersion},
		{"format version", withFormatVersion(raw.Bytes(), formatVersion+1), ErrFormat},
	}
	for _, c := range []struct {
		name string
		pack func(testing.TB, []byte) []byte
	}{{"zstd", zst}, {"gzip", gz}} {
		if _, err := Decode(c.pack(t, raw.Bytes())); err != nil {
			t.Errorf("%s: a good payload: %v", c.name, err)
		}
		for _, tt := range payloads {
			if _, err := Decode(c.pack(t, tt.data)); !errors.Is(err, tt.want) {
				t.Errorf("%s, %s: err = %v, want %v", c.name, tt.name, err, tt.want)
			}
		}
	}
	for _, junk := range [][]byte{[]byte("hello"), nil, {0x1f, 0x8b}, {0x28, 0xb5, 0x2f, 0xfd, 0}} {
		if _, err := Decode(junk); !errors.Is(err, ErrFormat) {
			t.Errorf("Decode(%q): err = %v, want ErrFormat", junk, err)
		}
	}
	if _, err := LoadFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestDecodeFormat1 reads a file written by the previous version of the
// format (gzip, no sources, no former names), as users' saved gazetteers
// are: testdata/mini-format1.bin.gz is cities-mini.txt saved by it.
func TestDecodeFormat1(t *testing.T) {
	g, err := LoadFile("testdata/mini-format1.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	want := loadMini(t, "testdata/admin1.json")
	if !reflect.DeepEqual(g.places, want.places) || !reflect.DeepEqual(g.admin1, want.admin1) {
		t.Error("format 1 file decodes to other places than its dump")
	}
	// Builds since add keys (a name's part before ", "), never drop one:
	// every key of the old file finds at least its old places today.
	for k := 0; k < g.NumKeys(); k++ {
		now := map[int]bool{}
		for _, p := range want.Lookup(g.KeyAt(k)) {
			now[p.Index()] = true
		}
		for _, p := range g.PostingsAt(k) {
			if !now[p.Index()] {
				t.Errorf("key %q: place %d of the format 1 file is not found by it today", g.KeyAt(k), p.Index())
			}
		}
	}
	if len(g.Sources()) != 0 || len(g.FormerNames()) != 0 {
		t.Errorf("format 1 file has sources %v, former names %v", g.Sources(), g.FormerNames())
	}
}

// withKeyVersion rewrites the key-version varint that follows the magic
// and the one-byte format version.
func withKeyVersion(raw []byte, v byte) []byte {
	out := append([]byte(nil), raw...)
	out[len(magic)+1] = v
	return out
}

// withFormatVersion rewrites the one-byte format version.
func withFormatVersion(raw []byte, v byte) []byte {
	out := append([]byte(nil), raw...)
	out[len(magic)] = v
	return out
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zst(t testing.TB, b []byte) []byte {
	t.Helper()
	zw, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer zw.Close()
	return zw.EncodeAll(b, nil)
}

func TestLoadPrefersUserFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.bin.gz")
	g, err := Load(path) // absent: the default
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := g.Info(); name != "geonames-cities500-2023-03-05" {
		t.Errorf("Load(absent) = %q, want the default", name)
	}
	if err := loadMini(t, "").Save(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	g, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := g.Info(); name != "geonames-cities-mini-2013-12-01" {
		t.Errorf("Load(saved) = %q, want the user's file", name)
	}
	if err := os.WriteFile(path, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); !errors.Is(err, ErrFormat) {
		t.Errorf("Load(junk) err = %v, want ErrFormat", err)
	}
	if p, err := UserPath(); err == nil && filepath.Base(p) != "gazetteer.bin.gz" {
		t.Errorf("UserPath = %q", p)
	}
}
