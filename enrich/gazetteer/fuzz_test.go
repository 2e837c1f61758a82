package gazetteer

import (
	"bytes"
	"testing"
)

// FuzzDecode reads arbitrary bytes as a gazetteer file, as `--gazetteer-file`
// may be handed a damaged or foreign one: Decode must return an error or a
// gazetteer whose every index entry points at a place, never panic. The
// bytes are also read as the payload inside the container, since the
// compressor's checksums stop most mutations before the payload's reader.
func FuzzDecode(f *testing.F) {
	var raw bytes.Buffer
	if err := buildFixture(f).encodeRaw(&raw); err != nil {
		f.Fatal(err)
	}
	f.Add(raw.Bytes())
	f.Add(zst(f, raw.Bytes()))
	f.Add(gz(f, raw.Bytes()))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		if g, err := Decode(data); err == nil {
			walk(g)
		}
		if g, err := decodeRaw(data); err == nil {
			walk(g)
		}
	})
}

// walk reads every index entry, seat, former name and country key of g.
func walk(g *Gazetteer) {
	for k := 0; k < g.NumKeys(); k++ {
		for _, p := range g.PostingsAt(k) {
			g.At(p.Index()) // panics if the index is out of range
		}
	}
	for _, d := range g.Divisions() {
		g.At(d.Seat)
	}
	for _, fn := range g.FormerNames() {
		g.At(fn.Place)
	}
	for _, cc := range g.Countries() {
		for _, ki := range g.CountryKeys(cc) {
			g.KeyAt(int(ki))
		}
	}
}
