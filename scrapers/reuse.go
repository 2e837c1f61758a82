package scrapers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/citynets/citynets/scrapers/fetch"
)

// reusedDetail returns the member's detail page from the last night's
// archive when the spec allows it (Detail.ReuseNights), the fetcher
// remembers the last night (fetch.Reuser), the page is not due for its
// refetch, and the list item is byte-identical to last night's once its
// volatile attributes are removed. Otherwise it returns nil: fetch it.
func (s *Scraper) reusedDetail(ctx context.Context, src Source, page *fetch.Page, item *goquery.Selection, url string) (*fetch.Page, error) {
	d := src.Detail
	reuser, ok := s.Fetcher.(fetch.Reuser)
	if d.ReuseNights <= 0 || !ok {
		return nil, nil
	}
	prior, ok := reuser.Prior(url)
	if !ok || refetchDue(url, prior.FetchedAt, s.AsOf, d.ReuseNights) {
		return nil, nil
	}
	last, ok := s.lastItems(reuser, src, page.URL)[url]
	if !ok || last != itemText(item, d.Volatile) {
		return nil, nil
	}
	return reuser.Reuse(ctx, url)
}

// refetchDue says whether a page last fetched at fetched must be fetched
// tonight (asOf): when it is nights old, or on its own night of every
// cycle of nights, chosen by a hash of its URL.
func refetchDue(url string, fetched, asOf time.Time, nights int) bool {
	if fetched.IsZero() || asOf.Sub(fetched) >= time.Duration(nights)*24*time.Hour-time.Hour {
		return true
	}
	sum := sha256.Sum256([]byte(url))
	offset := binary.BigEndian.Uint32(sum[:4]) % uint32(nights)
	day := asOf.UTC().Unix() / 86400
	return (day+int64(offset))%int64(nights) == 0
}

// lastItems maps each detail link of last night's copy of a list page to
// its item, as itemText spells it; nil when last night has no copy.
// Pages are parsed once per source and scrape.
func (s *Scraper) lastItems(reuser fetch.Reuser, src Source, listURL string) map[string]string {
	if s.priorItems == nil {
		s.priorItems = map[string]map[string]string{}
	}
	key := src.Name + " " + listURL
	if m, ok := s.priorItems[key]; ok {
		return m
	}
	var m map[string]string
	if p, ok := reuser.Prior(listURL); ok {
		if doc, err := goquery.NewDocumentFromReader(bytes.NewReader(p.Text())); err == nil {
			m = map[string]string{}
			groups := doc.Selection
			if src.Group != "" {
				groups = doc.Find(src.Group)
			}
			groups.Find(src.Items).Each(func(_ int, item *goquery.Selection) {
				if link, ok := src.Detail.Link.value(item); ok {
					m[resolve(p.URL, link)] = itemText(item, src.Detail.Volatile)
				}
			})
		}
	}
	s.priorItems[key] = m
	return m
}

// itemText is a list item's HTML without its volatile attributes.
func itemText(item *goquery.Selection, volatile []string) string {
	c := item.Clone()
	all := c.Find("*").AddSelection(c)
	for _, a := range volatile {
		all.RemoveAttr(a)
	}
	html, _ := goquery.OuterHtml(c)
	return html
}
