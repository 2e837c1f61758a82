package fetch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// WARCWriter appends HTTP exchanges to one WARC/1.1 file: a warcinfo record
// first, then a request and a response record per exchange. A path ending
// in ".gz" is gzipped one member per record, as WARC tools expect, so a
// reader can seek to any record. It is safe for concurrent use; the two
// records of an exchange are always adjacent.
//
// gowarc builds and serialises the records (digests, Content-Length, header
// validation); this type owns the file. gowarc's own WarcFileWriter is not
// used because it names and rotates files itself and stamps warcinfo with
// the wall clock, while a snapshot needs one archive at a path it chooses
// and fixtures need byte-identical output.
type WARCWriter struct {
	mu     sync.Mutex
	f      *os.File
	buf    *bufio.Writer
	gz     *gzip.Writer // nil for an uncompressed .warc
	infoID string
	fixed  bool  // deterministic record ids, for fixtures
	seq    int   // records written, seeds deterministic ids
	err    error // sticky: after a failed write the file is suspect
	closed bool
	path   string

	// history, when set, turns payloads already stored into revisit
	// records; written are the payloads this file holds, by digest.
	history *History
	written map[string]PayloadRef
	size    countingWriter // bytes handed to the file
}

// warcExchange is one request and its final response, as archived.
type warcExchange struct {
	Method        string
	URL           string
	Host          string // Host header sent; empty: the URL's host
	RequestHeader http.Header
	Proto         string // e.g. "HTTP/1.1"; empty means that
	Status        int
	StatusText    string // e.g. "200 OK"; empty: from Status
	Header        http.Header
	Body          []byte
	Date          time.Time
	Truncated     bool // Body was cut at the size cap (WARC-Truncated: length)
}

// CreateWARC creates a new archive at path, refusing to overwrite an
// existing file (an archive is the evidence of a run), and writes its
// warcinfo record. Close it to flush and fsync.
func CreateWARC(path string) (*WARCWriter, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create warc: %w", err)
	}
	w := newWARCWriter(f, path, false)
	if err := w.writeInfo(time.Now().UTC(), "citynets/"+buildVersion()); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, fmt.Errorf("create warc %s: %w", path, err)
	}
	return w, nil
}

func newWARCWriter(f *os.File, path string, fixed bool) *WARCWriter {
	w := &WARCWriter{f: f, fixed: fixed, path: path, written: map[string]PayloadRef{}}
	w.size.w = f
	w.buf = bufio.NewWriterSize(&w.size, 64<<10)
	if strings.HasSuffix(path, ".gz") {
		w.gz, _ = gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	}
	return w
}

// Path is where the archive is written.
func (w *WARCWriter) Path() string { return w.path }

// Close flushes, fsyncs and closes the file. Closing twice is harmless.
func (w *WARCWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.err
	if ferr := w.buf.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	if serr := w.f.Sync(); serr != nil && err == nil {
		err = serr
	}
	if cerr := w.f.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("close warc %s: %w", w.path, err)
	}
	return nil
}

// writeInfo writes the warcinfo record that opens the file.
func (w *WARCWriter) writeInfo(date time.Time, software string) error {
	b := gowarc.NewRecordBuilder(gowarc.Warcinfo, gowarc.WithAddMissingDigest(true))
	if w.fixed {
		b.AddWarcHeader(gowarc.WarcRecordID, "<"+w.fixedID("warcinfo")+">")
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	b.AddWarcHeader(gowarc.WarcFilename, filepath.Base(w.path))
	b.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	fmt.Fprintf(b, "software: %s (github.com/nlnwa/gowarc/v3)\r\n", software)
	fmt.Fprintf(b, "format: WARC File Format 1.1\r\n")
	fmt.Fprintf(b, "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	rec, _, err := b.Build()
	if err != nil {
		return fmt.Errorf("build warcinfo: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.infoID = rec.RecordId()
	if err := w.writeRecord(rec); err != nil {
		return err
	}
	return w.flush()
}

// writeExchange appends a request and a response record, or, when the
// payload is already stored (in this file or, through the history, in an
// earlier one), a revisit record alone. It returns what was written.
func (w *WARCWriter) writeExchange(ex warcExchange) (archiveWrite, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return archiveWrite{}, err
	}
	start := w.size.n + int64(w.buf.Buffered())
	date := ex.Date.UTC()
	if date.IsZero() {
		date = time.Now().UTC()
	}
	if ref, ok := w.storedPayload(ex); ok {
		return w.writeRevisit(ex, date, ProfileIdenticalPayload, ref, start)
	}
	resp, err := w.buildHTTP(gowarc.Response, ex, date, responseBlock(ex), "")
	if err != nil {
		return archiveWrite{}, err
	}
	req, err := w.buildHTTP(gowarc.Request, ex, date, requestBlock(ex), resp.RecordId())
	if err != nil {
		_ = resp.Close()
		return archiveWrite{}, err
	}
	id := resp.RecordId()
	if err := w.writeRecord(req); err != nil {
		_ = resp.Close()
		return archiveWrite{}, err
	}
	if err := w.writeRecord(resp); err != nil {
		return archiveWrite{}, err
	}
	if w.history != nil && dedupable(ex) {
		d := PayloadDigest(ex.Body)
		if _, ok := w.written[d]; !ok {
			w.written[d] = PayloadRef{RecordID: id, URI: ex.URL, Date: date, Digest: d}
		}
	}
	return w.flushed(start, false)
}

// usable says why nothing more may be written. The caller holds mu.
func (w *WARCWriter) usable() error {
	if w.closed {
		return errors.New("warc is closed")
	}
	return w.err
}

// flushed flushes and reports the bytes written since start.
func (w *WARCWriter) flushed(start int64, revisit bool) (archiveWrite, error) {
	if err := w.flush(); err != nil {
		return archiveWrite{}, err
	}
	return archiveWrite{bytes: w.size.n - start, revisit: revisit}, nil
}

// buildHTTP builds a request or response record around an HTTP message.
func (w *WARCWriter) buildHTTP(typ gowarc.RecordType, ex warcExchange, date time.Time, block []byte, concurrentTo string) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(typ,
		gowarc.WithAddMissingDigest(true),
		gowarc.WithBufferMaxMemBytes(int64(len(block))+4096))
	msgtype := "response"
	if typ == gowarc.Request {
		msgtype = "request"
	}
	if w.fixed {
		b.AddWarcHeader(gowarc.WarcRecordID, "<"+w.fixedID(msgtype+" "+ex.URL)+">")
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	if w.infoID != "" {
		b.AddWarcHeader(gowarc.WarcWarcinfoID, "<"+w.infoID+">")
	}
	if concurrentTo != "" {
		b.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+concurrentTo+">")
	}
	if typ == gowarc.Response && ex.Truncated {
		b.AddWarcHeader(gowarc.WarcTruncated, "length")
	}
	if typ == gowarc.Response && w.history != nil {
		// The digest revisits refer by: sha1 base32, as warcio and pywb
		// compare it, where gowarc would write sha256.
		b.AddWarcHeader(gowarc.WarcPayloadDigest, PayloadDigest(ex.Body))
	}
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype="+msgtype)
	if _, err := b.Write(block); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("build %s record for %s: %w", msgtype, ex.URL, err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build %s record for %s: %w", msgtype, ex.URL, err)
	}
	return rec, nil
}

// writeRecord serialises one record, as its own gzip member when
// compressing. The caller holds mu.
func (w *WARCWriter) writeRecord(rec gowarc.WarcRecord) error {
	defer rec.Close()
	var out io.Writer = w.buf
	if w.gz != nil {
		w.gz.Reset(w.buf)
		out = w.gz
	}
	_, _, err := gowarc.NewMarshaler().Marshal(out, rec, 0)
	if err == nil && w.gz != nil {
		err = w.gz.Close()
	}
	if err != nil {
		w.err = fmt.Errorf("write warc %s: %w", w.path, err)
		return w.err
	}
	w.seq++
	return nil
}

// flush pushes buffered records to the file, so an archive cut short by a
// crash still holds every complete exchange. The caller holds mu.
func (w *WARCWriter) flush() error {
	if err := w.buf.Flush(); err != nil {
		w.err = fmt.Errorf("write warc %s: %w", w.path, err)
		return w.err
	}
	return nil
}

// fixedID derives a record id from the record's position and role, so that
// fixture archives are byte-identical from one generation to the next.
func (w *WARCWriter) fixedID(role string) string {
	sum := sha256.Sum256([]byte(strconv.Itoa(w.seq) + " " + role))
	return formatUUID(sum[:16])
}

// formatUUID formats 16 bytes as a urn:uuid, setting the RFC 9562 version
// (8, "custom") and variant bits.
func formatUUID(b []byte) string {
	u := make([]byte, 16)
	copy(u, b)
	u[6] = u[6]&0x0f | 0x80
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// requestBlock is the HTTP request as sent, in wire format.
func requestBlock(ex warcExchange) []byte {
	var b bytes.Buffer
	method := ex.Method
	if method == "" {
		method = http.MethodGet
	}
	target, host := "/", ex.Host
	if u, err := url.Parse(ex.URL); err == nil {
		target = u.RequestURI()
		if host == "" {
			host = u.Host
		}
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, target, host)
	h := ex.RequestHeader.Clone()
	h.Del("Host")
	_ = h.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseBlock is the HTTP response as received: status line, headers as
// the transport reported them (chunking and any content coding already
// undone, Content-Encoding dropped — so the headers and body agree), and
// the body.
func responseBlock(ex warcExchange) []byte {
	var b bytes.Buffer
	proto := ex.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	status := ex.StatusText
	if !strings.HasPrefix(status, strconv.Itoa(ex.Status)) {
		status = fmt.Sprintf("%d %s", ex.Status, http.StatusText(ex.Status))
	}
	fmt.Fprintf(&b, "%s %s\r\n", proto, status)
	h := ex.Header.Clone()
	h.Del("Transfer-Encoding")
	_ = h.Write(&b)
	b.WriteString("\r\n")
	b.Write(ex.Body)
	return b.Bytes()
}

// FixturePage is one response to put in a fixture archive.
type FixturePage struct {
	URL         string
	Status      int    // 0 means 200
	ContentType string // sets the Content-Type header when not empty
	Body        []byte
	Header      http.Header // further response headers
	Date        time.Time   // the WARC-Date; zero means fixtureDate
}

// fixtureDate is the WARC-Date of fixture pages that do not set one.
var fixtureDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteFixtureWARC writes pages as an archive at path (replacing any file
// there), the way the transport would have archived them, so that tests and
// the offline demo replay saved pages through the real fetching code. The
// output is deterministic: the same pages give the same bytes.
func WriteFixtureWARC(path string, pages []FixturePage) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write fixture warc: %w", err)
	}
	w := newWARCWriter(f, path, true)
	err = writeFixturePages(w, pages)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write fixture warc %s: %w", path, err)
	}
	return nil
}

func writeFixturePages(w *WARCWriter, pages []FixturePage) error {
	infoDate := fixtureDate
	if len(pages) > 0 && !pages[0].Date.IsZero() {
		infoDate = pages[0].Date
	}
	if err := w.writeInfo(infoDate.UTC(), "citynets fixture"); err != nil {
		return err
	}
	for _, p := range pages {
		status := p.Status
		if status == 0 {
			status = http.StatusOK
		}
		h := p.Header.Clone()
		if h == nil {
			h = http.Header{}
		}
		if p.ContentType != "" {
			h.Set("Content-Type", p.ContentType)
		}
		h.Set("Content-Length", strconv.Itoa(len(p.Body)))
		date := p.Date
		if date.IsZero() {
			date = fixtureDate
		}
		_, err := w.writeExchange(warcExchange{
			Method:        http.MethodGet,
			URL:           p.URL,
			RequestHeader: http.Header{"User-Agent": {"citynets fixture"}, "Accept": {"*/*"}},
			Status:        status,
			Header:        h,
			Body:          p.Body,
			Date:          date,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
