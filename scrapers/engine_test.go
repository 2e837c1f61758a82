package scrapers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// pages is a Fetcher over an in-memory site.
type pages map[string]string

func (p pages) Fetch(ctx context.Context, url string) (*fetch.Page, error) {
	body, ok := p[url]
	if !ok {
		return nil, fmt.Errorf("%w: %s", fetch.ErrNotInArchive, url)
	}
	sum := sha256.Sum256([]byte(body))
	return &fetch.Page{URL: url, Status: 200, Body: []byte(body), SHA256: hex.EncodeToString(sum[:]), FetchedAt: time.Unix(0, 0).UTC()}, nil
}

func scrape(t *testing.T, spec string, site pages) (*Result, error) {
	t.Helper()
	s, err := ParseSpec([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	sc := &Scraper{Network: Network{ID: s.ID}, Spec: s, Fetcher: site, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	return sc.Run(context.Background())
}

func names(r *Result) string {
	var out []string
	for _, m := range r.Members {
		out = append(out, m.Name)
	}
	return strings.Join(out, ",")
}

func TestEngine(t *testing.T) {
	const head = "id: t\nvariants:\n  - name: v\n    sources:\n      - name: s\n"
	cases := []struct {
		name  string
		spec  string
		site  pages
		want  string // member names, comma separated
		check func(*testing.T, *Result)
	}{
		{"paged until empty", head + "        start: ['https://t/l']\n        pages: {param: p, from: 0}\n        items: li\n        fields: {name: {}}\n",
			pages{"https://t/l?p=0": "<li>A</li>", "https://t/l?p=1": "<li>B</li>", "https://t/l?p=2": "<p>none</p>"}, "A,B", nil},
		{"next links, loop-safe", head + "        start: ['https://t/1']\n        next: {select: a.next, attr: href}\n        items: li\n        fields: {name: {}}\n",
			pages{"https://t/1": "<li>A</li><a class=next href=2>n</a>", "https://t/2": "<li>B</li><a class=next href=1>n</a>"}, "A,B", nil},
		{"dedupe and strip words", head + "        start: ['https://t/']\n        items: li\n        dedupe: true\n        strip_words: [star]\n        fields: {name: {}}\n",
			pages{"https://t/": "<li>star Walvis Bay</li><li>Walvis Bay</li><li>Windhoek star</li>"}, "Walvis Bay,Windhoek", nil},
		{"own text and nested country", head + "        start: ['https://t/']\n        items: a.open\n        fields: {name: {own: true}, country: {select: span}, key: {attr: id}}\n",
			pages{"https://t/": `<a class=open id=m1>City of Newark, CA <span>United States</span></a>`}, "City of Newark, CA",
			func(t *testing.T, r *Result) {
				if m := r.Members[0]; m.CountryPublished != "United States" || m.MemberKey != "m1" {
					t.Errorf("country %q key %q", m.CountryPublished, m.MemberKey)
				}
			}},
		{"groups give the region", head + "        start: ['https://t/']\n        group: section\n        group_fields: {region: {select: h2}}\n        items: li\n        fields: {name: {}}\n",
			pages{"https://t/": "<section><h2>Africa</h2><li>Accra</li></section><section><h2>Europe</h2><li>Oslo</li></section>"}, "Accra,Oslo",
			func(t *testing.T, r *Result) {
				if r.Members[0].NetworkRegion != "Africa" || r.Members[1].NetworkRegion != "Europe" {
					t.Errorf("regions %q %q", r.Members[0].NetworkRegion, r.Members[1].NetworkRegion)
				}
			}},
		{"dates and unparseable dates", head + "        start: ['https://t/']\n        items: li\n        fields: {name: {select: b}, member_since: {select: i, format: '02.01.2006'}}\n",
			pages{"https://t/": "<li><b>A</b><i>27.11.2007</i></li><li><b>B</b><i>soon</i></li>"}, "A,B",
			func(t *testing.T, r *Result) {
				if got := r.Members[0].MemberSince.Format(time.DateOnly); got != "2007-11-27" {
					t.Errorf("member since %s", got)
				}
				if b := r.Members[1]; !b.MemberSince.IsZero() || b.Attributes["member_since_published"] != "soon" || len(r.Notes) == 0 {
					t.Errorf("an unparseable date must be kept and noted: %+v, notes %v", b, r.Notes)
				}
			}},
		{"unmapped type is noted", head + "        start: ['https://t/']\n        items: li\n        type_map: {Metropolitan government: region}\n        fields: {name: {select: b}, member_type: {select: i}}\n",
			pages{"https://t/": "<li><b>A</b><i>Metropolitan government</i></li><li><b>B</b><i>Club</i></li>"}, "A,B",
			func(t *testing.T, r *Result) {
				if r.Members[0].MemberType != "region" || r.Members[1].MemberType != "other" || r.Members[1].Attributes["member_type_published"] != "Club" {
					t.Errorf("types %q %q %v", r.Members[0].MemberType, r.Members[1].MemberType, r.Members[1].Attributes)
				}
			}},
		{"via a landing page, claim read there", head + "        start: ['https://t/']\n        via: {select: a.all, attr: href}\n        claimed: {pattern: 'Over (\\d+) members', at_least: true}\n        items: li\n        fields: {name: {}}\n",
			pages{"https://t/": "<p>Over 80 members</p><a class=all href=list.html>all</a>", "https://t/list.html": "<li>Seoul</li>"}, "Seoul",
			func(t *testing.T, r *Result) {
				if len(r.Claims) != 1 || r.Claims[0].Count != 80 || !r.Claims[0].AtLeast || r.Claims[0].Parsed != 1 {
					t.Errorf("claims %+v", r.Claims)
				}
			}},
		{"merge adds fields by name and notes strangers", head + "        start: ['https://t/']\n        items: li\n        fields: {name: {}}\n      - name: regions\n        merge: name\n        start: ['https://t/r']\n        items: li\n        fields: {name: {select: b}, region: {select: i}}\n",
			pages{"https://t/": "<li>Lima</li><li>Quito</li>", "https://t/r": "<li><b>Lima</b><i>Latin America</i></li><li><b>Venice</b><i>Europe</i></li>"}, "Lima,Quito",
			func(t *testing.T, r *Result) {
				notes := strings.Join(r.Notes, "|")
				if r.Members[0].NetworkRegion != "Latin America" || !strings.Contains(notes, `lists "Venice"`) || !strings.Contains(notes, `does not list "Quito"`) {
					t.Errorf("region %q notes %v", r.Members[0].NetworkRegion, r.Notes)
				}
			}},
	}
	const optional = "        start: ['https://t/']\n        items: li\n        fields: {name: {}}\n      - name: regions\n        merge: name\n        optional: true\n        start: ['https://t/r']\n        items: li\n        fields: {name: {select: b}, region: {select: i}, attributes.page: {select: a, attr: href}}\n"
	cases = append(cases, []struct {
		name  string
		spec  string
		site  pages
		want  string
		check func(*testing.T, *Result)
	}{
		{"an optional merge source that fails degrades", head + optional,
			pages{"https://t/": "<li>Lima</li><li>Quito</li>"}, "Lima,Quito",
			func(t *testing.T, r *Result) {
				if len(r.Degraded) != 1 || r.Degraded[0].Source != "regions" || !errors.Is(r.Degraded[0].Err, fetch.ErrNotInArchive) {
					t.Fatalf("degraded %+v", r.Degraded)
				}
				if got := strings.Join(r.Degraded[0].Fields, ","); got != "attributes.page,region" {
					t.Errorf("fields %q", got)
				}
				if r.Members[0].NetworkRegion != "" || !strings.Contains(strings.Join(r.Notes, "|"), "optional source regions failed: ") {
					t.Errorf("region %q notes %q", r.Members[0].NetworkRegion, r.Notes)
				}
			}},
		{"an optional merge source that works merges", head + optional,
			pages{"https://t/": "<li>Lima</li>", "https://t/r": "<li><b>Lima</b><i>Latin America</i></li>"}, "Lima",
			func(t *testing.T, r *Result) {
				if len(r.Degraded) != 0 || r.Members[0].NetworkRegion != "Latin America" {
					t.Errorf("degraded %+v region %q", r.Degraded, r.Members[0].NetworkRegion)
				}
			}},
	}...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := scrape(t, c.spec, c.site)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(r); got != c.want {
				t.Fatalf("members %q, want %q", got, c.want)
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

func TestEngineFailures(t *testing.T) {
	const spec = "id: t\nvariants:\n  - name: v\n    sources:\n      - name: s\n        start: ['https://t/']\n        via: {select: a.all, attr: href}\n        items: li\n        fields: {name: {}}\n"
	if _, err := scrape(t, spec, pages{"https://t/": "<p>redesigned</p>"}); err == nil || !strings.Contains(err.Error(), "via link") {
		t.Errorf("missing via link: %v", err)
	}
	if _, err := scrape(t, spec, pages{}); !errors.Is(err, fetch.ErrNotInArchive) {
		t.Errorf("missing page: %v, want ErrNotInArchive", err)
	}
	const twoVariants = "id: t\nvariants:\n  - name: live\n    sources: [{name: s, start: ['https://live/'], items: li, fields: {name: {}}}]\n  - name: archive\n    sources: [{name: s, start: ['https://archive/'], items: li, fields: {name: {}}}]\n"
	r, err := scrape(t, twoVariants, pages{"https://archive/": "<li>Bonn</li>"})
	if err != nil || r.Variant != "archive" || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "variant live") {
		t.Errorf("fallback to the second variant: %v, %+v", err, r)
	}
}
