package mutate

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// The base markup of each network follows its spec.yaml and the fixture
// pages under scrapers/<id>/testdata: the same elements and classes, the
// same paging, plus the navigation, news and footer a real page carries so
// that the list is not the only repeated structure on it.

var esc = html.EscapeString

// header is the first comment of every generated page: it is constructed,
// and says so.
func header(network, what string) string {
	return fmt.Sprintf("<!DOCTYPE html>\n<!-- Constructed by scrapers/induce/mutate, not captured: %s.\n"+
		"     The markup imitates scrapers/%s's spec and fixtures; member names are real\n"+
		"     (fixtures and a committed list of world cities), everything else is made up. -->\n", what, network)
}

// renderC40 imitates c40.org's homepage: a hero stating the count and a
// scrolling ticker that names every member twice, all on one page.
func renderC40(r *rand.Rand, members []Member) *Set {
	var b strings.Builder
	b.WriteString(header("c40", "C40's homepage ticker"))
	b.WriteString(`<html lang="en"><head><meta charset="utf-8"><title>C40 Cities - A global network of mayors taking urgent climate action</title></head>
<body class="home page-template-default">
<header class="site-header"><a class="logo" href="https://www.c40.org/">C40 Cities</a>
<nav class="main-nav"><ul class="menu">
<li class="menu-item"><a href="https://www.c40.org/cities/">Cities</a></li>
<li class="menu-item"><a href="https://www.c40.org/about-c40/">About</a></li>
<li class="menu-item"><a href="https://www.c40.org/what-we-do/">What we do</a></li>
<li class="menu-item"><a href="https://www.c40.org/news/">News</a></li>
<li class="menu-item"><a href="https://www.c40.org/careers/">Careers</a></li>
<li class="menu-item"><a href="https://www.c40.org/contact/">Contact</a></li>
</ul></nav></header>
<main>
  <section class="hero"><h1>A global network of mayors taking urgent action to confront the climate crisis</h1>
`)
	fmt.Fprintf(&b, "    <p>C40 has %d member cities, representing one in twelve people worldwide.</p></section>\n", len(members))
	b.WriteString("  <section class=\"cities-marquee\" aria-label=\"Member cities\">\n    <div class=\"marquee-track\">\n")
	for copy := 0; copy < 2; copy++ {
		if copy == 0 {
			b.WriteString("      <ul>\n")
		} else {
			b.WriteString("      <ul aria-hidden=\"true\">\n")
		}
		for _, m := range members {
			fmt.Fprintf(&b, "        <li>%s</li>\n", esc(m.Name))
		}
		b.WriteString("      </ul>\n")
	}
	b.WriteString(`    </div>
  </section>
  <section class="latest-news"><h2>Latest news</h2><ul class="news-list">
    <li class="news-item"><a href="https://www.c40.org/news/clean-air-accelerator/">Mayors commit to cleaner air for millions of residents</a></li>
    <li class="news-item"><a href="https://www.c40.org/news/heat-action/">New report: how cities are preparing for extreme heat</a></li>
    <li class="news-item"><a href="https://www.c40.org/news/green-jobs/">Green jobs: what a just transition means for workers</a></li>
  </ul></section>
</main>
<footer><ul class="footer-links"><li><a href="https://www.c40.org/privacy/">Privacy</a></li><li><a href="https://www.c40.org/terms/">Terms</a></li></ul>
<p>&copy; C40 Cities Climate Leadership Group</p></footer>
</body></html>
`)
	return &Set{
		Pages:   []Page{{URL: "https://www.c40.org/", HTML: []byte(b.String()), Members: members}},
		Claimed: len(members),
		shape: shape{list: "section.cities-marquee ul", rec: "li", dup: "section.cities-marquee ul[aria-hidden]",
			kind: "list", param: "page", from: 1},
	}
}

// renderICLEI imitates ICLEI's members search: ?page=N from 1, each member
// an li with a.open (name, country in a span) and a detail block repeating
// the name; the page past the end lists nothing.
func renderICLEI(r *rand.Rand, members []Member) *Set {
	const start = "https://iclei.org/en/members-search.html?order_by=1"
	size := []int{20, 25, 30}[r.IntN(3)]
	chunks := chunk(members, size)
	s := &Set{Countries: true, shape: shape{list: ".members-list > ul", rec: "li", name: "a.open", country: "a.open > span",
		pager: "ul.pagination", kind: "list", param: "page", from: 1}}
	id := 100 + r.IntN(800)
	page := func(n int, list []Member) string {
		var b strings.Builder
		b.WriteString(header("iclei", fmt.Sprintf("page %d of ICLEI's members search", n)))
		b.WriteString(`<html lang="en"><head><meta charset="utf-8"><title>Members search - ICLEI</title></head>
<body><div id="header"><a href="/en/">ICLEI – Local Governments for Sustainability</a>
<ul class="nav"><li><a href="/en/about.html">About</a></li><li><a href="/en/members-search.html">Members</a></li><li><a href="/en/our-work.html">Our work</a></li><li><a href="/en/news.html">News</a></li><li><a href="/en/contact.html">Contact</a></li></ul></div>
<div id="content"><h1>Our members</h1>
<form class="search" action="/en/members-search.html"><input name="q" placeholder="Search members"><select name="order_by"><option value="1">Name</option><option value="2">Country</option></select></form>
<div class="members-list"><ul>
`)
		if len(list) == 0 {
			b.WriteString("</ul><p class=\"no-results\">No members found.</p></div>\n")
		} else {
			for _, m := range list {
				id++
				fmt.Fprintf(&b, "<li>\n  <a class=\"open\" id=\"member-%d\" href=\"#\">%s <span>%s</span></a>\n", id, esc(m.Name), esc(m.Country))
				fmt.Fprintf(&b, "  <div class=\"slide\"><h3>%s</h3><div class=\"text-holder\">", esc(m.Name))
				if r.IntN(3) > 0 {
					b.WriteString("Title: Mayor<br>")
				}
				fmt.Fprintf(&b, "Population: %d<br>Member since: %02d.%02d.%d</div></div>\n</li>\n",
					5000+r.IntN(5000000), 1+r.IntN(28), 1+r.IntN(12), 1991+r.IntN(34))
			}
			b.WriteString("</ul></div>\n")
		}
		if len(list) > 0 {
			b.WriteString("<ul class=\"pagination\">\n")
			if n > 1 {
				fmt.Fprintf(&b, "<li class=\"prev\"><a href=\"%s\">&lsaquo;</a></li>\n", esc(rootRel(pageURL(start, "page", n-1))))
			}
			for k := 1; k <= len(chunks); k++ {
				if k == n {
					fmt.Fprintf(&b, "<li class=\"current\">%d</li>\n", k)
				} else {
					fmt.Fprintf(&b, "<li><a href=\"%s\">%d</a></li>\n", esc(rootRel(pageURL(start, "page", k))), k)
				}
			}
			if n < len(chunks) {
				fmt.Fprintf(&b, "<li class=\"next\"><a class=\"next\" href=\"%s\">&rsaquo;</a></li>\n", esc(rootRel(pageURL(start, "page", n+1))))
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString(`</div>
<div id="footer"><p>ICLEI World Secretariat, Kaiser-Friedrich-Strasse 7, 53113 Bonn, Germany</p><ul class="social"><li><a href="https://twitter.com/iclei">Twitter</a></li><li><a href="https://www.linkedin.com/company/iclei">LinkedIn</a></li></ul></div>
</body></html>
`)
		return b.String()
	}
	for i, list := range chunks {
		u := start
		if i > 0 {
			u = pageURL(start, "page", i+1)
		}
		s.Pages = append(s.Pages, Page{URL: u, HTML: []byte(page(i+1, list)), Members: list})
	}
	s.Extra = []Page{{URL: pageURL(start, "page", len(chunks)+1), HTML: []byte(page(len(chunks)+1, nil))}}
	return s
}

// renderMetropolis imitates Drupal's members-list view: ?page=0,1,… (a page
// past the end shows the last page), "Displaying 1 - 20 of N" and one
// views-row per member with the name linking to its page, country and
// region.
func renderMetropolis(r *rand.Rand, members []Member) *Set {
	const start = "https://www.metropolis.org/members-list"
	size := []int{20, 20, 24}[r.IntN(3)]
	chunks := chunk(members, size)
	s := &Set{Countries: true, Claimed: len(members), Clamp: "page",
		shape: shape{list: ".view-members-list .view-content", rec: ".views-row", name: ".views-field-title a",
			country: ".views-field-field-country", pager: "nav.pager", kind: "cards", param: "page", from: 0}}
	for i, list := range chunks {
		var b strings.Builder
		b.WriteString(header("metropolis", fmt.Sprintf("page %d of Metropolis's members-list view", i)))
		b.WriteString(`<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Members | Metropolis</title></head>
<body class="path-members-list">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<header role="banner"><a href="/" rel="home">Metropolis</a>
<nav role="navigation"><ul class="menu"><li class="menu-item"><a href="/about">About</a></li><li class="menu-item"><a href="/members-list">Members</a></li><li class="menu-item"><a href="/news">News</a></li><li class="menu-item"><a href="/events">Events</a></li><li class="menu-item"><a href="/resources">Resources</a></li></ul></nav></header>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="view view-members-list view-id-members_list view-display-id-page_1">
`)
		fmt.Fprintf(&b, "  <div class=\"view-header\"><p>Displaying %d - %d of %d</p></div>\n  <div class=\"view-content\">\n",
			i*size+1, i*size+len(list), len(members))
		for _, m := range list {
			fmt.Fprintf(&b, `      <div class="views-row">
        <div class="views-field views-field-title"><span class="field-content"><a href="/partners/%s" hreflang="en">%s</a></span></div>
        <div class="views-field views-field-field-country"><div class="field-content">%s</div></div>
        <div class="views-field views-field-field-region"><div class="field-content">%s</div></div>
      </div>
`, slug(m.Name), esc(m.Name), esc(m.Country), esc(regionOf(m.Country)))
		}
		b.WriteString("  </div>\n  <nav class=\"pager\" role=\"navigation\" aria-labelledby=\"pagination-heading\"><h4 id=\"pagination-heading\" class=\"visually-hidden\">Pagination</h4>\n    <ul class=\"pager__items js-pager__items\">\n")
		if i > 0 {
			b.WriteString("      <li class=\"pager__item pager__item--first\"><a href=\"?page=0\" title=\"Go to first page\">« First</a></li>\n")
			fmt.Fprintf(&b, "      <li class=\"pager__item pager__item--previous\"><a href=\"?page=%d\" title=\"Go to previous page\" rel=\"prev\">‹ Previous</a></li>\n", i-1)
		}
		for k := range chunks {
			if k == i {
				fmt.Fprintf(&b, "      <li class=\"pager__item is-active\"><a href=\"?page=%d\" title=\"Current page\">%d</a></li>\n", k, k+1)
			} else {
				fmt.Fprintf(&b, "      <li class=\"pager__item\"><a href=\"?page=%d\" title=\"Go to page %d\">%d</a></li>\n", k, k+1, k+1)
			}
		}
		if i < len(chunks)-1 {
			fmt.Fprintf(&b, "      <li class=\"pager__item pager__item--next\"><a href=\"?page=%d\" title=\"Go to next page\" rel=\"next\">Next ›</a></li>\n", i+1)
			fmt.Fprintf(&b, "      <li class=\"pager__item pager__item--last\"><a href=\"?page=%d\" title=\"Go to last page\">Last »</a></li>\n", len(chunks)-1)
		}
		b.WriteString(`    </ul>
  </nav>
</div>
<aside class="region-sidebar"><h2>Upcoming events</h2><ul><li><a href="/events/world-congress">Metropolis World Congress</a></li><li><a href="/events/annual-meeting">Annual meeting</a></li></ul></aside>
</main>
<footer role="contentinfo"><p>Metropolis, World Association of the Major Metropolises</p></footer>
</body></html>
`)
		u := start
		if i > 0 {
			u = pageURL(start, "page", i)
		}
		s.Pages = append(s.Pages, Page{URL: u, HTML: []byte(b.String()), Members: list})
	}
	return s
}

// renderUCLG imitates UCLG ASPAC's list of members: one WordPress block per
// membership category, a heading with the count and a table of country and
// member, all on one page.
func renderUCLG(r *rand.Rand, members []Member) *Set {
	// Associations (named so) first, as the section lists them; the rest is
	// cut into two or three categories.
	var assoc, rest []Member
	for _, m := range members {
		if strings.Contains(m.Name, "Association") || strings.Contains(m.Name, "(") || strings.Contains(m.Name, "Städte") {
			assoc = append(assoc, m)
		} else {
			rest = append(rest, m)
		}
	}
	ordered := append(append([]Member(nil), assoc...), rest...)
	type cat struct {
		name    string
		members []Member
	}
	cats := []cat{}
	if len(assoc) > 0 {
		cats = append(cats, cat{"National Associations of Local Governments", assoc})
	}
	names := []string{"Cities and Local Governments", "Local Governments", "Associate Members"}
	k := 2 + r.IntN(2)
	cut := len(rest) / k
	for i := 0; i < k; i++ {
		end := (i + 1) * cut
		if i == k-1 {
			end = len(rest)
		}
		cats = append(cats, cat{names[i], rest[i*cut : end]})
	}
	var b strings.Builder
	b.WriteString(header("uclg", "UCLG ASPAC's list of members"))
	b.WriteString(`<html lang="en-US"><head><meta charset="UTF-8"><title>List of Members &#8211; UCLG ASPAC</title></head>
<body class="page-template-default page">
<header id="masthead" class="site-header"><a href="https://uclg-aspac.org/">UCLG ASPAC</a>
<nav id="site-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="https://uclg-aspac.org/about-us/">About Us</a></li><li class="menu-item"><a href="https://uclg-aspac.org/list-of-members">Members</a></li><li class="menu-item"><a href="https://uclg-aspac.org/programmes/">Programmes</a></li><li class="menu-item"><a href="https://uclg-aspac.org/news/">News</a></li><li class="menu-item"><a href="https://uclg-aspac.org/contact/">Contact</a></li></ul></nav></header>
<main id="main" class="site-main"><article class="page type-page">
<h1 class="entry-title">List of Members</h1>
<div class="entry-content">
`)
	for _, c := range cats {
		fmt.Fprintf(&b, "<div class=\"wp-block-group\"><div class=\"wp-block-group__inner-container\">\n<h3 class=\"wp-block-heading\">%s (%d)</h3>\n", c.name, len(c.members))
		b.WriteString("<figure class=\"wp-block-table\"><table><thead><tr><th>Country</th><th>Member</th></tr></thead><tbody>\n")
		for _, m := range c.members {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>\n", esc(m.Country), esc(m.Name))
		}
		b.WriteString("</tbody></table></figure>\n</div></div>\n")
	}
	b.WriteString(`</div></article>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="https://uclg-aspac.org/news/executive-bureau/">Executive Bureau meets in Jakarta</a></li><li><a href="https://uclg-aspac.org/news/localising-sdgs/">Localising the SDGs: a training for members</a></li></ul></section></aside>
</main>
<footer class="site-footer"><p>UCLG ASPAC, Jakarta</p></footer>
</body></html>
`)
	return &Set{
		Pages:     []Page{{URL: "https://uclg-aspac.org/list-of-members", HTML: []byte(b.String()), Members: ordered}},
		Countries: true,
		shape: shape{list: ".entry-content table", rec: "tbody tr", name: "td:nth-of-type(2)", country: "td:nth-of-type(1)",
			col: 1, cols: 2, group: ".entry-content .wp-block-group", kind: "table", param: "page", from: 1},
	}
}

// renderWMCCC imitates the World Mayors Council's TYPO3 list as the 2014
// Wayback capture holds it: a contenttable with one row per mayor (person,
// title, city, country, council role); the member is the city. The landing
// page with the claim is reachable but not given.
func renderWMCCC(r *rand.Rand, members []Member) *Set {
	const list = "https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/members/list-of-members.html"
	const landing = "https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/members.html"
	given, family := givenNames(), familyNames()
	titles := []string{"Mayor", "Mayor", "Mayor", "Former Mayor", "Lord Mayor"}
	roles := []string{"", "", "", "", "Member of the Board", "Vice-Chair"}
	var b strings.Builder
	b.WriteString(header("wmccc", "the World Mayors Council's list of members as archived in 2014; the mayors' names are constructed"))
	b.WriteString(`<html lang="en"><head><meta charset="utf-8"><title>List of members - World Mayors Council on Climate Change</title></head>
<body>
<div id="header"><a href="../index.html">World Mayors Council on Climate Change</a></div>
<div id="menu"><ul><li><a href="../about/mission-and-method.html">About</a></li><li class="act"><a href="../members.html">Members</a></li><li><a href="../join/joining-the-council.html">Join</a></li><li><a href="../news.html">News</a></li><li><a href="../contact.html">Contact</a></li></ul></div>
<div id="content">
<div class="csc-default"><h1>List of members</h1>
<table class="contenttable contenttable-0">
<thead><tr><th>Member</th><th>Title</th><th>City</th><th>Country</th><th>Council</th></tr></thead>
<tbody>
`)
	for _, m := range members {
		person := given[r.IntN(len(given))] + " " + family[r.IntN(len(family))]
		cell := esc(person)
		if r.IntN(3) > 0 {
			cell = fmt.Sprintf("<a href=\"profiles/%s.html\">%s</a>", slug(person), esc(person))
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			cell, titles[r.IntN(len(titles))], esc(m.Name), esc(m.Country), roles[r.IntN(len(roles))])
	}
	b.WriteString(`</tbody>
</table>
</div>
</div>
<div id="footer"><p>hosted by ICLEI &ndash; Local Governments for Sustainability, Kaiser-Friedrich-Str. 7, 53113 Bonn, Germany</p></div>
</body></html>
`)
	landingHTML := header("wmccc", "members.html of the World Mayors Council as archived in 2014") +
		`<html lang="en"><head><meta charset="utf-8"><title>Members - World Mayors Council on Climate Change</title></head>
<body><div id="content"><h1>Members</h1>
<p>Over 80 members form the World Mayors Council on Climate Change.</p>
<p><a href="members/list-of-members.html">Access the full list of members</a></p></div></body></html>
`
	return &Set{
		Pages:     []Page{{URL: list, HTML: []byte(b.String()), Members: members}},
		Extra:     []Page{{URL: landing, HTML: []byte(landingHTML)}},
		Countries: true,
		shape: shape{list: "table.contenttable", rec: "tbody tr", name: "td:nth-of-type(3)", country: "td:nth-of-type(4)",
			col: 4, cols: 5, kind: "table", param: "page", from: 1},
	}
}

// rootRel returns the path and query of an absolute URL, the form most
// sites write their pager links in.
func rootRel(abs string) string {
	i := strings.Index(abs, "://")
	if i < 0 {
		return abs
	}
	rest := abs[i+3:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}
