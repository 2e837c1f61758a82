package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
)

// Reuser is a Fetcher that remembers the last night: Prior is the last
// night's capture of a URL, and Reuse takes it as tonight's page without
// a request, archiving it as a revisit record so that a replay or rebuild
// of tonight's archive reads the same page. The spec engine reuses a
// member's detail page this way when its list item has not changed.
type Reuser interface {
	Prior(url string) (*Page, bool)
	Reuse(ctx context.Context, url string) (*Page, error)
}

var _ Reuser = (*collyFetcher)(nil)

// transport is the archiving transport under the fetcher, nil when the
// fetcher was given another RoundTripper.
func (f *collyFetcher) transport() *Transport {
	t, _ := f.next.(*Transport)
	return t
}

// Prior returns the last night's whole 2xx capture of url, its FetchedAt
// the date it was last fetched. Offline it has none: a replay reads what
// the archive it replays holds, so that a rebuild reads exactly its pages.
func (f *collyFetcher) Prior(url string) (*Page, bool) {
	t := f.transport()
	if t == nil || f.offline {
		return nil, false
	}
	a := t.Archive.historyOf().capture(url)
	if a == nil {
		return nil, false
	}
	return a.page(), true
}

// Reuse archives the last night's capture of url as tonight's and returns
// it. The revisit record keeps the capture's date: nothing was fetched.
func (f *collyFetcher) Reuse(ctx context.Context, url string) (*Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t := f.transport()
	if t == nil || t.Archive == nil {
		return nil, fmt.Errorf("reuse %s: no archive", url)
	}
	a := t.Archive.historyOf().capture(url)
	if a == nil {
		return nil, fmt.Errorf("reuse %s: not in the last night's archive", url)
	}
	ex := warcExchange{Method: http.MethodGet, URL: a.url, Proto: a.proto, Status: a.status, Header: a.header, Date: a.date}
	got, err := t.Archive.writeRevisitOf(ex, a.ref, ProfileIdenticalPayload)
	if err != nil {
		return nil, fmt.Errorf("archive %s: %w", url, err)
	}
	t.count(got)
	return a.page(), nil
}

// capture is the prior capture of url when it is a whole 2xx response.
func (h *History) capture(url string) *archivedResponse {
	if h == nil {
		return nil
	}
	a := h.prior[replayKey(url)]
	if a == nil || a.truncated || a.status < 200 || a.status > 299 {
		return nil
	}
	return a
}

// page is an archived response as the engine reads it.
func (a *archivedResponse) page() *Page {
	sum := sha256.Sum256(a.body)
	return &Page{URL: a.url, Status: a.status, Header: a.header.Clone(), Body: a.body, SHA256: hex.EncodeToString(sum[:]), FetchedAt: a.date}
}
