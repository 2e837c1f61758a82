package fetch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeArchive writes exchanges to a new archive at path, without
// deduplicating, as a backfill step's archive is written.
func writeArchive(t testing.TB, path string, exs ...warcExchange) {
	t.Helper()
	w, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range exs {
		if _, err := w.writeExchange(ex); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func page(url, body string) warcExchange {
	return warcExchange{Method: "GET", URL: url, Status: 200, Header: map[string][]string{"Content-Type": {"text/html"}},
		Body: []byte(body), Date: time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)}
}

// TestCompact checks that Compact stores each payload once — a payload the
// store holds and a second copy within the file become revisits, their
// request records go — that everything else is copied byte for byte, and
// that the compacted archive replays to the same pages as the original.
func TestCompact(t *testing.T) {
	dir := t.TempDir()
	stored := filepath.Join(dir, "stored.warc.gz")
	writeArchive(t, stored, page("http://a.test/old", "beta "+noise(4000)))
	idx := fileIndex{}
	idx.add(t, stored)

	path := filepath.Join(dir, "raw.warc.gz")
	cut := page("http://a.test/cut", "gamma "+noise(4000))
	cut.Truncated = true
	writeArchive(t, path,
		page("http://a.test/1", "alpha "+noise(4000)),
		page("http://a.test/2", "beta "+noise(4000)),  // in the store
		page("http://a.test/3", "alpha "+noise(4000)), // earlier in the file
		cut,
		page("http://a.test/4", "gamma "+noise(4000)), // the truncated copy holds no payload
	)
	before, err := OpenReplay(path, WithPayloads(idx))
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(path)

	rep, err := Compact(context.Background(), path, idx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Revisits != 2 {
		t.Errorf("%d revisits, want 2 (pages 2 and 3)", rep.Revisits)
	}
	for u, target := range map[string]string{"http://a.test/2": "http://a.test/old", "http://a.test/3": "http://a.test/1"} {
		m := memberOf(t, path, u, "revisit")
		if got := rawHeaderField(m.record, "WARC-Refers-To-Target-URI"); got != target {
			t.Errorf("%s refers to %s, want %s", u, got, target)
		}
		if got := rawHeaderField(m.record, "WARC-Date"); got != "2021-03-04T05:06:07Z" {
			t.Errorf("%s: revisit dated %s, want the capture's date", u, got)
		}
	}
	st, _ := os.Stat(path)
	if rep.Before != int64(len(orig)) || rep.After != st.Size() || rep.After >= rep.Before {
		t.Errorf("sizes: before %d (file was %d), after %d (file is %d)", rep.Before, len(orig), rep.After, st.Size())
	}
	text := inflateAll(t, path)
	if n := strings.Count(text, "WARC-Type: request"); n != 3 {
		t.Errorf("%d request records, want 3 (those of the revisited pages dropped)", n)
	}
	if n := strings.Count(text, "WARC-Profile: "+ProfileIdenticalPayload); n != 2 {
		t.Errorf("%d identical-payload revisits, want 2", n)
	}

	after, err := OpenReplay(path, WithPayloads(idx))
	if err != nil {
		t.Fatalf("the compacted archive does not replay: %v", err)
	}
	for _, u := range before.URLs() {
		a, b := before.byKey[replayKey(u)], after.byKey[replayKey(u)]
		if b == nil || !bytes.Equal(a.body, b.body) || a.status != b.status || !a.date.Equal(b.date) {
			t.Errorf("%s replays differently after compaction", u)
		}
	}
	kept := []string{"http://a.test/1", "http://a.test/4"}
	for _, u := range kept {
		if m := memberOf(t, path, u, "response"); !bytes.Contains(orig, m.raw) {
			t.Errorf("%s: the record was not copied byte for byte", u)
		}
	}
}

// TestCompactNothingToDo checks that an archive with no payload stored
// twice is left untouched, and that a file that is not a gzipped archive
// is refused without being changed.
func TestCompactNothingToDo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "raw.warc.gz")
	writeArchive(t, path, page("http://a.test/1", "one"), page("http://a.test/2", "two"))
	orig, _ := os.ReadFile(path)
	rep, err := Compact(context.Background(), path, fileIndex{})
	if err != nil || rep.Revisits != 0 || rep.After != rep.Before {
		t.Errorf("Compact = %+v, %v; want nothing done", rep, err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, orig) {
		t.Error("an archive with nothing to compact was rewritten")
	}
	bad := filepath.Join(dir, "bad.warc.gz")
	if err := os.WriteFile(bad, []byte("WARC/1.1\r\nnot gzipped"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Compact(context.Background(), bad, fileIndex{}); err == nil {
		t.Error("Compact of a file that is not gzipped: no error")
	}
	if now, _ := os.ReadFile(bad); string(now) != "WARC/1.1\r\nnot gzipped" {
		t.Error("a refused file was changed")
	}
	if left, _ := os.ReadDir(dir); len(left) != 2 {
		t.Errorf("%d files in the folder, want the two archives: a compaction left a temporary file", len(left))
	}
}

// foundRecord is a record of an archive: its gzip member and what it inflates to.
type foundRecord struct{ raw, record []byte }

// memberOf returns the record of url of the given type.
func memberOf(t *testing.T, path, url, typ string) foundRecord {
	t.Helper()
	raw, _ := os.ReadFile(path)
	ms, err := gzipMembers(raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if rawHeaderField(m.record, "WARC-Type") == typ && rawHeaderField(m.record, "WARC-Target-URI") == url {
			return foundRecord{raw[m.off:m.end], m.record}
		}
	}
	t.Fatalf("no %s record of %s", typ, url)
	return foundRecord{nil, nil}
}

// TestCompactRepointsRevisits checks that a revisit the writer made within
// the file follows its response when that becomes a revisit of a stored
// record, so that no revisit names a record the file no longer holds.
func TestCompactRepointsRevisits(t *testing.T) {
	dir := t.TempDir()
	stored := filepath.Join(dir, "stored.warc.gz")
	writeArchive(t, stored, page("http://b.test/robots.txt", "User-agent: *"))
	idx := fileIndex{}
	idx.add(t, stored)
	storedID := idx[PayloadDigest([]byte("User-agent: *"))].RecordID

	path := filepath.Join(dir, "raw.warc.gz")
	w, err := CreateWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	w.Deduplicate(NewHistory(nil, nil)) // within the file only, as a backfill step is read
	for _, u := range []string{"http://a.test/robots.txt", "http://c.test/robots.txt"} {
		if _, err := w.writeExchange(page(u, "User-agent: *")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if rev := memberOf(t, path, "http://c.test/robots.txt", "revisit"); rawHeaderField(rev.record, "WARC-Refers-To-Target-URI") != "http://a.test/robots.txt" {
		t.Fatal("the writer did not deduplicate within the file")
	}

	rep, err := Compact(context.Background(), path, idx)
	if err != nil || rep.Revisits != 1 {
		t.Fatalf("Compact = %+v, %v; want one response made a revisit", rep, err)
	}
	for _, u := range []string{"http://a.test/robots.txt", "http://c.test/robots.txt"} {
		rev := memberOf(t, path, u, "revisit")
		if got := strings.Trim(rawHeaderField(rev.record, "WARC-Refers-To"), "<>"); got != storedID {
			t.Errorf("%s refers to %s, want the stored record %s", u, got, storedID)
		}
	}
	r, err := OpenReplay(path, WithPayloads(idx))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range r.URLs() {
		if string(r.byKey[replayKey(u)].body) != "User-agent: *" {
			t.Errorf("%s replays %q", u, r.byKey[replayKey(u)].body)
		}
	}
}

// FuzzCompact hands the compaction arbitrary bytes: it must never panic,
// and when they were an archive that replays, the compacted archive must
// replay to the same pages. (In memory: Compact itself adds only the
// atomic write, and its fsyncs would slow the fuzzer to a crawl.)
func FuzzCompact(f *testing.F) {
	seed := filepath.Join(f.TempDir(), "seed.warc.gz")
	writeArchive(f, seed, page("http://a.test/1", "one"), page("http://a.test/2", "one"), page("http://a.test/3", "three"))
	raw, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Add([]byte("WARC/1.1\r\n\r\n"))
	limits := replayLimits{record: defaultRecordLimit, archive: defaultArchiveLimit}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, rep, err := compactArchive(context.Background(), data, nil)
		if err != nil || out == nil {
			return
		}
		if rep.Revisits == 0 || rep.After != int64(len(out)) {
			t.Fatalf("report %+v for %d bytes out", rep, len(out))
		}
		before, err := openReplayBytes("in", data, limits)
		if err != nil {
			return
		}
		after, err := openReplayBytes("out", out, limits)
		if err != nil {
			t.Fatalf("a replayable archive does not replay once compacted: %v", err)
		}
		for _, u := range before.URLs() {
			a, b := before.byKey[replayKey(u)], after.byKey[replayKey(u)]
			if b == nil || !bytes.Equal(a.body, b.body) || a.status != b.status {
				t.Fatalf("%s replays differently once compacted", u)
			}
		}
	})
}
