#!/usr/bin/env python3
"""Writes the ICLEI fixture pages.

    python3 scrapers/iclei/testdata/gen_sample.py   # then: go test ./scrapers/iclei/ -update

Everything it writes is RECONSTRUCTED, NOT CAPTURED, and every page says so in
its first comment. What is real and what is ours:

- members search (case sample): the structure is the verified one of
  shared/sites/README.md (.members-list, a.open[id] with the country in a
  span, a detail block, div.text-holder with strong.info and "Title: …
  Population: … Member since: …"). The element wrapping each member (li), the
  pager and the id values are ours. Page 1 holds exactly the nine first
  members of page 1 from shared/sites/README.md, with their fields. Pages 2
  and 3 hold local governments that are ICLEI members from general knowledge
  (Lagos State and the Uganda Local Governments Association also from stored
  ICLEI Africa pages); the name forms are ours in the style of page 1, and
  they have no leader, title, population or date, since none is known. The
  two description paragraphs (Bonn, Freiburg) state where ICLEI's World and
  European Secretariats are.
- ICLEI Africa (case wordpress): the FacetWP card texts of page 1 ("Walvis Bay
  / arrow_outward / star / MEMBER SINCE 2003 / Walvis Bay" and three more)
  are from a stored copy of africa.iclei.org/our-members/; the card markup is
  ours. Page 2's cards (Cape Town, Tshwane) are from general knowledge, without
  a year since none is known. Page 3 lists nothing (the end of the list).
- iclei.org WordPress (case wordpress): the sitemap URL, its post type
  "member", the member pages and their markup are a guess (see README.md);
  the two members are real ICLEI members.
"""

import html
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SEARCH = "https://iclei.org/en/members-search.html"
AFRICA = "https://africa.iclei.org/our-members/"

# name, country, leader, title, population, member since, description
PAGES = [
    [  # page 1: shared/sites/README.md
        ("City of Newark, CA", "United States", "Alan L. Nagy", "Mayor", "45810", "27.11.2007", ""),
        ("City of Edmonton, AB", "Canada", "Don Iveson", "Mayor", "899447", "17.01.1992", ""),
        ("Kalyan Dombivali Municipal Corporation", "India", "Vinita Vishwanath Rane", "Mayor", "1247327", "23.03.2009", ""),
        ("Tenali Municipal Corporation", "India", "", "", "164937", "01.12.2011", ""),
        ("Village of Mount Kisco, NY", "United States", "Peter Grunthal", "Village Trustee", "11103", "01.03.2018", ""),
        ("Municipality of Teresina", "Brazil", "Firmino da Silveira Soares Filho", "Mayor", "850198", "18.07.2017", ""),
        ("City of Surabaya", "Indonesia", "Tri Rismaharini", "Mayor", "3457409", "01.06.2004", ""),
        ("City of Madison, WI", "United States", "Paul R. Soglin", "Mayor", "252551", "", ""),
        ("City of Pittsburgh, PA", "United States", "William Peduto", "Mayor", "303625", "13.01.2016", ""),
    ],
    [  # page 2: general knowledge
        ("City of Bonn", "Germany", "", "", "", "", "Bonn hosts the ICLEI World Secretariat."),
        ("City of Freiburg im Breisgau", "Germany", "", "", "", "", "Freiburg hosts the ICLEI European Secretariat."),
        ("City of Heidelberg", "Germany", "", "", "", "", ""),
        ("City of Malmö", "Sweden", "", "", "", "", ""),
        ("City of Cape Town", "South Africa", "", "", "", "", ""),
        ("City of Tshwane", "South Africa", "", "", "", "", ""),
        ("City of Johannesburg", "South Africa", "", "", "", "", ""),
        ("Seoul Metropolitan Government", "Republic of Korea", "", "", "", "", ""),
        ("City of Yokohama", "Japan", "", "", "", "", ""),
    ],
    [  # page 3: general knowledge and stored ICLEI Africa pages
        ("Metropolitan District of Quito", "Ecuador", "", "", "", "", ""),
        ("City of Bogotá", "Colombia", "", "", "", "", ""),
        ("City of Toronto", "Canada", "", "", "", "", ""),
        ("Lagos State", "Nigeria", "", "", "", "", ""),
        ("Uganda Local Governments Association", "Uganda", "", "", "", "", ""),
    ],
]

AFRICA_PAGES = [
    [("Walvis Bay", "2003"), ("Nansana Municipality", "2023"),
     ("Tswelopele Local Municipality", "2023"), ("Freetown City Council", "2022")],
    [("City of Cape Town", ""), ("City of Tshwane", "")],
    [],
]

WP_MEMBERS = [("city-of-bonn", "City of Bonn", "Germany"),
              ("city-of-heidelberg", "City of Heidelberg", "Germany")]
WP_SITEMAP = "https://iclei.org/wp-sitemap-posts-member-1.xml"

RECON = ("<!-- Reconstructed, not captured: {what}, written by testdata/gen_sample.py; "
         "see its docstring for which content is real and which is ours. -->")
e = html.escape


def member(i, name, country, leader, title, pop, since, desc):
    lines = []
    if leader:
        lines.append(f'<strong class="info">{e(leader)}</strong>')
    for label, v in (("Title", title), ("Population", pop), ("Member since", since)):
        if v:
            lines.append(f"{label}: {e(v)}")
    holder = f'<div class="text-holder">{"<br>".join(lines)}</div>' if lines else ""
    p = f"<p>{e(desc)}</p>" if desc else ""
    return (f'<li>\n  <a class="open" id="member-{i}" href="#">{e(name)} <span>{e(country)}</span></a>\n'
            f'  <div class="slide"><h3>{e(name)}</h3>{p}{holder}</div>\n</li>')


def search_page(n, members, start, last):
    items = "\n".join(member(start + i, *m) for i, m in enumerate(members))
    pager = ["<ul class=\"pagination\">"]
    if n > 1:
        pager.append(f'<li class="prev"><a href="/en/members-search.html?order_by=1&amp;page={n-1}">&lsaquo;</a></li>')
    pager.append(f'<li class="current">{n}</li>')
    if not last:
        pager.append(f'<li class="next"><a class="next" href="/en/members-search.html?order_by=1&amp;page={n+1}">&rsaquo;</a></li>')
    pager.append("</ul>")
    return "\n".join([
        "<!DOCTYPE html>", RECON.format(what=f"page {n} of the ICLEI members search"),
        '<html lang="en"><head><meta charset="utf-8"><title>Members search - ICLEI</title></head>',
        '<body><div id="content"><h1>Our members</h1>',
        f'<div class="members-list"><ul>\n{items}\n</ul></div>', "\n".join(pager),
        "</div></body></html>\n"])


def africa_page(n, cards):
    out = []
    for name, year in cards:
        since = f'\n    <p class="member-card__since">MEMBER SINCE {year}</p>' if year else ""
        out.append(
            f'<div class="member-card">\n  <div class="member-card__front">\n'
            f'    <h3 class="member-card__title">{e(name)}\n      <span class="material-symbols-outlined">arrow_outward</span></h3>\n'
            f'    <span class="material-symbols-outlined">star</span>{since}\n  </div>\n'
            f'  <div class="member-card__back"><h4>{e(name)}</h4></div>\n</div>')
    return "\n".join([
        "<!DOCTYPE html>", RECON.format(what=f"page {n} of africa.iclei.org/our-members/ (FacetWP)"),
        '<html lang="en"><head><meta charset="utf-8"><title>Our Members - ICLEI Africa</title></head>',
        '<body><main><h1>Our Members</h1>',
        '<div class="facetwp-facet"><span class="material-symbols-outlined">filter_alt</span> Filters '
        'Country <span class="material-symbols-outlined">expand_more</span></div>',
        '<div class="facetwp-template">', "\n".join(out), "</div>", "</main></body></html>\n"])


def wp_sitemap():
    urls = "".join(f"<url><loc>https://iclei.org/member/{s}/</loc></url>" for s, _, _ in WP_MEMBERS)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + RECON.format(what="a WordPress core sitemap of iclei.org")
            + f'\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n')


def wp_member(name, country):
    return "\n".join([
        "<!DOCTYPE html>", RECON.format(what=f"an iclei.org member page ({e(name)})"),
        f'<html lang="en"><head><meta charset="utf-8"><title>{e(name)} - ICLEI</title></head>',
        f'<body class="single single-member"><main><article class="member">',
        f'<h1 class="entry-title">{e(name)}</h1>',
        f'<p class="member-country">{e(country)}</p>', "</article></main></body></html>\n"])


def sample_spec():
    """The embedded spec with its guard floor lowered for the sample's 23
    members; examples/specs/iclei.yaml (make demo) is a copy of it."""
    with open(os.path.join(HERE, "../spec.yaml"), encoding="utf-8") as f:
        spec = f.read()
    head, sep, _ = spec.partition("\nguard:\n")
    assert sep, "spec.yaml has no guard"
    return ("# The iclei spec with its guard floor lowered for the bundled sample\n"
            "# archive, whose pages are short reconstructions (23 members, not 2,500+).\n"
            "# Everything above \"guard:\" is the embedded scrapers/iclei/spec.yaml\n"
            "# (written by testdata/gen_sample.py; TestSampleSpec keeps the two the same).\n"
            "# Used by `make demo` as examples/specs/iclei.yaml.\n"
            + head + sep +
            "  min_members: 20\n"
            "  observed: \"23 in the reconstructed sample (live: see spec.yaml)\"\n"
            "  max_drop: 0.2\n"
            "  required: [name]\n")


def write(path, text):
    path = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def tsv(case, rows):
    lines = ["# URL\tfile\t[status] (written by testdata/gen_sample.py)"] + ["\t".join(r) for r in rows]
    write(f"{case}/urls.tsv", "\n".join(lines) + "\n")


def main():
    rows, start = [], 101
    for n, members in enumerate(PAGES, 1):
        write(f"sample/page{n}.html", search_page(n, members, start, n == len(PAGES)))
        rows.append((f"{SEARCH}?order_by=1&page={n}", f"page{n}.html"))
        start += len(members)
    tsv("sample", rows)
    write("sample/specs/iclei.yaml", sample_spec())

    # wordpress: the members search is gone (404); the WordPress variant reads
    # ICLEI Africa's FacetWP list and the guessed iclei.org sitemap.
    write("wordpress/404.html", "<!DOCTYPE html>\n" + RECON.format(what="a 404 answer")
          + "\n<html><head><title>Page not found</title></head><body><h1>Page not found</h1></body></html>\n")
    rows = [(f"{SEARCH}?order_by=1&page=1", "404.html", "404")]
    for n, cards in enumerate(AFRICA_PAGES, 1):
        write(f"wordpress/africa{n}.html", africa_page(n, cards))
        rows.append((f"{AFRICA}?fwp_paged={n}", f"africa{n}.html"))
    write("wordpress/sitemap.xml", wp_sitemap())
    rows.append((WP_SITEMAP, "sitemap.xml"))
    for slug, name, country in WP_MEMBERS:
        write(f"wordpress/member-{slug}.html", wp_member(name, country))
        rows.append((f"https://iclei.org/member/{slug}/", f"member-{slug}.html"))
    tsv("wordpress", rows)

    # redesign: the members search answers, but without the list.
    write("redesign/page1.html", "<!DOCTYPE html>\n" + RECON.format(what="a members search page after a redesign")
          + '\n<html><head><title>Members - ICLEI</title></head><body><div class="members-grid">'
          '<div class="card">City of Bonn</div></div></body></html>\n')
    tsv("redesign", [(f"{SEARCH}?order_by=1&page=1", "page1.html")])


if __name__ == "__main__":
    main()
