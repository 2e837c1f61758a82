package fetch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// revisitOf is what a revisit record says of the record holding its body.
type revisitOf struct {
	profile string
	ref     PayloadRef
}

// WithPayloads lets the replay find the bodies of revisit records in other
// archives, through the store's payload index. Without it a revisit must
// refer to a record in the same archive.
func WithPayloads(p PayloadIndex) ReplayOption {
	return func(l *replayLimits) { l.payloads = p }
}

// decodeRevisit reads a revisit record: its own HTTP status and headers,
// and where its body is. The body is found by resolve, once every record
// of the archive is known.
func decodeRevisit(wr gowarc.WarcRecord, field func(string) string) (*archivedResponse, error) {
	target := field(gowarc.WarcTargetURI)
	block, ok := wr.Block().(gowarc.ProtocolHeaderBlock)
	if target == "" || !ok {
		return nil, nil
	}
	date, _ := time.Parse(time.RFC3339Nano, field(gowarc.WarcDate))
	refDate, _ := time.Parse(time.RFC3339Nano, field(gowarc.WarcRefersToDate))
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block.ProtocolHeaderBytes())), nil)
	if err != nil {
		// Not an HTTP revisit (other tools write some without headers):
		// nothing to serve, as for a response record holding no HTTP.
		return nil, nil
	}
	_ = resp.Body.Close()
	resp.Header.Del("Transfer-Encoding")
	return &archivedResponse{
		url: target, status: resp.StatusCode, proto: resp.Proto, header: resp.Header, date: date.UTC(),
		revisit: &revisitOf{
			profile: field(gowarc.WarcProfile),
			ref: PayloadRef{
				RecordID: field(gowarc.WarcRefersTo), URI: field(gowarc.WarcRefersToTargetURI),
				Date: refDate.UTC(), Digest: field(gowarc.WarcPayloadDigest),
			},
		},
	}, nil
}

// resolve gives every revisit record its body: from the record it refers
// to in this archive, else from the store's payload index. A revisit whose
// body cannot be found makes the archive unusable, as a cut record does.
func (r *Replay) resolve() error {
	byDigest, byID := map[string]*archivedResponse{}, map[string]*archivedResponse{}
	for _, a := range r.own {
		if a.revisit == nil && !a.truncated {
			byDigest[a.ref.Digest] = a
			byID[a.ref.RecordID] = a
		}
	}
	files := map[string][]byte{}
	for _, a := range r.own {
		if a.revisit == nil {
			continue
		}
		src := byDigest[a.revisit.ref.Digest]
		if src == nil && a.revisit.ref.RecordID != "" {
			src = byID[a.revisit.ref.RecordID]
		}
		if src == nil {
			var err error
			if src, err = r.fromStore(a.revisit.ref.Digest, files); err != nil {
				return fmt.Errorf("revisit of %s: %w", a.url, err)
			}
		}
		a.fill(src)
	}
	return nil
}

// fill takes the body (and, for a 304, the status and headers) from the
// record a revisit refers to.
func (a *archivedResponse) fill(src *archivedResponse) {
	if a.revisit.profile == ProfileNotModified || a.status == http.StatusNotModified {
		a.status, a.proto, a.header = src.status, src.proto, src.header
	}
	a.body, a.ref = src.body, src.ref
	a.truncated, a.overLimit = src.truncated, src.overLimit
	a.revisit = nil
}

// errPayloadMissing is why a revisit cannot be replayed.
var errPayloadMissing = errors.New("the payload it refers to is in neither this archive nor the store (replay a snapshot's archive where it lies in its store, or name the store with --store)")

// fromStore reads the record holding digest's payload from the archive
// the payload index names; files caches the archives read.
func (r *Replay) fromStore(digest string, files map[string][]byte) (*archivedResponse, error) {
	if r.payloads == nil || digest == "" {
		return nil, fmt.Errorf("%w (digest %q)", errPayloadMissing, digest)
	}
	p, ok := r.payloads.LookupPayload(digest)
	if !ok {
		return nil, fmt.Errorf("%w (digest %q)", errPayloadMissing, digest)
	}
	raw, ok := files[p.Path]
	if !ok {
		var err error
		if raw, err = readCapped(p.Path, r.limits.archive); err != nil {
			return nil, fmt.Errorf("payload %s: %w", digest, err)
		}
		files[p.Path] = raw
	}
	a, err := RecordAt(raw, p.Offset, r.limits.record)
	if err != nil {
		return nil, fmt.Errorf("payload %s in %s at %d: %w", digest, p.Path, p.Offset, err)
	}
	if a.ref.Digest != digest {
		return nil, fmt.Errorf("payload %s in %s at %d: the record there holds %s", digest, p.Path, p.Offset, a.ref.Digest)
	}
	return a, nil
}

// RecordAt decodes the response record that starts at offset in an
// archive's raw bytes: a gzip member of a .warc.gz, or plain WARC text.
func RecordAt(raw []byte, offset, limit int64) (*archivedResponse, error) {
	if offset < 0 || offset >= int64(len(raw)) {
		return nil, fmt.Errorf("offset %d outside the archive", offset)
	}
	data := raw[offset:]
	if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		zr.Multistream(false)
		if data, err = io.ReadAll(io.LimitReader(zr, limit+1)); err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
	}
	one := &Replay{byKey: map[string]*archivedResponse{}}
	if err := one.index(firstRecord(data), limit); err != nil {
		return nil, err
	}
	if len(one.own) == 0 || one.own[0].revisit != nil {
		return nil, errors.New("no response record there")
	}
	return one.own[0], nil
}

// firstRecord cuts plain WARC text after its first record, which its
// Content-Length bounds; a gzip member holds one record already.
func firstRecord(data []byte) []byte {
	head, _, ok := bytes.Cut(data, []byte("\r\n\r\n"))
	if !ok {
		return data
	}
	for line := range strings.SplitSeq(string(head), "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		var n int
		if strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			if _, err := fmt.Sscan(strings.TrimSpace(v), &n); err == nil {
				end := len(head) + 4 + n + 4
				if end <= len(data) {
					return data[:end]
				}
			}
		}
	}
	return data
}
