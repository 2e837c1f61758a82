// Package scrapertest runs a network's scraper over fixture case folders,
// Telegraf style: a new regression case is new files, not new code.
//
// A case folder under a network's testdata/ holds
//
//	urls.tsv        one line per page: URL, file (relative), optional HTTP status
//	<page files>    the HTML each URL answers with
//	expected.jsonl  the members the scraper must yield (golden; -update rewrites)
//	guard.txt       optional: "ok", or a phrase the guard's failure must contain
//	error.txt       optional: a phrase the scrape's error must contain
//	specs/<id>.yaml optional: a spec override used instead of the embedded spec
package scrapertest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// FetchedAt is the fixed fetch time of every fixture page, so that golden
// files are stable.
var FetchedAt = time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)

// MapFetcher serves fixture pages from memory.
type MapFetcher struct {
	Pages map[string]*fetch.Page
}

// Fetch returns the page for url, an *fetch.HTTPError for a fixture with
// an error status, or fetch.ErrNotInArchive.
func (f *MapFetcher) Fetch(ctx context.Context, url string) (*fetch.Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p, ok := f.Pages[url]
	if !ok {
		return nil, fmt.Errorf("%w: %s", fetch.ErrNotInArchive, url)
	}
	if p.Status >= 400 {
		return nil, &fetch.HTTPError{URL: url, Status: p.Status}
	}
	return p, nil
}

// LoadCase reads a case folder's urls.tsv and pages.
func LoadCase(dir string) (*MapFetcher, error) {
	fps, err := FixturePages(dir)
	if err != nil {
		return nil, err
	}
	f := &MapFetcher{Pages: map[string]*fetch.Page{}}
	for _, fp := range fps {
		sum := sha256.Sum256(fp.Body)
		f.Pages[fp.URL] = &fetch.Page{URL: fp.URL, Status: fp.Status, Header: fp.Header,
			Body: fp.Body, SHA256: hex.EncodeToString(sum[:]), FetchedAt: fp.Date}
	}
	return f, nil
}

// FixturePages reads a case folder as pages for a WARC archive.
func FixturePages(dir string) ([]fetch.FixturePage, error) {
	fh, err := os.Open(filepath.Join(dir, "urls.tsv"))
	if err != nil {
		return nil, fmt.Errorf("fixture case: %w", err)
	}
	defer fh.Close()
	var out []fetch.FixturePage
	sc := bufio.NewScanner(fh)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		p, err := fixturePage(dir, strings.Split(text, "\t"))
		if err != nil {
			return nil, fmt.Errorf("%s/urls.tsv:%d: %w", dir, line, err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

func fixturePage(dir string, cols []string) (fetch.FixturePage, error) {
	if len(cols) < 2 {
		return fetch.FixturePage{}, fmt.Errorf("want URL<TAB>file[<TAB>status], got %q", strings.Join(cols, "\t"))
	}
	body, err := os.ReadFile(filepath.Join(dir, cols[1]))
	if err != nil {
		return fetch.FixturePage{}, err
	}
	status := http.StatusOK
	if len(cols) > 2 {
		if status, err = strconv.Atoi(cols[2]); err != nil {
			return fetch.FixturePage{}, fmt.Errorf("status %q: %w", cols[2], err)
		}
	}
	ct := "text/html; charset=utf-8"
	if strings.HasSuffix(cols[1], ".txt") {
		ct = "text/plain; charset=utf-8"
	}
	h := http.Header{"Content-Type": {ct}}
	return fetch.FixturePage{URL: cols[0], Status: status, ContentType: ct, Body: body, Header: h, Date: FetchedAt}, nil
}
