package induce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// ghosts are known members that have left: real place names that no
// constructed page lists.
var ghosts = []Known{
	{"Bruges", "Belgium"}, {"Ghent", "Belgium"}, {"Utrecht", "Netherlands"}, {"Leipzig", "Germany"},
	{"Dresden", "Germany"}, {"Bologna", "Italy"}, {"Turin", "Italy"}, {"Seville", "Spain"},
	{"Bilbao", "Spain"}, {"Tampere", "Finland"}, {"Bergen", "Norway"}, {"Uppsala", "Sweden"},
	{"Cork", "Ireland"},
}

// staleKnown is the known set the issue says induction must work with:
// every 10th listed member is new (not known) and ghosts that have left
// make up about 15 % of the known names.
func staleKnown(ms [][2]string) []Known {
	return append(knownOf(ms, 10), ghosts...)
}

func induceOne(t *testing.T, html []byte, known []Known, opt Options) (*Result, error) {
	t.Helper()
	return Induce(context.Background(), []Page{{URL: "https://example.org/members", HTML: html}}, known, opt)
}

// checkMembers requires at least 95 % of want among the result's members
// and at most 1 % members that are not in want.
func checkMembers(t *testing.T, r *Result, want [][2]string, withCountry bool) {
	t.Helper()
	wantSet := map[string]string{}
	for _, m := range want {
		wantSet[m[0]] = m[1]
	}
	got, wrong := 0, 0
	for _, m := range r.Members {
		c, ok := wantSet[m.Name]
		switch {
		case !ok:
			wrong++
			if wrong < 5 {
				t.Errorf("not a member: %+v", m)
			}
		case withCountry && m.Country != c:
			t.Errorf("%s: country %q, want %q", m.Name, m.Country, c)
		default:
			got++
		}
		if strings.HasSuffix(m.Name, ",") || strings.HasPrefix(m.Country, ",") {
			t.Errorf("badly split: %+v", m)
		}
	}
	if got*100 < 95*len(want) || wrong*100 > len(r.Members) {
		t.Errorf("%d of %d members found, %d rows not members", got, len(want), wrong)
	}
	checkSelectors(t, r.Source)
}

// checkSelectors requires every selector to be one cascadia compiles.
func checkSelectors(t *testing.T, s Source) {
	t.Helper()
	sels := []string{s.Items}
	for _, f := range s.Fields {
		sels = append(sels, f.Select)
	}
	for _, f := range []*Field{s.Next, s.Claimed} {
		if f != nil {
			sels = append(sels, f.Select)
		}
	}
	for _, sel := range sels {
		if sel != "" && strings.Contains(fmt.Sprintf("%T", goquery.Single(sel)), "invalid") {
			t.Errorf("selector %q does not compile", sel)
		}
	}
}

// TestListForms: one constructed page per form of member list, each read
// with a stale known set.
func TestListForms(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		items, nm   string // expected items and name selector; "" = not checked
		withCountry bool
	}{
		{
			name: "ul li with link and country span",
			body: `<h1>Our members</h1><ul class="members">` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<li class="member"><a href="/members/%s">%s</a> <span class="country">%s</span></li>`, slug(n), n, c)
			}) + `</ul>`,
			items: "ul.members > li.member", nm: "a", withCountry: true,
		},
		{
			name: "div cards with ads and letter headings between them",
			body: `<div class="cards">` + each(cities, func(i int, n, c string) string {
				s := fmt.Sprintf(`<div class="card"><h3 class="card-title">%s</h3><p class="card-country">%s</p><a class="more" href="/city/%s/">Read more</a></div>`, n, c, slug(n))
				if i%10 == 0 {
					s = fmt.Sprintf(`<h2 class="letter">%c</h2>`, n[0]) + s
				}
				if i%9 == 4 {
					s += `<div class="card ad"><h3 class="card-title">Advertisement</h3><p>Book your flight now and save 20 %!</p></div>`
				}
				return s
			}) + `</div>`,
			items: "div.cards > div.card:not(.ad)", nm: "h3.card-title", withCountry: true,
		},
		{
			name: "table rows",
			body: `<table class="members"><thead><tr><th>City</th><th>Country</th><th>Joined</th></tr></thead><tbody>` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<tr><td><a href="/m/%d">%s</a></td><td>%s</td><td>%d</td></tr>`, 100+i, n, c, 1990+i%30)
			}) + `</tbody></table>`,
			withCountry: true,
		},
		// Header rows are not members: th cells without a thead, an ARIA
		// grid's column headers, a first row of column labels in td.
		{
			name: "table with a th header row and no thead",
			body: `<table class="members"><tr><th>Member</th><th>Country</th></tr>` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<tr><td>%s</td><td>%s</td></tr>`, n, c)
			}) + `</table>`,
			withCountry: true,
		},
		{
			name: "ARIA grid with column headers",
			body: `<div class="grid" role="table"><div role="rowgroup"><div role="row"><span role="columnheader">City</span><span role="columnheader">Country</span></div></div><div role="rowgroup">` +
				each(cities, func(i int, n, c string) string {
					return fmt.Sprintf(`<div role="row"><span role="cell">%s</span><span role="cell">%s</span></div>`, n, c)
				}) + `</div></div>`,
			withCountry: true,
		},
		{
			name: "table whose first row is column labels",
			body: `<table class="members"><tr><td>City</td><td>Country</td></tr>` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<tr><td>%s</td><td>%s</td></tr>`, n, c)
			}) + `</table>`,
			withCountry: true,
		},
		{
			name: "span inline list",
			body: `<p class="ticker">` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<span>%s</span> · `, n)
			}) + `</p>`,
			items: "p.ticker > span",
		},
		{
			name: "extra wrapper level around each record",
			body: `<section class="directory"><div class="grid">` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<div class="cell"><div class="wrap"><article class="member"><header><h4><a href="/m/%s">%s</a></h4></header><div class="meta"><span class="flag"></span><span class="c">%s</span></div></article></div></div>`, slug(n), n, c)
			}) + `</div></section>`,
			withCountry: true,
		},
		{
			name: "classless li with classed ads and headings",
			body: `<ul>` + each(cities, func(i int, n, c string) string {
				s := fmt.Sprintf(`<li><a href="/m/%s">%s</a></li>`, slug(n), n)
				if i%10 == 0 {
					s = fmt.Sprintf(`<li class="heading">%c</li>`, n[0]) + s
				}
				if i%13 == 5 {
					s += `<li class="promo"><a href="/shop">Visit our shop for great deals today</a></li>`
				}
				return s
			}) + `</ul>`,
		},
		{
			name: "definition-like div rows without classes",
			body: `<div id="list">` + each(cities, func(i int, n, c string) string {
				return fmt.Sprintf(`<div><strong>%s</strong><br><em>%s</em></div>`, n, c)
			}) + `</div>`,
			withCountry: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := induceOne(t, listPage(tt.body), staleKnown(cities), Options{})
			if err != nil {
				t.Fatal(err)
			}
			logResult(t, r)
			if tt.items != "" && r.Source.Items != tt.items {
				t.Errorf("items %q, want %q", r.Source.Items, tt.items)
			}
			if tt.nm != "" && r.Source.Fields["name"].Select != tt.nm {
				t.Errorf("name %+v, want select %q", r.Source.Fields["name"], tt.nm)
			}
			if _, ok := r.Source.Fields["country"]; ok != tt.withCountry {
				t.Errorf("country field %v, want %v: %+v", ok, tt.withCountry, r.Source.Fields)
			}
			checkMembers(t, r, cities, tt.withCountry)
			if r.Evidence.Recall < 0.8 || r.Evidence.NameLike < 0.95 {
				t.Errorf("evidence %+v", r.Evidence)
			}
		})
	}
}

// usCities are members as ICLEI publishes them: "City of Newark, CA".
var usCities = [][2]string{
	{"City of Newark, CA", "United States"}, {"City of Austin, TX", "United States"},
	{"City of Boulder, CO", "United States"}, {"City of Fort Collins, CO", "United States"},
	{"City of Oakland, CA", "United States"}, {"City of Berkeley, CA", "United States"},
	{"City of Seattle, WA", "United States"}, {"City of Portland, OR", "United States"},
	{"City of Tucson, AZ", "United States"}, {"City of Madison, WI", "United States"},
	{"City of Ann Arbor, MI", "United States"}, {"City of Boston, MA", "United States"},
	{"City of Cambridge, MA", "United States"}, {"City of Chicago, IL", "United States"},
	{"City of Denver, CO", "United States"}, {"City of Houston, TX", "United States"},
	{"City of Miami, FL", "United States"}, {"City of Orlando, FL", "United States"},
	{"City of Atlanta, GA", "United States"}, {"City of Savannah, GA", "United States"},
	{"City of Burlington, VT", "United States"}, {"City of Santa Monica, CA", "United States"},
	{"City of San José, CA", "United States"}, {"City of Eugene, OR", "United States"},
	{"City of Minneapolis, MN", "United States"}, {"City of Pittsburgh, PA", "United States"},
	{"City of Asheville, NC", "United States"}, {"City of Durham, NC", "United States"},
	{"City of Hoboken, NJ", "United States"}, {"City of Knoxville, TN", "United States"},
	{"City of Cape Town", "South Africa"}, {"City of Tshwane", "South Africa"},
	{"City of Johannesburg", "South Africa"}, {"Bonn", "Germany"}, {"Heidelberg", "Germany"},
	{"Freiburg im Breisgau", "Germany"}, {"Malmö", "Sweden"}, {"Ljubljana", "Slovenia"},
	{"Kaohsiung", "Taiwan"}, {"Yokohama", "Japan"},
}

// dashCities are cities with a member whose name holds a spaced dash and
// one whose country holds a hyphen.
var dashCities = append([][2]string{{"Tel Aviv – Yafo", "Israel"}, {"Bissau", "Guinea-Bissau"}, {"Frankfurt – Main", "Germany"}}, cities...)

// pipeCities are cities with a member whose name holds a pipe.
var pipeCities = append([][2]string{{"Brussels | Bruxelles", "Belgium"}}, cities...)

// TestMergedNameAndCountry: name and country in one element, with each
// separator a site may use.
func TestMergedNameAndCountry(t *testing.T) {
	tests := []struct {
		name    string
		members [][2]string
		format  string
		known   func([][2]string) []Known
	}{
		{"comma", cities, "%s, %s", staleKnown},
		{"ICLEI name, state, country", usCities, "%s, %s", func(ms [][2]string) []Known { return knownOf(ms, 8) }},
		{"parentheses", cities, "%s (%s)", staleKnown},
		{"en dash", cities, "%s – %s", staleKnown},
		{"pipe", cities, "%s | %s", staleKnown},
		// Cut at the last dash: the name keeps its own, the country a hyphen.
		{"en dash inside names", dashCities, "%s – %s", staleKnown},
		{"pipe inside names", pipeCities, "%s | %s", staleKnown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `<div class="members-list"><ul>` + each(tt.members, func(i int, n, c string) string {
				return fmt.Sprintf(`<li><a class="open" href="/members/%d">`+tt.format+`</a></li>`, i, n, c)
			}) + `</ul></div>`
			r, err := induceOne(t, listPage(body), tt.known(tt.members), Options{})
			if err != nil {
				t.Fatal(err)
			}
			logResult(t, r)
			if r.Source.Fields["name"].Pattern == "" || r.Source.Fields["country"].Pattern == "" {
				t.Errorf("fields %+v: want patterns on name and country", r.Source.Fields)
			}
			checkMembers(t, r, tt.members, true)
		})
	}
}

// TestOwnTextAndNestedCountry: ICLEI's verified markup, the country in a
// span inside the link that holds the name.
func TestOwnTextAndNestedCountry(t *testing.T) {
	body := `<div class="members-list"><ul>` + each(usCities, func(i int, n, c string) string {
		return fmt.Sprintf(`<li><a class="open" id="member-%d" href="#">%s <span>%s</span></a><div class="slide"><h3>%s</h3><div class="text-holder"><strong class="info">A. Mayor</strong><br>Title: Mayor<br>Population: %d</div></div></li>`, i, n, c, n, 40000+i)
	}) + `</ul></div>`
	r, err := induceOne(t, listPage(body), knownOf(usCities, 8), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkMembers(t, r, usCities, true)
}

// pagedSite serves a list split over pages, linked by pager markup.
type pagedSite struct {
	pages   map[string][]byte
	fetched []string
}

func (s *pagedSite) fetch(_ context.Context, u string) ([]byte, error) {
	s.fetched = append(s.fetched, u)
	if b, ok := s.pages[u]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("%s: 404", u)
}

// newPagedSite splits members over pages of size n; pager renders the
// pager of page i (1-based) of total.
func newPagedSite(base string, members [][2]string, n int, url func(i int) string, pager func(i, total int) string) *pagedSite {
	s := &pagedSite{pages: map[string][]byte{}}
	total := (len(members) + n - 1) / n
	for i := 1; i <= total; i++ {
		part := members[(i-1)*n : min(i*n, len(members))]
		body := `<ul class="results">` + each(part, func(_ int, name, c string) string {
			return fmt.Sprintf(`<li class="result"><a href="/m/%s">%s</a><span class="ctry">%s</span></li>`, slug(name), name, c)
		}) + `</ul>` + pager(i, total)
		s.pages[url(i)] = listPage(body)
	}
	return s
}

// TestPagination: the next link and the page parameter, verified by
// fetching the following pages.
func TestPagination(t *testing.T) {
	base := "https://example.org/members"
	byParam := func(i int) string {
		if i == 1 {
			return base
		}
		return fmt.Sprintf("%s?page=%d", base, i)
	}
	tests := []struct {
		name      string
		pager     func(i, total int) string
		wantNext  bool
		wantParam string
		// wantMax is the source's max_pages: the pages seen when the page
		// after the last answers an error, else the default.
		wantMax int
	}{
		{"rel next", func(i, total int) string {
			if i == total {
				return ""
			}
			return fmt.Sprintf(`<div class="pager"><a href="/members?page=%d" rel="next">Next ›</a></div>`, i+1)
		}, true, "", 50},
		{"next symbol in classed li", func(i, total int) string {
			s := `<ul class="pagination">`
			for k := 1; k <= total; k++ {
				s += fmt.Sprintf(`<li><a href="/members?page=%d">%d</a></li>`, k, k)
			}
			if i < total {
				s += fmt.Sprintf(`<li class="pager-next"><a href="/members?page=%d">»</a></li>`, i+1)
			}
			return s + `</ul>`
		}, true, "", 50},
		// The link after the current page's marker is the next link: it
		// ends where the pager ends, where a counted parameter would run
		// into the error the site answers past the last page.
		{"page numbers only", func(i, total int) string {
			s := `<nav class="pages">`
			for k := 1; k <= total; k++ {
				if k == i {
					s += fmt.Sprintf(`<span class="current">%d</span> `, k)
					continue
				}
				s += fmt.Sprintf(`<a href="/members?page=%d">%d</a> `, k, k)
			}
			return s + `</nav>`
		}, true, "", 50},
		{"page numbers without a current marker", func(i, total int) string {
			s := `<nav class="pages">`
			for k := 1; k <= total; k++ {
				if k != i {
					s += fmt.Sprintf(`<a href="/members?page=%d">%d</a> `, k, k)
				}
			}
			return s + `</nav>`
		}, false, "page", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newPagedSite(base, cities, 30, byParam, tt.pager)
			pages := []Page{{URL: base, HTML: site.pages[base]}}
			r, err := Induce(context.Background(), pages, staleKnown(cities), Options{Fetch: site.fetch})
			if err != nil {
				t.Fatal(err)
			}
			logResult(t, r)
			if (r.Source.Next != nil) != tt.wantNext {
				t.Errorf("next %+v, want %v", r.Source.Next, tt.wantNext)
			}
			if tt.wantParam != "" && (r.Source.Pages == nil || r.Source.Pages.Param != tt.wantParam || r.Source.Pages.From != 1) {
				t.Errorf("pages %+v, want %s from 1", r.Source.Pages, tt.wantParam)
			}
			if r.Source.MaxPages != tt.wantMax {
				t.Errorf("max_pages %d, want %d", r.Source.MaxPages, tt.wantMax)
			}
			if r.Evidence.Pages != 4 {
				t.Errorf("read %d pages, want 4 (fetched %v)", r.Evidence.Pages, site.fetched)
			}
			checkMembers(t, r, cities, true)
		})
	}
}

// TestPaginationWithoutFetch: the first of four pages alone holds too few
// known names, and nothing may be fetched: induction refuses.
func TestPaginationWithoutFetch(t *testing.T) {
	base := "https://example.org/members"
	site := newPagedSite(base, cities, 30, func(i int) string { return fmt.Sprintf("%s?page=%d", base, i) }, func(i, total int) string {
		return fmt.Sprintf(`<a rel="next" href="/members?page=%d">Next</a>`, i+1)
	})
	_, err := Induce(context.Background(), []Page{{URL: base + "?page=1", HTML: site.pages[base+"?page=1"]}}, staleKnown(cities), Options{})
	if !errors.Is(err, ErrNoStructure) {
		t.Fatalf("err %v, want ErrNoStructure", err)
	}
}

// TestGivenPages: pages already fetched are read without a fetcher, and a
// page the pager reaches is not a start of its own.
func TestGivenPages(t *testing.T) {
	base := "https://example.org/members"
	url := func(i int) string { return fmt.Sprintf("%s?page=%d", base, i) }
	site := newPagedSite(base, cities, 50, url, func(i, total int) string {
		if i == total {
			return ""
		}
		return fmt.Sprintf(`<a rel="next" href="/members?page=%d">Next</a>`, i+1)
	})
	pages := []Page{{URL: url(1), HTML: site.pages[url(1)]}, {URL: url(2), HTML: site.pages[url(2)]}}
	r, err := Induce(context.Background(), pages, staleKnown(cities), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Source.Start) != 1 || r.Source.Next == nil {
		t.Errorf("start %v next %+v: want one start and the next link", r.Source.Start, r.Source.Next)
	}
	checkMembers(t, r, cities, true)
}

// TestClaimed: the count a page states, including across adjacent
// elements with no white space between them.
func TestClaimed(t *testing.T) {
	list := `<ul class="members">` + each(cities, func(i int, n, c string) string {
		return fmt.Sprintf(`<li class="member"><a href="/members/%s">%s</a></li>`, slug(n), n)
	}) + `</ul>`
	tests := []struct {
		name    string
		head    string
		want    int
		atLeast bool
	}{
		{"adjacent elements", `<div class="ticker"><p class="count"><b>C40 has</b><span>97</span><i>member cities</i></p></div>`, 97, false},
		{"displaying of", `<div class="summary">Displaying 1 - 20 of 142</div>`, 142, false},
		{"over with thousands separator", `<p>We are a network of <strong>over 1,500 members</strong> worldwide.</p>`, 1500, true},
		{"none", `<p>Welcome to the network.</p>`, -1, false},
		// "C40" is a name, not a count: glued to a letter on screen even
		// when the letter is an element of its own.
		{"logo", `<div class="logo">C40 Cities Climate Leadership Group</div>`, -1, false},
		{"logo across elements", `<a class="brand"><b>C</b>40 Cities</a>`, -1, false},
		{"logo beside the claim", `<a class="brand"><b>C</b>40 Cities</a><p class="count"><b>C40 has</b><span>97</span><i>member cities</i></p>`, 97, false},
		// ICLEI's member facts are labels with values, not claims.
		{"population and member since", `<p class="meta">Population: 881,068 · Member since 2004</p>`, -1, false},
		{"population and member since in a list", `<dl><dt>Population</dt><dd>881068</dd><dt>Member since</dt><dd>2004</dd></dl>`, -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := listPage(tt.head + list)
			r, err := induceOne(t, html, staleKnown(cities), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Evidence.Claimed != tt.want {
				t.Fatalf("claimed %d, want %d", r.Evidence.Claimed, tt.want)
			}
			if tt.want < 0 {
				if r.Source.Claimed != nil {
					t.Errorf("claimed field %+v, want none", r.Source.Claimed)
				}
				return
			}
			f := *r.Source.Claimed
			if f.AtLeast != tt.atLeast {
				t.Errorf("at_least %v, want %v", f.AtLeast, tt.atLeast)
			}
			// Read it back as the engine does: first match, text, pattern.
			p, _ := parsePage(Page{HTML: html})
			v := newCache().read(p.doc.Nodes[0], f)
			if n, _ := parseCount(v); n != tt.want {
				t.Errorf("the field %+v reads %q, want %d", f, v, tt.want)
			}
			checkSelectors(t, r.Source)
		})
	}
}

// TestRefusals: pages on which induction must refuse rather than return a
// list.
func TestRefusals(t *testing.T) {
	others := [][2]string{}
	for _, c := range cities {
		others = append(others, [2]string{c[0] + " Heights", c[1]})
	}
	mainList := func(ms [][2]string) string {
		return `<ul class="members">` + each(ms, func(i int, n, c string) string {
			return fmt.Sprintf(`<li class="member"><a href="/m/%d">%s</a> <span>%s</span></li>`, i, n, c)
		}) + `</ul>`
	}
	// Five known members among 97 listed: the others are new names.
	mixed := append([][2]string{}, others...)
	for i := 0; i < 5; i++ {
		mixed[i*19] = cities[i*19]
	}
	tests := []struct {
		name  string
		html  []byte
		known []Known
		why   string
	}{
		{"known names only in a sidebar", listPage(mainList(others) + `<aside class="sidebar"><h3>Featured</h3><ul>` +
			each(cities[:12], func(i int, n, c string) string { return fmt.Sprintf(`<li><a href="/m/%d">%s</a></li>`, i, n) }) + `</ul></aside>`),
			knownOf(cities[:14], 0), "sidebar"},
		{"known names only in news items", listPage(mainList(others) + `<div class="stories">` +
			each(cities[:12], func(i int, n, c string) string {
				return fmt.Sprintf(`<div class="story"><p>Last week the city of <a href="/m/%d">%s</a> joined the network and pledged to halve its emissions by 2030.</p></div>`, i, n)
			}) + `</div>`), knownOf(cities[:14], 0), "prose"},
		{"5 known names of 97", listPage(mainList(mixed)), knownOf(cities, 0), "recall"},
		{"login page", listPage(`<form action="/login"><label>Email</label><input name="email"><label>Password</label><input type="password"><button>Log in</button></form>`), knownOf(cities, 0), "appears"},
		{"error page", []byte(`<html><body><h1>404 Not Found</h1><p>The page you requested does not exist.</p></body></html>`), knownOf(cities, 0), "appears"},
		{"another network's members", listPage(mainList(append(others[:80:80], cities[:12]...))), knownOf(cities, 0), "recall"},
		{"names in a navigation menu", listPage(`<nav class="menu"><ul>` + each(cities[:20], func(i int, n, c string) string {
			return fmt.Sprintf(`<li><a href="/m/%d">%s</a></li>`, i, n)
		}) + `</ul></nav>` + `<p>Our members are listed in the menu.</p>`), knownOf(cities[:22], 0), "nav"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := induceOne(t, tt.html, tt.known, Options{})
			if !errors.Is(err, ErrNoStructure) {
				var src Source
				if r != nil {
					src = r.Source
				}
				t.Fatalf("err %v, want ErrNoStructure (induced %+v)", err, src)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("err %q does not say %q", err, tt.why)
			}
		})
	}
}

// TestYAML: the rendered variant parses back into the same source.
func TestYAML(t *testing.T) {
	body := `<p><b>C40 has</b><span>97</span><i>member cities</i></p><ul class="members">` + each(cities, func(i int, n, c string) string {
		return fmt.Sprintf(`<li class="member"><a href="/members/%s">%s, %s</a></li>`, slug(n), n, c)
	}) + `</ul>`
	r, err := induceOne(t, listPage(body), staleKnown(cities), Options{})
	if err != nil {
		t.Fatal(err)
	}
	y, err := r.YAML("induced-2026-01-02")
	if err != nil {
		t.Fatal(err)
	}
	var back []variant
	if err := yamlUnmarshal(y, &back); err != nil {
		t.Fatalf("%v\n%s", err, y)
	}
	if len(back) != 1 || back[0].Name != "induced-2026-01-02" || back[0].Sources[0].Items != r.Source.Items ||
		back[0].Sources[0].Fields["name"] != r.Source.Fields["name"] || *back[0].Sources[0].Claimed != *r.Source.Claimed {
		t.Errorf("round trip: %+v\n%s", back, y)
	}
	if !strings.HasPrefix(string(y), "# Induced from known members") {
		t.Errorf("no evidence comment:\n%s", y)
	}
}
