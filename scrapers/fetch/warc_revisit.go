package fetch

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// archiveWrite is what writing one exchange put in the archive.
type archiveWrite struct {
	bytes   int64 // the archive grew by this much
	revisit bool  // as a revisit record, without its body
}

// countingWriter counts the bytes that reach the file.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Deduplicate makes the writer store each payload once: a response whose
// payload this file or h's store already holds is written as a revisit
// record (profile identical-payload-digest) without its request record,
// and the transport writes a 304 to a conditional request as a revisit
// (profile server-not-modified). Call it before the first exchange.
func (w *WARCWriter) Deduplicate(h *History) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.history = h
}

// history is the writer's history; nil when it does not deduplicate.
func (w *WARCWriter) historyOf() *History {
	if w == nil {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.history
}

// dedupable says whether an exchange's payload may be stored by
// reference: a whole body, whatever its status (the revisit keeps the
// status and headers). Even an empty one: its revisit is no bigger than
// its response, and saves the request record and an index entry.
func dedupable(ex warcExchange) bool {
	return !ex.Truncated
}

// storedPayload finds the record that already holds ex's payload. The
// caller holds mu.
func (w *WARCWriter) storedPayload(ex warcExchange) (PayloadRef, bool) {
	if w.history == nil || !dedupable(ex) {
		return PayloadRef{}, false
	}
	d := PayloadDigest(ex.Body)
	if c, ok := w.written[d]; ok {
		return c, true
	}
	return w.history.stored(d)
}

// writeRevisitOf archives ex as a revisit of ref with the given profile:
// a 304 answer to a conditional request (ProfileNotModified) confirms the
// capture ref; a page taken from the last night's archive instead of
// fetched (ProfileIdenticalPayload) is ref's bytes, dated when it was last
// fetched.
func (w *WARCWriter) writeRevisitOf(ex warcExchange, ref PayloadRef, profile string) (archiveWrite, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return archiveWrite{}, err
	}
	date := ex.Date.UTC()
	if date.IsZero() {
		date = time.Now().UTC()
	}
	return w.writeRevisit(ex, date, profile, ref, w.size.n+int64(w.buf.Buffered()))
}

// writeRevisit writes one revisit record: the HTTP status line and headers
// of ex, no body, and where the payload is (WARC 1.1, 6.7). The request
// record is not written: the payload it fetched is stored elsewhere, and
// so is the request that first fetched it. The caller holds mu.
func (w *WARCWriter) writeRevisit(ex warcExchange, date time.Time, profile string, ref PayloadRef, start int64) (archiveWrite, error) {
	head := ex
	head.Body = nil
	rec, err := w.revisitRecord(ex.URL, date, profile, ref, responseBlock(head))
	if err != nil {
		return archiveWrite{}, err
	}
	if err := w.writeRecord(rec); err != nil {
		return archiveWrite{}, err
	}
	return w.flushed(start, true)
}

// revisitRecord builds a revisit record of url whose block is httpHead,
// the response's status line and headers. The caller holds mu.
func (w *WARCWriter) revisitRecord(url string, date time.Time, profile string, ref PayloadRef, httpHead []byte) (gowarc.WarcRecord, error) {
	// No block digest and no WARC-Warcinfo-ID (both optional): a revisit
	// is a few hundred bytes, most of them ids and digests that do not
	// compress; the manifest hashes the whole archive anyway, and the
	// file's one warcinfo record opens it.
	b := gowarc.NewRecordBuilder(gowarc.Revisit, gowarc.WithAddMissingDigest(false))
	if w.fixed {
		b.AddWarcHeader(gowarc.WarcRecordID, "<"+w.fixedID("revisit "+url)+">")
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	b.AddWarcHeader(gowarc.WarcTargetURI, url)
	b.AddWarcHeader(gowarc.WarcProfile, profile)
	if ref.RecordID != "" {
		b.AddWarcHeader(gowarc.WarcRefersTo, "<"+ref.RecordID+">")
	}
	b.AddWarcHeader(gowarc.WarcRefersToTargetURI, ref.URI)
	if !ref.Date.IsZero() {
		b.AddWarcHeaderTime(gowarc.WarcRefersToDate, ref.Date.UTC())
	}
	if ref.Digest != "" {
		b.AddWarcHeader(gowarc.WarcPayloadDigest, ref.Digest)
	}
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	if _, err := b.Write(httpHead); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("build revisit record for %s: %w", url, err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build revisit record for %s: %w", url, err)
	}
	return rec, nil
}

// notModified answers a 304 to a conditional request: it archives the 304
// as a revisit of the prior capture and returns the prior body as a 200,
// so the scraper reads the page it already knows.
func (t *Transport) notModified(req *http.Request, ex *exchange, prior *archivedResponse) (*http.Response, error) {
	t.Counters.add(notModifiedOf, 1)
	if t.Archive != nil {
		a, err := t.Archive.writeRevisitOf(archivedExchange(ex), prior.ref, ProfileNotModified)
		if err != nil {
			return nil, fmt.Errorf("archive %s: %w", req.URL, err)
		}
		t.count(a)
	}
	resp := replayResponse(req, prior)
	resp.Body = newBufferedBody(prior.body, ex.fetchedAt)
	resp.Uncompressed = true
	return resp, nil
}

// count adds one archived exchange to the counters.
func (t *Transport) count(a archiveWrite) {
	t.Counters.add(storedOf, a.bytes)
	if a.revisit {
		t.Counters.add(revisitsOf, 1)
	}
}
