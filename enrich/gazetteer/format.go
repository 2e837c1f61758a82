package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// The compact format is a zstd frame (format 1 was a gzip stream; both are
// read) of:
//
//	magic "citynets-gazetteer\n", uvarint format version, uvarint KeyVersion,
//	string name;
//	(format 2) sources: count, then role, file, date, via, sha256 strings;
//	string tables: countries, feature codes, admin1 codes, admin2 codes;
//	places as columns (n, then n values each): id deltas; name lengths and
//	bytes; ASCII-name lengths and bytes (0 = same as the name); latitude and
//	longitude deltas in 1e-5 degrees, zigzag; feature, country, admin1 and
//	admin2 table indices; population;
//	admin1 divisions: country index, code index, name;
//	the index: key count, (format 2) total key bytes and postings;
//	distinct keys in sorted order, each as the length it shares
//	with the previous key plus the rest; then per key a posting count and
//	postings as (place-index delta << 2 | kind);
//	(format 2) former names: count, then per name the place-index delta,
//	the reason, the older dump's geonameid and the name;
//	(format 3) second-order divisions with a seat: count, then per
//	division its code, name and stem, and the seat's place index.
//
// Strings are a uvarint length and bytes. Columns keep like values together
// so the compressor finds the repetition. What lookup derives from the keys
// (the per-country key lists) is built at decode time: it is cheaper to
// compute than to decompress.
//
// zstd rather than gzip: at its best level the file is about a tenth
// smaller than gzip -9 and decompresses three to four times faster, which is
// most of the load time budget (see README.md).
const (
	magic         = "citynets-gazetteer\n"
	formatVersion = 3
	coordScale    = 1e5
)

// Container magics: a file is read whichever way it was compressed.
var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Encode writes the gazetteer in the compact format.
func (g *Gazetteer) Encode(w io.Writer) error {
	var raw bytes.Buffer
	if err := g.encodeRaw(&raw); err != nil {
		return fmt.Errorf("encode gazetteer: %w", err)
	}
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression),
		zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(zstd.MaxWindowSize))
	if err != nil {
		return fmt.Errorf("encode gazetteer: %w", err)
	}
	out := zw.EncodeAll(raw.Bytes(), nil)
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode gazetteer: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("encode gazetteer: %w", err)
	}
	return nil
}

// encodeRaw writes the uncompressed payload.
func (g *Gazetteer) encodeRaw(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	e := &encoder{w: bw}
	e.raw(magic)
	e.uvarint(formatVersion)
	e.uvarint(KeyVersion)
	e.str(g.name)
	e.uvarint(uint64(len(g.sources)))
	for _, s := range g.sources {
		for _, f := range []string{s.Role, s.File, s.Date, s.Via, s.SHA256} {
			e.str(f)
		}
	}

	countries, features, admin1s, admin2s := newTable(), newTable(), newTable(), newTable()
	for i := range g.places {
		p := &g.places[i]
		countries.add(p.CountryCode)
		features.add(p.FeatureCode)
		admin1s.add(p.Admin1Code)
		admin2s.add(p.Admin2Code)
	}
	for _, a := range g.admin1 {
		countries.add(a.CountryCode)
		admin1s.add(a.Code)
	}
	for _, t := range []*table{countries, features, admin1s, admin2s} {
		e.uvarint(uint64(len(t.list)))
		for _, s := range t.list {
			e.str(s)
		}
	}

	n := len(g.places)
	e.uvarint(uint64(n))
	var prevID int64
	for i := range g.places {
		e.uvarint(uint64(g.places[i].ID - prevID))
		prevID = g.places[i].ID
	}
	for i := range g.places {
		e.uvarint(uint64(len(g.places[i].Name)))
	}
	for i := range g.places {
		e.raw(g.places[i].Name)
	}
	for i := range g.places {
		if p := &g.places[i]; p.ASCIIName != p.Name {
			e.uvarint(uint64(len(p.ASCIIName)) + 1)
		} else {
			e.uvarint(0)
		}
	}
	for i := range g.places {
		if p := &g.places[i]; p.ASCIIName != p.Name {
			e.raw(p.ASCIIName)
		}
	}
	var prev int64
	for i := range g.places {
		v := int64(math.Round(g.places[i].Latitude * coordScale))
		e.varint(v - prev)
		prev = v
	}
	prev = 0
	for i := range g.places {
		v := int64(math.Round(g.places[i].Longitude * coordScale))
		e.varint(v - prev)
		prev = v
	}
	for i := range g.places {
		e.uvarint(uint64(features.index[g.places[i].FeatureCode]))
	}
	for i := range g.places {
		e.uvarint(uint64(countries.index[g.places[i].CountryCode]))
	}
	for i := range g.places {
		e.uvarint(uint64(admin1s.index[g.places[i].Admin1Code]))
	}
	for i := range g.places {
		e.uvarint(uint64(admin2s.index[g.places[i].Admin2Code]))
	}
	for i := range g.places {
		e.uvarint(uint64(g.places[i].Population))
	}

	e.uvarint(uint64(len(g.admin1)))
	for _, a := range g.admin1 {
		e.uvarint(uint64(countries.index[a.CountryCode]))
		e.uvarint(uint64(admin1s.index[a.Code]))
		e.str(a.Name)
	}

	nk := g.NumKeys()
	e.uvarint(uint64(nk))
	e.uvarint(uint64(len(g.keys)))
	e.uvarint(uint64(len(g.post)))
	last := ""
	for k := 0; k < nk; k++ {
		key := g.KeyAt(k)
		shared := commonPrefix(last, key)
		e.uvarint(uint64(shared))
		e.str(key[shared:])
		last = key
	}
	for k := 0; k < nk; k++ {
		ps := g.PostingsAt(k)
		e.uvarint(uint64(len(ps)))
		prevIdx := 0
		for _, p := range ps {
			e.uvarint(uint64(p.Index()-prevIdx)<<2 | uint64(p.Kind()))
			prevIdx = p.Index()
		}
	}
	e.uvarint(uint64(len(g.former)))
	prevPlace := 0
	for _, f := range g.former {
		e.uvarint(uint64(f.Place - prevPlace))
		prevPlace = f.Place
		e.uvarint(uint64(f.Why))
		e.uvarint(uint64(f.FromID))
		e.str(f.Name)
	}
	e.uvarint(uint64(len(g.divisions)))
	for _, d := range g.divisions {
		e.str(d.Code)
		e.str(d.Name)
		e.str(d.Stem)
		e.uvarint(uint64(d.Seat))
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	return e.err
}

// Save writes the gazetteer in the compact format to path, atomically (a
// temporary file renamed into place), creating the folder if needed.
func (g *Gazetteer) Save(ctx context.Context, path string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("save gazetteer: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save gazetteer: %w", err)
	}
	f, err := os.CreateTemp(dir, ".gazetteer-*.tmp")
	if err != nil {
		return fmt.Errorf("save gazetteer: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op once renamed
	if err := g.Encode(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save gazetteer: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save gazetteer: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("save gazetteer: %w", err)
	}
	return nil
}

// LoadFile reads a gazetteer in the compact format (as Save writes it).
func LoadFile(path string) (*Gazetteer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	g, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer %s: %w", path, err)
	}
	return g, nil
}

// Decode reads a gazetteer from the bytes of a compact file, zstd or gzip
// compressed. Info's hash is the SHA-256 of those bytes.
func Decode(data []byte) (*Gazetteer, error) {
	sum := sha256.Sum256(data)
	raw, err := decompress(data)
	if err != nil {
		return nil, err
	}
	g, err := decodeRaw(raw)
	if err != nil {
		return nil, err
	}
	g.sum = hex.EncodeToString(sum[:])
	return g, nil
}

// decompress returns the payload of a compact file, whichever container
// it is in.
func decompress(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, zstdMagic):
		zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		defer zr.Close()
		raw, err := zr.DecodeAll(data, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		return raw, nil
	case bytes.HasPrefix(data, gzipMagic) && len(data) >= 18: // header and trailer
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		// gzip's trailer holds the uncompressed size (mod 2^32): read into
		// a buffer of that size at once instead of growing one.
		var buf bytes.Buffer
		n := len(data)
		size := int(binary.LittleEndian.Uint32(data[n-4:]))
		buf.Grow(min(size, 64*n) + bytes.MinRead) // a corrupt trailer cannot ask for gigabytes
		if _, err := buf.ReadFrom(zr); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		return buf.Bytes(), nil
	}
	return nil, ErrFormat
}

func decodeRaw(raw []byte) (*Gazetteer, error) {
	d := &decoder{b: raw}
	if string(d.bytes(len(magic))) != magic {
		return nil, ErrFormat
	}
	version := d.uvarint()
	if version < 1 || version > formatVersion {
		return nil, fmt.Errorf("%w: format version %d", ErrFormat, version)
	}
	if v := d.uvarint(); d.err == nil && v != KeyVersion {
		return nil, fmt.Errorf("%w (file %d, code %d)", ErrKeyVersion, v, KeyVersion)
	}
	g := &Gazetteer{name: d.str()}
	if version >= 2 {
		g.sources = make([]Source, d.count())
		for i := range g.sources {
			s := &g.sources[i]
			for _, f := range []*string{&s.Role, &s.File, &s.Date, &s.Via, &s.SHA256} {
				*f = d.str()
			}
		}
	}
	var tables [4][]string
	for t := range tables {
		n := d.count()
		tables[t] = make([]string, n)
		for i := range tables[t] {
			tables[t][i] = d.str()
		}
	}
	countries, features, admin1s, admin2s := tables[0], tables[1], tables[2], tables[3]

	n := d.count()
	g.places = make([]Place, n)
	ps := g.places
	var id int64
	for i := range ps {
		id += int64(d.uvarint())
		ps[i].ID = id
	}
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.count()
		total += lens[i]
	}
	names := string(d.bytes(total))
	off := 0
	for i := range ps {
		if off+lens[i] > len(names) {
			return nil, fmt.Errorf("%w: truncated names", ErrFormat)
		}
		ps[i].Name = names[off : off+lens[i]]
		off += lens[i]
	}
	total = 0
	for i := range lens {
		lens[i] = d.count()
		if lens[i] > 0 {
			total += lens[i] - 1
		}
	}
	asciis := string(d.bytes(total))
	off = 0
	for i := range ps {
		if lens[i] == 0 {
			ps[i].ASCIIName = ps[i].Name
			continue
		}
		l := lens[i] - 1
		if off+l > len(asciis) {
			return nil, fmt.Errorf("%w: truncated ASCII names", ErrFormat)
		}
		ps[i].ASCIIName = asciis[off : off+l]
		off += l
	}
	var v int64
	for i := range ps {
		v += d.varint()
		ps[i].Latitude = float64(v) / coordScale
	}
	v = 0
	for i := range ps {
		v += d.varint()
		ps[i].Longitude = float64(v) / coordScale
	}
	for i := range ps {
		ps[i].FeatureCode = d.pick(features)
	}
	placeCC := make([]int32, n)
	for i := range ps {
		c := d.uvarint()
		if c >= uint64(len(countries)) {
			return nil, fmt.Errorf("%w: country index out of range", ErrFormat)
		}
		ps[i].CountryCode = countries[c]
		placeCC[i] = int32(c)
	}
	for i := range ps {
		ps[i].Admin1Code = d.pick(admin1s)
	}
	for i := range ps {
		ps[i].Admin2Code = d.pick(admin2s)
	}
	for i := range ps {
		ps[i].Population = int64(d.uvarint())
	}

	admins := make([]Admin1, d.count())
	for i := range admins {
		admins[i] = Admin1{CountryCode: d.pick(countries), Code: d.pick(admin1s), Name: d.str()}
	}
	g.setAdmin1(admins)

	nk := d.count()
	keyBytes, postings := nk*12, nk+nk/4 // format 1 has no totals: guess
	if version >= 2 {
		keyBytes, postings = d.count(), d.count()
	}
	g.keyOff = make([]uint32, nk+1)
	// A Builder grown once never moves its bytes, so the previous key can be
	// read back from String() while the next is appended, and the result
	// needs no copy.
	var keys strings.Builder
	keys.Grow(keyBytes)
	last := 0 // start of the previous key in keys
	for k := 0; k < nk; k++ {
		shared := d.count()
		suffix := d.bytes(d.count())
		start := keys.Len()
		if shared > start-last {
			return nil, fmt.Errorf("%w: bad key prefix", ErrFormat)
		}
		keys.WriteString(keys.String()[last : last+shared])
		keys.Write(suffix)
		g.keyOff[k] = uint32(start)
		last = start
	}
	g.keyOff[nk] = uint32(keys.Len())
	g.keys = keys.String()
	g.postOff = make([]uint32, nk+1)
	g.post = make([]Posting, 0, postings)
	for k := 0; k < nk; k++ {
		g.postOff[k] = uint32(len(g.post))
		c := d.count()
		idx := 0
		for j := 0; j < c; j++ {
			x := d.uvarint()
			idx += int(x >> 2)
			if idx >= n {
				return nil, fmt.Errorf("%w: posting out of range", ErrFormat)
			}
			g.post = append(g.post, newPosting(idx, Kind(x&3)))
		}
		if d.err != nil {
			break
		}
	}
	g.postOff[nk] = uint32(len(g.post))
	if version >= 2 {
		g.former = make([]FormerName, d.count())
		place := 0
		for i := range g.former {
			place += d.count()
			if place >= n {
				return nil, fmt.Errorf("%w: former name out of range", ErrFormat)
			}
			g.former[i] = FormerName{Place: place, Why: int(d.uvarint()), FromID: int64(d.uvarint()), Name: d.str()}
		}
	}
	if version >= 3 {
		divs := make([]Division, d.count())
		for i := range divs {
			divs[i] = Division{Code: d.str(), Name: d.str(), Stem: d.str(), Seat: d.count()}
			if divs[i].Seat >= n {
				return nil, fmt.Errorf("%w: division seat out of range", ErrFormat)
			}
		}
		g.setDivisions(divs)
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, len(d.b))
	}
	g.indexCountriesBy(placeCC, countries)
	return g, nil
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// table assigns small indices to repeated strings.
type table struct {
	list  []string
	index map[string]int
}

func newTable() *table { return &table{index: map[string]int{}} }

func (t *table) add(s string) {
	if _, ok := t.index[s]; !ok {
		t.index[s] = len(t.list)
		t.list = append(t.list, s)
	}
}

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (e *encoder) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *encoder) uvarint(v uint64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendUvarint(e.buf[:0], v))
	}
}

func (e *encoder) varint(v int64) {
	if e.err == nil {
		_, e.err = e.w.Write(binary.AppendVarint(e.buf[:0], v))
	}
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.raw(s)
}

// decoder reads from an in-memory payload; after the first error every
// read returns zero values and err keeps the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated %s", ErrFormat, what)
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	if len(d.b) > 0 && d.b[0] < 0x80 { // most values fit one byte
		v := uint64(d.b[0])
		d.b = d.b[1:]
		return v
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length that must fit in the remaining payload.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b))+1<<20 {
		d.fail("count")
		return 0
	}
	return int(v)
}

func (d *decoder) bytes(n int) []byte {
	if n > len(d.b) {
		d.fail("bytes")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) str() string { return string(d.bytes(d.count())) }

func (d *decoder) pick(t []string) string {
	i := d.uvarint()
	if i >= uint64(len(t)) {
		if d.err == nil {
			d.err = fmt.Errorf("%w: table index out of range", ErrFormat)
		}
		d.b = nil
		return ""
	}
	return t[i]
}
