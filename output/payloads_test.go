package output

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// warcRec is one record of a hand-made archive.
type warcRec struct {
	typ, id, uri, body, digest string // digest: WARC-Payload-Digest of a revisit
}

// gzWARC writes records as a .warc.gz, one gzip member each.
func gzWARC(recs ...warcRec) []byte {
	var out bytes.Buffer
	for _, r := range recs {
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + r.body
		head := fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\nWARC-Date: 2026-11-27T02:00:00Z\r\n", r.typ, r.id, r.uri)
		if r.typ == "revisit" {
			head += "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\nWARC-Payload-Digest: " + r.digest + "\r\n"
			block = "HTTP/1.1 200 OK\r\n\r\n"
		}
		zw := gzip.NewWriter(&out)
		fmt.Fprintf(zw, "%sContent-Length: %d\r\n\r\n%s\r\n\r\n", head, len(block), block)
		zw.Close()
	}
	return out.Bytes()
}

// commitArchive commits snapshot id with archive as its raw.warc.gz.
func commitArchive(t *testing.T, s *Store, id string, archive []byte) {
	t.Helper()
	ctx := context.Background()
	txn, err := s.Begin(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	defer txn.Abort()
	if err := os.WriteFile(filepath.Join(txn.Dir(), RawWARC), archive, 0o644); err != nil {
		t.Fatal(err)
	}
	m := &Manifest{ToolVersion: "test", Gazetteer: GazetteerInfo{Name: "test", SHA256: strings.Repeat("0f", 32)},
		Networks: map[string]NetworkStatus{"c40": {Status: StatusOK, Members: len(sampleMembers())}}}
	if err := txn.Commit(ctx, m, sampleTables()); err != nil {
		t.Fatal(err)
	}
}

// TestPayloadIndexAndPrune builds three nights: the first stores page a,
// the second (a legacy night, before deduplication) stores a again and b,
// the third refers to both. The index resolves to the oldest copy, and
// keeps resolving as prune removes the nights that hold them; verify
// catches a revisit whose payload is gone.
func TestPayloadIndexAndPrune(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	a, b := payloadDigest([]byte("page a")), payloadDigest([]byte("page b"))
	ids := []string{"20261125T020000Z-aaa", "20261126T020000Z-bbb", "20261127T020000Z-ccc"}
	commitArchive(t, s, ids[0], gzWARC(warcRec{typ: "response", id: "1", uri: "https://x/a", body: "page a"}))
	commitArchive(t, s, ids[1], gzWARC(
		warcRec{typ: "response", id: "2", uri: "https://x/a", body: "page a"},
		warcRec{typ: "response", id: "3", uri: "https://x/b", body: "page b"}))
	commitArchive(t, s, ids[2], gzWARC(
		warcRec{typ: "revisit", id: "4", uri: "https://x/a", digest: a},
		warcRec{typ: "revisit", id: "5", uri: "https://x/b", digest: b}))

	idx, err := s.RefreshPayloads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := idx.Lookup(a); !ok || r.RecordID != "urn:uuid:1" || !strings.Contains(r.File, ids[0]) {
		t.Errorf("payload a resolves to %+v, want the first night's record 1", r)
	}
	if err := s.VerifyAll(ctx); err != nil {
		t.Fatalf("verify: %v", err)
	}

	if _, err := s.Prune(ctx, 2); err != nil {
		t.Fatal(err)
	}
	idx, err = s.Payloads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := idx.Lookup(a); !ok || r.RecordID != "urn:uuid:2" {
		t.Errorf("after pruning the first night, payload a resolves to %+v, want the second night's record 2", r)
	}
	if moved, _ := os.ReadDir(filepath.Join(s.Dir(), PayloadsDir)); len(moved) != 0 {
		t.Errorf("prune moved %d files, but a kept night holds every payload referred to", len(moved))
	}

	if _, err := s.Prune(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAll(ctx); err != nil {
		t.Fatalf("verify after prune --keep 1: %v", err)
	}
	idx, _ = s.Payloads(ctx)
	for _, d := range []string{a, b} {
		if r, ok := idx.Lookup(d); !ok || !strings.HasPrefix(r.File, PayloadsDir+"/") {
			t.Errorf("after prune --keep 1, payload %s resolves to %+v, want payloads/", d, r)
		}
	}

	// A revisit whose payload the store lost fails verification.
	if err := os.RemoveAll(filepath.Join(s.Dir(), PayloadsDir)); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ctx, ids[2]); err == nil || !strings.Contains(err.Error(), "does not hold") {
		t.Errorf("verify with the payloads gone: %v, want the dangling revisits named", err)
	}
}

// TestPruneCrashAfterMove stops a prune after it moved a snapshot's
// records to payloads/ but before it removed the snapshot (a crash there):
// the store verifies with the payload in both places, and the next prune
// finishes the job.
func TestPruneCrashAfterMove(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	a := payloadDigest([]byte("page a"))
	ids := []string{"20261126T020000Z-aaa", "20261127T020000Z-bbb"}
	commitArchive(t, s, ids[0], gzWARC(
		warcRec{typ: "warcinfo", id: "0", uri: "", body: ""},
		warcRec{typ: "response", id: "1", uri: "https://x/a", body: "page a"}))
	commitArchive(t, s, ids[1], gzWARC(warcRec{typ: "revisit", id: "2", uri: "https://x/a", digest: a}))

	plan, err := s.planRescue(ctx, ids[1:], ids[:1])
	if err != nil {
		t.Fatal(err)
	}
	if len(plan[ids[0]]) != 1 {
		t.Fatalf("rescue plan %v, want the one response record", plan)
	}
	if err := s.moveRecords(ids[0], plan[ids[0]]); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAll(ctx); err != nil {
		t.Fatalf("verify after the move, before the removal: %v", err)
	}
	if _, err := s.Prune(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAll(ctx); err != nil {
		t.Fatalf("verify after the next prune: %v", err)
	}
	idx, err := s.Payloads(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := idx.Lookup(a); !ok || r.RecordID != "urn:uuid:1" || r.File != PayloadsDir+"/"+ids[0]+".warc.gz" {
		t.Errorf("payload a resolves to %+v, want record 1 in payloads/", r)
	}
	raw, _ := os.ReadFile(filepath.Join(s.Dir(), PayloadsDir, ids[0]+".warc.gz"))
	recs, err := ScanArchive(raw)
	if err != nil || len(recs) != 2 || recs[0].Type != "warcinfo" || recs[1].ID != "urn:uuid:1" {
		t.Errorf("payloads/%s.warc.gz holds %+v (%v), want its warcinfo and record 1", ids[0], recs, err)
	}
}

// FuzzScanArchive: whatever the bytes, scanning an archive never panics,
// and every record it lists lies inside the file.
func FuzzScanArchive(f *testing.F) {
	f.Add(gzWARC(warcRec{typ: "response", id: "1", uri: "https://x/a", body: "page a"},
		warcRec{typ: "revisit", id: "2", uri: "https://x/a", digest: "sha1:X"}))
	f.Add([]byte(rawWARC))
	f.Add(gzWARC(warcRec{typ: "response", id: "1", uri: "https://x/a", body: "page a"})[:20])
	f.Fuzz(func(t *testing.T, raw []byte) {
		recs, _ := ScanArchive(raw)
		for _, r := range recs {
			if r.Offset < 0 || r.Length <= 0 || r.Offset+r.Length > int64(len(raw)) {
				t.Fatalf("record %+v outside the %d-byte file", r, len(raw))
			}
		}
	})
}

// TestPayloadsSurviveADamagedArchive: an archive cut short (its hash no
// longer matches, which verify reports) still gives the payloads before
// the cut, and does not stop the index being built.
func TestPayloadsSurviveADamagedArchive(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	whole := gzWARC(warcRec{typ: "response", id: "1", uri: "https://x/a", body: "page a"},
		warcRec{typ: "response", id: "2", uri: "https://x/b", body: "page b"})
	commitArchive(t, s, "20261126T020000Z-aaa", whole)
	path := filepath.Join(s.Path("20261126T020000Z-aaa"), RawWARC)
	if err := os.WriteFile(path, whole[:len(whole)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	idx, err := s.RefreshPayloads(ctx)
	if err != nil {
		t.Fatalf("a damaged archive stopped the index: %v", err)
	}
	if _, ok := idx.Lookup(payloadDigest([]byte("page a"))); !ok {
		t.Error("the payload before the damage is not indexed")
	}
	if err := s.Verify(ctx, "20261126T020000Z-aaa"); err == nil {
		t.Error("verify passes a damaged archive")
	}
}
