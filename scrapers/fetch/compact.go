package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/citynets/citynets/internal/atomicfile"
	"github.com/citynets/citynets/internal/gzmember"
)

// An archive written while its payloads could not yet be looked up is
// deduplicated afterwards, before it is committed: a backfill reads its
// steps newest first but commits them oldest first, so while a step is
// read, the captures it shares with older steps are not stored anywhere a
// committed snapshot could refer to. Compact rewrites such an archive once
// the records it may refer to are committed.

// CompactReport says what Compact did to an archive.
type CompactReport struct {
	Before, After int64 // the file's size
	Revisits      int   // response records made revisits
}

// Compact rewrites the per-record-gzipped archive at path so that each
// payload is stored once: a complete response whose payload payloads
// already holds, or an earlier record of the same file holds, becomes a
// revisit record (profile identical-payload-digest) referring to it, and
// its request record is dropped, as the writer does when it deduplicates
// while fetching. Every other record is copied byte for byte. The new file
// replaces the old one atomically (written beside it, synced, renamed);
// when no record changes the file is left as it is.
func Compact(ctx context.Context, path string, payloads PayloadIndex) (CompactReport, error) {
	raw, err := readCapped(path, defaultArchiveLimit)
	if err != nil {
		return CompactReport{}, fmt.Errorf("compact %s: %w", path, err)
	}
	out, rep, err := compactArchive(ctx, raw, payloads)
	if err != nil {
		return rep, fmt.Errorf("compact %s: %w", path, err)
	}
	if out == nil {
		return rep, nil
	}
	if err := atomicfile.WriteFile(path, out, 0o644); err != nil {
		return rep, fmt.Errorf("compact %s: %w", path, err)
	}
	return rep, nil
}

// compactArchive is Compact on an archive's bytes: it returns the new
// archive, or nil when no record changes.
func compactArchive(ctx context.Context, raw []byte, payloads PayloadIndex) ([]byte, CompactReport, error) {
	rep := CompactReport{Before: int64(len(raw)), After: int64(len(raw))}
	members, err := gzipMembers(raw)
	if err != nil {
		return nil, rep, err
	}
	plan, err := planCompaction(ctx, members, payloads)
	if err != nil || len(plan.revisits) == 0 {
		return nil, rep, err
	}
	var out bytes.Buffer
	w := newWARCWriter(nil, "compacted.warc.gz", false) // the name makes it gzip each record
	w.size.w = &out
	if err := plan.write(w, raw, members, &rep); err != nil {
		return nil, rep, err
	}
	rep.After = int64(out.Len())
	return out.Bytes(), rep, nil
}

// member is one gzip member of an archive: where it lies in the file and
// the record it holds.
type member struct {
	off, end int64
	record   []byte // inflated
	typ      string // its WARC-Type
}

// gzipMembers splits a per-record-gzipped archive into its members.
func gzipMembers(raw []byte) ([]member, error) {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return nil, errors.New("not a gzipped archive")
	}
	var out []member
	err := gzmember.Each(raw, defaultRecordLimit, func(off, end int64, rec []byte) {
		out = append(out, member{off: off, end: end, record: rec, typ: rawHeaderField(rec, "WARC-Type")})
	})
	return out, err
}

// compaction is what Compact will write: which members become revisits
// (by index, with the record they refer to), which revisits already in the
// file must refer elsewhere because the response they named becomes a
// revisit itself, and which request records are dropped.
type compaction struct {
	revisits  map[int]PayloadRef
	repointed map[int]PayloadRef
	dropped   map[string]PayloadRef // by the record id of a response made a revisit: what it now refers to
}

// planCompaction finds the responses whose payload is stored already.
func planCompaction(ctx context.Context, members []member, payloads PayloadIndex) (compaction, error) {
	c := compaction{revisits: map[int]PayloadRef{}, repointed: map[int]PayloadRef{}, dropped: map[string]PayloadRef{}}
	first := map[string]PayloadRef{} // payloads this file holds, by digest
	for i, m := range members {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		if m.typ != "response" || rawHeaderField(m.record, "WARC-Truncated") != "" {
			continue
		}
		a, err := RecordAt(m.record, 0, defaultRecordLimit) // inflated already: read as plain WARC
		if err != nil || a.truncated {
			continue // not an HTTP response this package can read: keep it
		}
		ref, ok := first[a.ref.Digest]
		if !ok && payloads != nil {
			var sp StoredPayload
			sp, ok = payloads.LookupPayload(a.ref.Digest)
			ref = sp.PayloadRef
		}
		if !ok {
			first[a.ref.Digest] = a.ref
			continue
		}
		c.revisits[i] = ref
		if id := strings.Trim(rawHeaderField(m.record, "WARC-Record-ID"), "<>"); id != "" {
			c.dropped[id] = ref
		}
	}
	for i, m := range members {
		if m.typ != "revisit" {
			continue
		}
		if ref, ok := c.dropped[strings.Trim(rawHeaderField(m.record, "WARC-Refers-To"), "<>")]; ok {
			c.repointed[i] = ref
		}
	}
	return c, nil
}

// write writes the compacted archive: revisits for the planned members,
// nothing for their request records, every other member as it was.
func (c compaction) write(w *WARCWriter, raw []byte, members []member, rep *CompactReport) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for i, m := range members {
		if c.droppedRequest(m) {
			continue
		}
		profile := ProfileIdenticalPayload
		ref, made := c.revisits[i]
		if !made {
			var moved bool
			if ref, moved = c.repointed[i]; !moved {
				if _, err := w.buf.Write(raw[m.off:m.end]); err != nil {
					return err
				}
				continue
			}
			profile = rawHeaderField(m.record, "WARC-Profile")
		}
		url := rawHeaderField(m.record, "WARC-Target-URI")
		date, _ := time.Parse(time.RFC3339Nano, rawHeaderField(m.record, "WARC-Date"))
		rec, err := w.revisitRecord(url, date, profile, ref, httpHead(m.record))
		if err != nil {
			return err
		}
		if err := w.writeRecord(rec); err != nil {
			return err
		}
		if made {
			rep.Revisits++
		}
	}
	return w.flush()
}

// droppedRequest reports whether m is the request record of a response
// that becomes a revisit.
func (c compaction) droppedRequest(m member) bool {
	if m.typ != "request" {
		return false
	}
	_, ok := c.dropped[strings.Trim(rawHeaderField(m.record, "WARC-Concurrent-To"), "<>")]
	return ok
}

// httpHead is the HTTP status line and headers of a response record's
// block, with the blank line that ends them.
func httpHead(record []byte) []byte {
	_, block, _ := bytes.Cut(record, []byte("\r\n\r\n"))
	head, _, ok := bytes.Cut(block, []byte("\r\n\r\n"))
	if !ok {
		return block
	}
	return slices.Concat(head, []byte("\r\n\r\n"))
}
