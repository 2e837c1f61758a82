// Package warciojs_test proves that citynets' archives, revisit records
// and all, open in a reader that shares no code with gowarc: warcio.js
// (Webrecorder's, as pywb and replayweb.page use), run by node on
// read.mjs. Its npm package is pinned by package-lock.json here; install
// it with
//
//	npm ci --prefix internal/jsreaders/warcio
//
// (.ci/run does). Without node or it the test skips, but with CI set it
// fails.
package warciojs_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
	_ "github.com/citynets/citynets/scrapers/all"
	"github.com/citynets/citynets/scrapers/fetch"
)

// jsRecord is what read.mjs prints for one record.
type jsRecord struct {
	File          string `json:"file"`
	Offset        int64  `json:"offset"`
	Length        int64  `json:"length"`
	Type          string `json:"type"`
	ID            string `json:"id"`
	URI           string `json:"uri"`
	Date          string `json:"date"`
	Profile       string `json:"profile"`
	RefersTo      string `json:"refersTo"`
	RefersToURI   string `json:"refersToURI"`
	RefersToDate  string `json:"refersToDate"`
	PayloadDigest string `json:"payloadDigest"`
	Status        int    `json:"status"`
	SHA1          string `json:"sha1"`
}

const (
	profileIdentical   = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
	profileNotModified = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
)

// TestWarcioReadsDeduplicatedStore commits three demo nights (the second
// and third store every page as a revisit), reads every archive with
// warcio.js, then prunes to one snapshot and reads again: every record
// must be where the store's own reading puts it, every response's payload
// must hash to its WARC-Payload-Digest, and every revisit must name its
// profile, its target, date and record id, and refer to a response record
// warcio itself found, with that digest, URI and date.
func TestWarcioReadsDeduplicatedStore(t *testing.T) {
	requireReader(t)
	store := t.TempDir()
	for range 3 {
		_, err := pipeline.Run(context.Background(), pipeline.Options{
			StoreDir: store, Replay: "../../../examples/sample.warc.gz", SpecsDir: "../../../examples/specs",
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := checkStore(t, store); n == 0 {
		t.Fatal("no revisit records: the store is not deduplicated")
	}
	s, err := output.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prune(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	checkStore(t, store)
}

// TestWarcioReadsBackfilledStore backfills the demo (C40 and ICLEI once a
// year, replayed from the recorded Wayback session), whose steps share
// captures: their archives, compacted into revisits just before each step
// is committed, must read in warcio.js as a nightly store's do.
func TestWarcioReadsBackfilledStore(t *testing.T) {
	requireReader(t)
	store := t.TempDir()
	o := pipeline.BackfillOptions{
		Options: pipeline.Options{StoreDir: store, Networks: "c40,iclei", SpecsDir: "../../../examples/specs",
			Replay: "../../../examples/wayback-sample.warc.gz"},
		From: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Every: pipeline.Period{Months: 12},
	}
	if _, err := pipeline.Backfill(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if n := checkStore(t, store); n == 0 {
		t.Fatal("no revisit records: the backfill's archives are not deduplicated")
	}
}

// checkStore reads every archive of store with warcio and checks it; it
// returns the number of revisits.
func checkStore(t *testing.T, store string) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(store, "snapshots", "*", output.RawWARC))
	moved, _ := filepath.Glob(filepath.Join(store, output.PayloadsDir, "*.warc.gz"))
	files = append(files, moved...)
	recs := readJS(t, files...)
	for _, f := range files {
		checkOffsets(t, f, recs)
	}
	responses := map[string]jsRecord{}
	for _, r := range recs {
		if r.Type == "response" {
			responses[r.ID] = r
			if r.PayloadDigest != r.SHA1 {
				t.Errorf("%s: response %s: WARC-Payload-Digest %s, warcio hashes %s", filepath.Base(r.File), r.URI, r.PayloadDigest, r.SHA1)
			}
		}
	}
	revisits := 0
	for _, r := range recs {
		if r.Type != "revisit" {
			continue
		}
		revisits++
		if r.Profile != profileIdentical && r.Profile != profileNotModified {
			t.Errorf("revisit of %s: profile %q", r.URI, r.Profile)
		}
		src, ok := responses[r.RefersTo]
		switch {
		case !ok:
			t.Errorf("revisit of %s refers to %s, which warcio found in no archive of the store", r.URI, r.RefersTo)
		case src.SHA1 != r.PayloadDigest || src.URI != r.RefersToURI || src.Date != r.RefersToDate:
			t.Errorf("revisit of %s (digest %s, %s at %s) refers to a response with digest %s, %s at %s",
				r.URI, r.PayloadDigest, r.RefersToURI, r.RefersToDate, src.SHA1, src.URI, src.Date)
		}
	}
	return revisits
}

// checkOffsets compares warcio's record offsets with the store's reading.
func checkOffsets(t *testing.T, file string, recs []jsRecord) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := output.ScanArchive(raw)
	if err != nil {
		t.Fatal(err)
	}
	var theirs []jsRecord
	for _, r := range recs {
		if r.File == file {
			theirs = append(theirs, r)
		}
	}
	if len(theirs) != len(ours) {
		t.Fatalf("%s: warcio read %d records, the store %d", file, len(theirs), len(ours))
	}
	for i, r := range theirs {
		if o := ours[i]; r.Offset != o.Offset || r.Type != o.Type || strings.Trim(r.ID, "<>") != o.ID {
			t.Errorf("%s record %d: warcio %s %s at %d, the store %s %s at %d", file, i, r.Type, r.ID, r.Offset, o.Type, o.ID, o.Offset)
		}
	}
}

// requireReader skips (fails, with CI set) when node or warcio is missing.
func requireReader(t *testing.T) {
	t.Helper()
	var missing string
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join("node_modules", "warcio")); err != nil {
		missing = "warcio is not installed (npm ci --prefix internal/jsreaders/warcio)"
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(missing)
	}
	t.Skip(missing)
}

// readJS runs read.mjs on files and decodes one record per line.
func readJS(t *testing.T, files ...string) []jsRecord {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", append([]string{"read.mjs"}, files...)...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, stderr.Bytes())
	}
	var recs []jsRecord
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r jsRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("read.mjs printed %.200q: %v", sc.Bytes(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestWarcioReadsNotModified archives two nights of a site that answers
// If-None-Match with 304: warcio must read the second night's revisit
// (profile server-not-modified) as referring to the first night's
// response.
func TestWarcioReadsNotModified(t *testing.T) {
	requireReader(t)
	const etag = `"v1"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, "<html><body><ul><li>Lagos</li><li>Lima</li></ul></body></html>")
	}))
	defer srv.Close()
	dir := t.TempDir()
	var prior *fetch.Replay
	var files []string
	for _, name := range []string{"one.warc.gz", "two.warc.gz"} {
		path := filepath.Join(dir, name)
		w, err := fetch.CreateWARC(path)
		if err != nil {
			t.Fatal(err)
		}
		w.Deduplicate(fetch.NewHistory(prior, nil))
		tr := fetch.NewTransport(srv.Client().Transport, fetch.Config{Delay: -1, Retries: -1}, w, nil)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/members", nil)
		if _, err := tr.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
		if len(files) == 1 {
			if prior, err = fetch.OpenReplay(path); err != nil {
				t.Fatal(err)
			}
		}
	}
	recs := readJS(t, files...)
	var first, revisit jsRecord
	for _, r := range recs {
		switch {
		case r.Type == "response" && r.File == files[0]:
			first = r
		case r.Type == "revisit":
			revisit = r
		}
	}
	if revisit.Profile != profileNotModified || revisit.Status != http.StatusNotModified {
		t.Fatalf("second night: %+v, want a server-not-modified revisit of a 304", revisit)
	}
	if revisit.RefersTo != first.ID || revisit.RefersToURI != first.URI || revisit.RefersToDate != first.Date || revisit.PayloadDigest != first.SHA1 {
		t.Errorf("the revisit %+v does not refer to the first night's response %+v", revisit, first)
	}
}
