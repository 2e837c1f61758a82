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
	var buf bytes.Buffer
	if err := g.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	raw := gunzip(t, good)

	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"not gzip", []byte("hello"), ErrFormat},
		{"wrong magic", gz(t, []byte("something else entirely")), ErrFormat},
		{"truncated", gz(t, raw[:len(raw)/2]), ErrFormat},
		{"trailing bytes", gz(t, append(append([]byte(nil), raw...), 1, 2, 3)), ErrFormat},
		{"key version", gz(t, withKeyVersion(raw, KeyVersion+1)), ErrKeyVersion},
	}
	for _, tt := range tests {
		if _, err := Decode(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := LoadFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
}

// withKeyVersion rewrites the key-version varint that follows the magic
// and the one-byte format version.
func withKeyVersion(raw []byte, v byte) []byte {
	out := append([]byte(nil), raw...)
	out[len(magic)+1] = v
	return out
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoadPrefersUserFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.bin.gz")
	g, err := Load(path) // absent: the default
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := g.Info(); name != "geonames-cities1000-2013-11-06" {
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
