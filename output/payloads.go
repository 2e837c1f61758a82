package output

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/citynets/citynets/internal/atomicfile"
)

// The store-level payload index (DESIGN: The store). Unique payloads stay
// in the archive of the snapshot that first fetched them; a later
// snapshot's archive holds revisit records that refer to them. The index
// maps each payload digest to the record that holds it, so that replay,
// rebuild and verify find it across snapshots. It is a cache: derived from
// the archives alone, rewritten atomically, and rebuilt for any archive it
// does not yet cover, so losing or corrupting it loses nothing.
const (
	PayloadsFile = "payloads.json" // the index, at the store's root
	// PayloadsDir holds the records prune moved out of the snapshots it
	// removed because a kept snapshot refers to them: payloads/<id>.warc.gz.
	PayloadsDir = "payloads"
)

// PayloadRecord is where one payload is stored.
type PayloadRecord struct {
	Digest   string `json:"digest"`
	File     string `json:"file"` // store-relative, slash-separated
	Offset   int64  `json:"offset"`
	RecordID string `json:"record_id"`
	URI      string `json:"uri"`
	Date     string `json:"date"`
}

// archiveFile is one archive the index covers, by size and modification
// time: archives are written once and never change, so these are enough
// to notice another file in the same place (prune rewriting payloads/ after
// a crash).
type archiveFile struct {
	Bytes    int64     `json:"bytes"`
	Modified time.Time `json:"modified"`
}

// payloadsDoc is payloads.json: which archives it covers and every
// response record in them, in the order the archives are listed (the
// first record of a digest is the one revisits resolve to; the others
// take over when prune removes it).
type payloadsDoc struct {
	Files    map[string]archiveFile `json:"files"`
	Payloads []PayloadRecord        `json:"payloads"`
}

// PayloadIndex finds the record holding a payload anywhere in the store.
type PayloadIndex struct {
	dir     string
	doc     payloadsDoc
	byDig   map[string]PayloadRecord
	changed bool // differs from payloads.json on disk
}

// Lookup returns where the payload with digest d is stored.
func (p *PayloadIndex) Lookup(d string) (PayloadRecord, bool) {
	r, ok := p.byDig[d]
	return r, ok
}

// Path is the absolute path of a record's archive.
func (p *PayloadIndex) Path(r PayloadRecord) string {
	return filepath.Join(p.dir, filepath.FromSlash(r.File))
}

// Len is the number of distinct payloads stored.
func (p *PayloadIndex) Len() int { return len(p.byDig) }

// Payloads reads the payload index, scanning every archive it does not
// cover yet and dropping archives gone. It writes nothing (see
// RefreshPayloads).
func (s *Store) Payloads(ctx context.Context) (*PayloadIndex, error) {
	files, err := s.archiveFiles()
	if err != nil {
		return nil, fmt.Errorf("payload index: %w", err)
	}
	var old payloadsDoc
	b, err := readSmall(filepath.Join(s.dir, PayloadsFile), maxArchive)
	if err == nil && json.Unmarshal(b, &old) != nil {
		old = payloadsDoc{} // a damaged cache is rebuilt
	}
	p := &PayloadIndex{dir: s.dir, doc: payloadsDoc{Files: map[string]archiveFile{}}, byDig: map[string]PayloadRecord{}}
	p.changed = len(old.Files) != len(files)
	kept := map[string][]PayloadRecord{}
	for _, r := range old.Payloads {
		kept[r.File] = append(kept[r.File], r)
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		recs, known := kept[f.name], old.Files[f.name].Bytes == f.info.Bytes && old.Files[f.name].Modified.Equal(f.info.Modified)
		if _, covered := old.Files[f.name]; !covered || !known {
			p.changed = true
			// A damaged archive gives the payloads before the damage: one
			// bad night must not stop every later run (verify reports it).
			recs, _ = s.scanPayloads(f.name)
		}
		p.doc.Files[f.name] = f.info
		p.doc.Payloads = append(p.doc.Payloads, recs...)
		for _, r := range recs {
			if _, dup := p.byDig[r.Digest]; !dup {
				p.byDig[r.Digest] = r
			}
		}
	}
	return p, nil
}

// RefreshPayloads brings payloads.json up to date with the archives, and
// returns the index. The caller holds the store lock.
func (s *Store) RefreshPayloads(ctx context.Context) (*PayloadIndex, error) {
	if s.readOnly {
		return nil, fmt.Errorf("refresh payload index: %w", ErrReadOnly)
	}
	p, err := s.Payloads(ctx)
	if err != nil || !p.changed {
		return p, err
	}
	b, err := json.MarshalIndent(p.doc, "", " ")
	if err != nil {
		return nil, fmt.Errorf("encode payload index: %w", err)
	}
	if err := atomicfile.WriteFile(filepath.Join(s.dir, PayloadsFile), append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("write payload index: %w", err)
	}
	p.changed = false
	return p, nil
}

// namedArchive is an archive file of the store.
type namedArchive struct {
	name string // store-relative
	info archiveFile
}

// archiveFiles lists the store's archives in the order their payloads
// count as first: payloads/ (records moved there by prune, which come from
// the oldest snapshots), then each snapshot's, oldest first.
func (s *Store) archiveFiles() ([]namedArchive, error) {
	var out []namedArchive
	add := func(name string) error {
		fi, err := os.Lstat(filepath.Join(s.dir, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case fi.Mode().IsRegular():
			out = append(out, namedArchive{name, archiveFile{fi.Size(), fi.ModTime().UTC()}})
		}
		return nil
	}
	moved, err := os.ReadDir(filepath.Join(s.dir, PayloadsDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range moved {
		if strings.HasSuffix(e.Name(), ".warc.gz") {
			if err := add(PayloadsDir + "/" + e.Name()); err != nil {
				return nil, err
			}
		}
	}
	ids, err := s.List()
	if err != nil && !errors.Is(err, ErrNoSnapshots) {
		return nil, err
	}
	for _, id := range ids {
		if err := add(snapshotsDir + "/" + id + "/" + RawWARC); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanPayloads lists the payloads an archive holds (its response
// records); with an error, those before the damage.
func (s *Store) scanPayloads(name string) ([]PayloadRecord, error) {
	recs, err := s.scanArchive(name)
	var out []PayloadRecord
	for _, r := range recs {
		if r.Type == "response" && r.Digest != "" {
			out = append(out, PayloadRecord{Digest: r.Digest, File: name, Offset: r.Offset, RecordID: r.ID, URI: r.URI, Date: r.Date})
		}
	}
	return out, err
}

// maxArchive caps an archive the store reads whole, as replay does.
const maxArchive = 256 << 20

// scanArchive reads a store archive's records, never through a symlink.
func (s *Store) scanArchive(name string) ([]ArchiveRecord, error) {
	raw, err := readSmall(filepath.Join(s.dir, filepath.FromSlash(name)), maxArchive)
	if err != nil {
		return nil, err
	}
	recs, err := ScanArchive(raw)
	if err != nil {
		return recs, fmt.Errorf("%s: %w", name, err)
	}
	return recs, nil
}

// danglingRevisits lists the revisit records of snapshot id whose payload
// is neither in its own archive nor in idx.
func danglingRevisits(recs []ArchiveRecord, idx *PayloadIndex) []ArchiveRecord {
	own := map[string]bool{}
	for _, r := range recs {
		if r.Type == "response" {
			own[r.Digest] = true
		}
	}
	var out []ArchiveRecord
	for _, r := range recs {
		if !r.Revisit() || own[r.Digest] {
			continue
		}
		if _, ok := idx.Lookup(r.Digest); !ok {
			out = append(out, r)
		}
	}
	return out
}

// verifyRevisits returns what is wrong with snapshot id's revisit records:
// each must refer to a payload its own archive or the store holds.
func (s *Store) verifyRevisits(ctx context.Context, id string, lazy *lazyIndex) []string {
	name := snapshotsDir + "/" + id + "/" + RawWARC
	if fi, err := os.Lstat(filepath.Join(s.dir, filepath.FromSlash(name))); err != nil || !fi.Mode().IsRegular() {
		return nil // reported as missing or not a file already
	}
	recs, err := s.scanArchive(name)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", RawWARC, err)}
	}
	if !slices.ContainsFunc(recs, ArchiveRecord.Revisit) {
		return nil
	}
	idx, err := lazy.get(ctx, s)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", RawWARC, err)}
	}
	var problems []string
	for _, r := range danglingRevisits(recs, idx) {
		problems = append(problems, fmt.Sprintf("%s: the revisit of %s (at offset %d) refers to payload %s, which the store does not hold", RawWARC, r.URI, r.Offset, r.Digest))
	}
	return problems
}

// lazyIndex reads the payload index once, when a snapshot with revisits
// first needs it: verifying every snapshot of a store whose payloads.json
// is missing (and cannot be written: verify writes nothing) scans each
// archive once, not once per snapshot.
type lazyIndex struct {
	idx  *PayloadIndex
	err  error
	done bool
}

func (l *lazyIndex) get(ctx context.Context, s *Store) (*PayloadIndex, error) {
	if !l.done {
		l.idx, l.err = s.Payloads(ctx)
		l.done = l.err == nil || ctx.Err() == nil
	}
	return l.idx, l.err
}
