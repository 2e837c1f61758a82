package mutate

import (
	"fmt"
	"strings"
)

// Scenario is what the inducer is told against what the pages show: the
// known members are the previous snapshot's, which is stale the way a real
// one is.
type Scenario struct {
	// Known is K = (P minus New) plus Gone, in a seeded order, with the
	// country only where the list publishes one.
	Known []Member
	// New are members on the pages that the previous snapshot lacks:
	// 10 % of P.
	New []Member
	// Gone are known members no longer on the pages: as many as 15 % of P.
	Gone []Member
}

// NewScenario draws the stale known set for a base set from its seed.
func NewScenario(s *Set) Scenario {
	r := rng(s.Seed, "scenario/"+s.Network)
	p := append([]Member(nil), s.Members...)
	r.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	nNew := (len(p)*10 + 50) / 100
	nGone := (len(p)*15 + 50) / 100
	sc := Scenario{New: p[:nNew], Gone: append([]Member(nil), s.Reserve[:nGone]...)}
	sc.Known = append(append([]Member(nil), p[nNew:]...), sc.Gone...)
	if !s.Countries {
		// The previous snapshot holds what the list published: no country
		// for a list that prints names only (C40's ticker).
		for i := range sc.Known {
			sc.Known[i].Country = ""
		}
	}
	r.Shuffle(len(sc.Known), func(i, j int) { sc.Known[i], sc.Known[j] = sc.Known[j], sc.Known[i] })
	return sc
}

// Negative is a page set on which induction must refuse: the known members
// are not listed on it as a list.
type Negative struct {
	Name string
	// Why says what a careless inducer would take for the list.
	Why string
	Set *Set
}

// Negatives builds the refusal cases for one network's base set and its
// scenario: the known names only in a sidebar and a news block; a list of
// 97 in the network's markup with only 5 known names; a login page; an
// error page; and another network's list. Each keeps the base set's start
// URL, so it stands for that URL answering with the wrong page.
func Negatives(fx *Fixtures, base *Set, sc Scenario) ([]Negative, error) {
	r := rng(base.Seed, "negative/"+base.Network)
	start := base.Pages[0].URL
	one := func(name, why, markup string) Negative {
		return Negative{Name: name, Why: why, Set: &Set{Network: base.Network, Seed: base.Seed, Mutation: name,
			Pages: []Page{{URL: start, HTML: []byte(markup)}}}}
	}
	var out []Negative

	// The known names only in a sidebar and as news headlines.
	var b strings.Builder
	b.WriteString(header(base.Network, "a news page that names known members only in a sidebar and in headlines"))
	b.WriteString("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>News</title></head><body>\n<header><a href=\"/\">Home</a> <nav><ul><li><a href=\"/about\">About</a></li><li><a href=\"/members\">Members</a></li><li><a href=\"/news\">News</a></li></ul></nav></header>\n<main><h1>News</h1>\n")
	verbs := []string{"launches a cycling plan", "joins the clean air pledge", "hosts the regional forum", "publishes its climate budget", "opens a new metro line", "plants 10,000 trees"}
	for i := 0; i < 12; i++ {
		m := sc.Known[i%len(sc.Known)]
		fmt.Fprintf(&b, "<article class=\"teaser\"><h2><a href=\"/news/%d\">%s %s</a></h2><p class=\"date\">%d March 2026</p><p>Read how the city is working with its residents.</p></article>\n",
			i, esc(m.Name), pick(r, verbs...), 1+i)
	}
	b.WriteString("</main>\n<aside class=\"sidebar\"><h2>Featured members</h2><ul>\n")
	for i := 12; i < 20 && i < len(sc.Known); i++ {
		fmt.Fprintf(&b, "<li><a href=\"/members/%s\">%s</a></li>\n", slug(sc.Known[i].Name), esc(sc.Known[i].Name))
	}
	b.WriteString("</ul></aside>\n<footer><p>All rights reserved.</p></footer></body></html>\n")
	out = append(out, one("sidebar", "twenty known names in headlines and a sidebar list, no member list", b.String()))

	// A list of 97 in the network's own markup, 5 of them known.
	known := map[string]bool{}
	for _, m := range sc.Known {
		known[m.Name] = true
	}
	var list []Member
	for _, m := range sc.Known {
		if len(list) == 5 {
			break
		}
		list = append(list, m)
	}
	for _, m := range base.Reserve {
		if len(list) == 97 {
			break
		}
		if !known[m.Name] {
			list = append(list, m)
		}
	}
	if len(list) < 97 {
		return nil, fmt.Errorf("negatives of %s: only %d names for the list of 97", base.Network, len(list))
	}
	r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	five, err := Render(base.Network, list, base.Seed)
	if err != nil {
		return nil, err
	}
	five.Mutation = "five-of-97"
	out = append(out, Negative{Name: "five-of-97", Why: "a well-formed list in the network's markup, but only 5 of its 97 names are known", Set: five})

	// A login page.
	out = append(out, one("login", "a sign-in form in place of the list", header(base.Network, "a login page")+
		`<html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body>
<header><a href="/">Home</a></header>
<main class="login"><h1>Sign in to continue</h1>
<form method="post" action="/user/login"><label for="u">Username or e-mail</label><input id="u" name="name">
<label for="p">Password</label><input id="p" name="pass" type="password">
<label><input type="checkbox" name="remember"> Remember me</label><button type="submit">Log in</button></form>
<ul class="links"><li><a href="/user/password">Forgot your password?</a></li><li><a href="/user/register">Create new account</a></li><li><a href="/help">Help</a></li></ul>
</main></body></html>
`))

	// An error page (which one is seeded).
	errPages := []string{
		`<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p><hr><address>Apache Server</address></body></html>`,
		`<html lang="en"><head><title>Attention Required! | Cloudflare</title></head><body><div id="cf-wrapper"><h1>Sorry, you have been blocked</h1><h2>You are unable to access this site</h2><p>This website is using a security service to protect itself from online attacks.</p><ul><li>Cloudflare Ray ID: 7d9f2a</li><li>Your IP: 203.0.113.7</li><li>Performance &amp; security by Cloudflare</li></ul></div></body></html>`,
		`<html lang="en"><head><title>Page not found</title></head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/members">Members</a></li><li><a href="/news">News</a></li><li><a href="/events">Events</a></li><li><a href="/contact">Contact</a></li></ul></nav></header><main><h1>Page not found</h1><p>The page you requested could not be found. Try these instead:</p><ul class="sitemap"><li><a href="/about/history">Our history</a></li><li><a href="/about/team">Our team</a></li><li><a href="/about/governance">Governance</a></li><li><a href="/news/press">Press releases</a></li><li><a href="/resources">Resources</a></li><li><a href="/jobs">Jobs</a></li></ul></main></body></html>`,
	}
	out = append(out, one("error", "an error page (server error, block page or not-found page with a site map)",
		header(base.Network, "an error page")+pick(r, errPages...)+"\n"))

	// Another network's list, in that network's markup.
	ids := Networks()
	other := ids[0]
	for i, id := range ids {
		if id == base.Network {
			other = ids[(i+1)%len(ids)]
		}
	}
	os, err := Generate(fx, other, base.Seed)
	if err != nil {
		return nil, err
	}
	os.Network, os.Mutation = base.Network, "other-network"
	// The start page keeps its own URL so that its relative links and its
	// pagination resolve; the case is given that page.
	out = append(out, Negative{Name: "other-network", Why: "the list of " + other + "'s members: a good list, but not this network's", Set: os})
	return out, nil
}
