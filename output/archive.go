package output

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/citynets/citynets/internal/gzmember"
)

// ArchiveRecord is one record of a snapshot's archive as the store sees
// it: enough of its WARC header to know which payload it holds or refers
// to, and where its bytes are. The store reads only this much of an
// archive; parsing HTTP is the fetch layer's business.
type ArchiveRecord struct {
	Type     string // "response", "revisit", "request", "warcinfo", …
	ID       string // WARC-Record-ID, without angle brackets
	URI      string // WARC-Target-URI
	Date     string // WARC-Date, as written
	Digest   string // the payload's sha1 digest: computed for a response, WARC-Payload-Digest for a revisit
	Profile  string // WARC-Profile of a revisit
	RefersTo string // WARC-Refers-To of a revisit, without angle brackets
	Offset   int64  // where the record (its gzip member) starts in the file
	Length   int64  // its bytes in the file
}

// Revisit reports whether the record's payload is stored in another record.
func (r ArchiveRecord) Revisit() bool { return r.Type == "revisit" }

// ErrBadArchiveRecord is a record the store cannot read.
var ErrBadArchiveRecord = errors.New("unreadable archive record")

// maxArchiveRecord caps one record read while scanning, as replay does.
const maxArchiveRecord = 64 << 20

// ScanArchive lists the records of a .warc.gz (one gzip member per
// record, as citynets writes them). Bytes that are not a gzip stream hold
// no records the store can use, and give none.
func ScanArchive(raw []byte) ([]ArchiveRecord, error) {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return nil, nil
	}
	var out []ArchiveRecord
	err := gzmember.Each(raw, maxArchiveRecord, func(off, end int64, member []byte) {
		rec := parseRecordHead(member)
		rec.Offset, rec.Length = off, end-off
		out = append(out, rec)
	})
	if me := (*gzmember.Error)(nil); errors.As(err, &me) {
		return out, fmt.Errorf("%w at offset %d: %v", ErrBadArchiveRecord, me.Offset, me.Err)
	}
	return out, err
}

// parseRecordHead reads one record's WARC header and, for a response,
// digests its HTTP body.
func parseRecordHead(rec []byte) ArchiveRecord {
	head, block, _ := bytes.Cut(rec, []byte("\r\n\r\n"))
	var a ArchiveRecord
	length := -1
	for line := range strings.SplitSeq(string(head), "\r\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), "<>")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "warc-type":
			a.Type = v
		case "warc-record-id":
			a.ID = v
		case "warc-target-uri":
			a.URI = v
		case "warc-date":
			a.Date = v
		case "warc-payload-digest":
			a.Digest = v
		case "warc-profile":
			a.Profile = v
		case "warc-refers-to":
			a.RefersTo = v
		case "content-length":
			length, _ = strconv.Atoi(v)
		}
	}
	if a.Type == "response" {
		if length >= 0 && length <= len(block) {
			block = block[:length]
		}
		if _, body, ok := bytes.Cut(block, []byte("\r\n\r\n")); ok {
			a.Digest = payloadDigest(body)
		}
	}
	return a
}

// payloadDigest is a body's WARC-Payload-Digest as the fetch layer writes
// it: "sha1:" and the base32 SHA-1.
func payloadDigest(body []byte) string {
	sum := sha1.Sum(body)
	return "sha1:" + base32.StdEncoding.EncodeToString(sum[:])
}
