package fetch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Replay serves HTTP responses from a WARC archive instead of the network:
// `--replay FILE`, `citynets rebuild`, tests and the offline demo run the
// real fetching code against it. It is read-only after OpenReplay and safe
// for concurrent use.
type Replay struct {
	path  string
	byKey map[string]*archivedResponse
	own   []*archivedResponse // every response and revisit, in file order
	// payloads resolves revisit records whose payload is in another
	// archive (the store's); nil: only this archive's own.
	payloads PayloadIndex
	limits   replayLimits
}

var _ http.RoundTripper = (*Replay)(nil)

// archivedResponse is one response record, decoded.
type archivedResponse struct {
	url       string
	status    int
	proto     string
	header    http.Header
	body      []byte
	date      time.Time
	truncated bool  // never served: archived cut, or over overLimit
	overLimit int64 // the record limit it exceeded; 0: archived cut
	// ref is the record holding the body: this one, or for a revisit the
	// record it refers to. revisit is set until the body is found.
	ref     PayloadRef
	revisit *revisitOf
}

// Default replay limits. A record holds at most one body under the live
// cap (10 MiB by default) plus headers. The archive is read into memory, so
// its cap is what a replay may cost: a real night inflates to 5–20 MB, and
// 256 MiB keeps a bomb from taking a small machine down with it.
const (
	defaultRecordLimit  = 64 << 20
	defaultArchiveLimit = 256 << 20
)

// ReplayOption changes a limit of OpenReplay.
type ReplayOption func(*replayLimits)

// replayLimits bound what a hostile or damaged archive can cost.
type replayLimits struct {
	record   int64 // one record's block, and its HTTP body once inflated
	archive  int64 // the whole archive, inflated
	payloads PayloadIndex
}

// WithRecordLimit caps one record: its block, and the HTTP body in it once
// its Content-Encoding is undone (default 64 MiB). A response over it is
// replayed as ErrTooLarge; other records over it are skipped.
func WithRecordLimit(n int64) ReplayOption { return func(l *replayLimits) { l.record = n } }

// WithArchiveLimit caps the whole archive, inflated (default 256 MiB); an
// archive over it is a bad archive.
func WithArchiveLimit(n int64) ReplayOption { return func(l *replayLimits) { l.archive = n } }

// OpenReplay reads a .warc or .warc.gz file (gzipped per record or as a
// whole) into memory and indexes its response records by URL; when a URL
// was archived more than once, the last record wins. Records from other
// tools are read leniently (WARC/1.0, bare LF line ends, chunked payloads,
// missing digests), but a missing, empty, truncated or corrupt file, one
// that is not a WARC file at all, or one that inflates beyond the archive
// limit, is an error wrapping ErrBadArchive.
func OpenReplay(path string, opts ...ReplayOption) (*Replay, error) {
	l := replayLimits{record: defaultRecordLimit, archive: defaultArchiveLimit}
	for _, o := range opts {
		o(&l)
	}
	raw, err := readCapped(path, l.archive)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadArchive, err)
	}
	return openReplayBytes(path, raw, l)
}

// readCapped reads a file no bigger than limit bytes.
func readCapped(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%s: over the archive limit of %d bytes", path, limit)
	}
	return raw, nil
}

// openReplayBytes indexes an archive's bytes, as read from path.
func openReplayBytes(path string, raw []byte, l replayLimits) (*Replay, error) {
	data, err := decompressArchive(raw, l.archive)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadArchive, path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: %s: the file is empty", ErrBadArchive, path)
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("WARC/")) {
		return nil, fmt.Errorf("%w: %s: not a WARC file (it starts with %q)", ErrBadArchive, path, preview(data))
	}
	r := &Replay{path: path, byKey: map[string]*archivedResponse{}, payloads: l.payloads, limits: l}
	if err := r.index(data, l.record); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadArchive, path, err)
	}
	if err := r.resolve(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadArchive, path, err)
	}
	return r, nil
}

// decompressArchive undoes gzip, whether per record (many members) or over
// the whole file, stopping at limit inflated bytes; a cut-off gzip stream
// or one that inflates beyond limit is an error. It inflates twice: once
// to measure, so that a bomb costs CPU but no memory, then into a buffer
// of exactly the right size.
func decompressArchive(raw []byte, limit int64) ([]byte, error) {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return raw, nil
	}
	size, err := inflate(raw, io.Discard, limit)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(size))
	if _, err := inflate(raw, &buf, limit); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inflate writes the gunzipped raw to w and returns its size.
func inflate(raw []byte, w io.Writer, limit int64) (int64, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return 0, fmt.Errorf("gzip: %w", err)
	}
	n, err := io.Copy(w, io.LimitReader(zr, limit+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return 0, errors.New("truncated gzip stream (the file was cut short)")
	case err != nil:
		return 0, fmt.Errorf("gzip: %w", err)
	case n > limit:
		return 0, fmt.Errorf("inflates beyond the archive limit of %d bytes", limit)
	}
	return n, nil
}

// index reads every record and keeps the HTTP responses.
// gowarc is third-party code reading hostile input: a panic in it is
// reported as a bad archive, never a crash.
func (r *Replay) index(data []byte, recordLimit int64) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable WARC (the reader panicked: %v)", p)
		}
	}()
	reader, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn),
		gowarc.WithBufferMaxMemBytes(int64(len(data))+4096))
	if err != nil {
		return err
	}
	defer reader.Close()
	n := 0
	for rec, err := range reader.Records() {
		if err != nil {
			return fmt.Errorf("record %d at offset %d: %w", n+1, rec.Offset, err)
		}
		n++
		resp, err := decodeRecord(rec, data, recordLimit)
		_ = rec.Close()
		if err != nil {
			return fmt.Errorf("record %d at offset %d: %w", n, rec.Offset, err)
		}
		if resp != nil {
			r.byKey[replayKey(resp.url)] = resp
			r.own = append(r.own, resp)
		}
	}
	if n == 0 {
		return errors.New("no WARC records")
	}
	return nil
}

// decodeRecord returns the response a record holds, nil for records that
// are not HTTP responses, and an error for a record that is cut short or
// whose block digest does not match.
func decodeRecord(rec gowarc.Record, data []byte, limit int64) (*archivedResponse, error) {
	wr := rec.WarcRecord
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) {
			return nil, fmt.Errorf("truncated: %d of %d bytes", cl.Actual, cl.Expected)
		}
		var de *gowarc.DigestError
		if errors.As(v, &de) && strings.HasPrefix(v.Error(), "block:") {
			return nil, fmt.Errorf("corrupt: %v", v)
		}
		// A payload digest may legitimately disagree (tools differ on
		// whether it covers the chunked or the decoded body); other
		// findings are style, not damage.
	}
	field := func(name string) string {
		v := wr.WarcHeader().Get(name)
		if v == "" && rec.Offset >= 0 && rec.Offset < int64(len(data)) {
			// gowarc blanks a field that fails its validation, such as the
			// "<http://...>" some tools write; the raw header still has it.
			v = rawHeaderField(data[rec.Offset:], name)
		}
		return strings.Trim(strings.TrimSpace(v), "<>")
	}
	if wr.Type() == gowarc.Revisit {
		return decodeRevisit(wr, field)
	}
	if wr.Type() != gowarc.Response {
		return nil, nil
	}
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, nil // a response record holding something other than HTTP
	}
	target := field(gowarc.WarcTargetURI)
	if target == "" {
		return nil, nil // nothing to serve it as
	}
	date, _ := time.Parse(time.RFC3339Nano, field(gowarc.WarcDate))
	if n, err := strconv.ParseInt(field(gowarc.ContentLength), 10, 64); err == nil && n > limit {
		// Too big to serve: refused like a live body over the cap.
		return &archivedResponse{url: target, date: date.UTC(), truncated: true, overLimit: limit}, nil
	}
	if wr.WarcHeader().Has(gowarc.WarcTruncated) {
		// Only the refusal is replayed; the cut body is never served.
		return &archivedResponse{url: target, date: date.UTC(), truncated: true}, nil
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", target, err)
	}
	msg := io.MultiReader(bytes.NewReader(block.ProtocolHeaderBytes()), payload)
	resp, err := http.ReadResponse(bufio.NewReader(msg), nil)
	if err != nil {
		return nil, fmt.Errorf("read HTTP response for %s: %w", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		// A body shorter than its HTTP Content-Length, in a record that is
		// itself whole, is what the server sent: serve what was archived.
		return nil, fmt.Errorf("read HTTP body for %s: %w", target, err)
	}
	h := resp.Header
	h.Del("Transfer-Encoding")
	if inflatesBeyond(h, body, limit) {
		return &archivedResponse{url: target, date: date.UTC(), truncated: true, overLimit: limit}, nil
	}
	return &archivedResponse{
		url:    target,
		status: resp.StatusCode,
		proto:  resp.Proto,
		header: h,
		body:   body,
		date:   date.UTC(),
		ref:    PayloadRef{RecordID: field(gowarc.WarcRecordID), URI: target, Date: date.UTC(), Digest: PayloadDigest(body)},
	}, nil
}

// RoundTrip answers req from the archive. A URL the archive lacks is an
// error wrapping ErrNotInArchive, except robots.txt, which is answered 404
// ("no rules") so that an archive written with robots ignored still
// replays. A response archived as truncated is ErrTooLarge, as it was live.
func (r *Replay) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	a, ok := r.byKey[replayKey(req.URL.String())]
	if !ok {
		if req.URL.Path == "/robots.txt" {
			return replayResponse(req, &archivedResponse{status: http.StatusNotFound, header: http.Header{"Content-Type": {"text/plain"}}}), nil
		}
		return nil, fmt.Errorf("%w %s: %s", ErrNotInArchive, r.path, req.URL)
	}
	switch {
	case a.truncated && a.overLimit > 0:
		return nil, fmt.Errorf("%s: %w (the archived record is over the replay limit of %d bytes)", req.URL, ErrTooLarge, a.overLimit)
	case a.truncated:
		return nil, fmt.Errorf("%s: %w (archived truncated)", req.URL, ErrTooLarge)
	}
	return replayResponse(req, a), nil
}

func replayResponse(req *http.Request, a *archivedResponse) *http.Response {
	proto := a.proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	major, minor, ok := http.ParseHTTPVersion(proto)
	if !ok {
		proto, major, minor = "HTTP/1.1", 1, 1
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", a.status, http.StatusText(a.status)),
		StatusCode:    a.status,
		Proto:         proto,
		ProtoMajor:    major,
		ProtoMinor:    minor,
		Header:        a.header.Clone(),
		Body:          newBufferedBody(a.body, a.date),
		ContentLength: int64(len(a.body)),
		Request:       req,
	}
}

// URLs lists the archived response URLs, sorted, as the archive spells them.
func (r *Replay) URLs() []string {
	out := make([]string, 0, len(r.byKey))
	for _, a := range r.byKey {
		out = append(out, a.url)
	}
	slices.Sort(out)
	return out
}

// replayKey normalises a URL for lookup: the scheme and host are
// case-insensitive, a default port and a fragment say nothing, and an empty
// path is "/", which is how colly requests it.
func replayKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && u.Port() == "80":
		u.Host = strings.TrimSuffix(u.Host, ":80")
	case u.Scheme == "https" && u.Port() == "443":
		u.Host = strings.TrimSuffix(u.Host, ":443")
	}
	if u.Path == "" && u.Opaque == "" {
		u.Path = "/"
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// rawHeaderField reads a field from the WARC header at the start of rec,
// which ends at the first empty line.
func rawHeaderField(rec []byte, name string) string {
	for line := range bytes.Lines(rec) {
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), name) {
			return string(bytes.TrimSpace(v))
		}
	}
	return ""
}

// preview is the start of a file, for an error message.
func preview(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) > 24 {
		data = data[:24]
	}
	return string(data)
}

// inflatesBeyond says whether an archived body, once its content codings
// are undone, is over limit bytes. It inflates into nothing, so it costs
// time bounded by limit and no memory; a body that cannot be decoded is
// left for the transport to refuse when it is fetched.
func inflatesBeyond(h http.Header, body []byte, limit int64) bool {
	r, decoded, err := inflated(h, bytes.NewReader(body))
	if err != nil || !decoded {
		return false
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(r, limit+1))
	return n > limit
}
