#!/usr/bin/env python3
"""Writes the C40 fixture pages that are not hand-made.

    python3 scrapers/c40/testdata/gen_sample.py   # then: go test ./scrapers/c40/ -update

Everything it writes is RECONSTRUCTED, NOT CAPTURED, and every page says so in
its first comment. What is real and what is ours:

- names and their spelling: sample/names.txt (= shared/sites/c40-homepage-2026.txt);
- the seven region headings: shared/sites/README.md; which region each city is
  in: general knowledge of C40's regions, not read from a page;
- slugs: addis-ababa, shanghai and london are known (shared/sites/README.md);
  the others are ours, made only for these files (the scraper never builds a
  slug: it reads the links on /cities/);
- city page values: only Addis Ababa's (Population 5.9 million, Area 554 km2,
  GDP $ 87.2 billion and its footnote) are known; for a few other cities the
  footnote names the city's government body from general knowledge, with the
  footnote's wording reconstructed; every other city page has no data at all.
  No number is invented: a missing field is simply absent;
- the "Temporarily Inactive" group (case inactive): the group is known from
  older versions of /cities/; putting Caracas, Moscow and Venice in it is ours
  (they are on C40's 2019 list and not on today's).
"""

import html
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = "https://www.c40.org"

REGIONS = [
    ("Africa", ["Abidjan", "Accra", "Addis Ababa", "Cape Town", "Casablanca", "Dakar",
                "Dar es Salaam", "Durban (eThekwini)", "Ekurhuleni", "Freetown",
                "Johannesburg", "Lagos", "Nairobi", "Tshwane"]),
    ("Central East Asia", ["Beijing", "Chengdu", "Dalian", "Fuzhou", "Guangzhou", "Hangzhou",
                           "Hong Kong", "Nanjing", "Qingdao", "Shanghai", "Shenzhen", "Wuhan",
                           "Zhenjiang"]),
    ("East, Southeast Asia & Oceania", ["Auckland", "Bangkok", "Hanoi", "Ho Chi Minh City",
                                        "Jakarta", "Kuala Lumpur", "Melbourne", "Quezon City",
                                        "Seoul", "Singapore", "Sydney", "Tokyo", "Yokohama"]),
    ("Europe", ["Amsterdam", "Athens", "Barcelona", "Berlin", "Copenhagen", "Heidelberg",
                "Istanbul", "Lisbon", "London", "Madrid", "Milan", "Oslo", "Paris", "Rome",
                "Rotterdam", "Stockholm", "Warsaw"]),
    ("Latin America", ["Bogotá", "Buenos Aires", "Curitiba", "Fortaleza", "Guadalajara", "Lima",
                       "Medellín", "Mexico City", "Quito", "Rio de Janeiro", "Salvador",
                       "Santiago", "São Paulo"]),
    ("North America", ["Austin", "Boston", "Chicago", "Houston", "Los Angeles", "Miami",
                       "Montréal", "New Orleans", "New York City", "Philadelphia", "Phoenix",
                       "Portland", "San Francisco", "Seattle", "Toronto", "Vancouver",
                       "Washington, DC"]),
    ("South and West Asia", ["Ahmedabad", "Amman", "Bengaluru", "Chennai", "Delhi NCT",
                             "Dhaka (North & South)", "Dubai", "Karachi", "Mumbai",
                             "Tel Aviv – Yafo"]),
]

# Slugs that are not the plain ASCII form of the name (ours, see above).
SLUGS = {"Durban (eThekwini)": "durban", "Dhaka (North & South)": "dhaka"}

# Addis Ababa's values are from shared/sites/README.md.
STATS = {"Addis Ababa": [("Population", "", "5.9", "million"),
                         ("Area", "", "554", "km<sup>2</sup>"),
                         ("GDP", "$", "87.2", "billion")]}
FOOTNOTES = {"Addis Ababa": "This data is a projection from 2024 for Addis Ababa City "
                            "Administration, using data from&hellip;"}
# Government bodies from general knowledge; the sentence around them is ours.
BODIES = {
    "London": "Greater London Authority",
    "Tokyo": "Tokyo Metropolitan Government",
    "Seoul": "Seoul Metropolitan Government",
    "Paris": "Ville de Paris",
    "Johannesburg": "City of Johannesburg Metropolitan Municipality",
    "Cape Town": "City of Cape Town",
    "Durban (eThekwini)": "eThekwini Metropolitan Municipality",
    "Nairobi": "Nairobi City County",
    "Auckland": "Auckland Council",
    "Toronto": "City of Toronto",
    "Montréal": "Ville de Montréal",
    "Mexico City": "Gobierno de la Ciudad de México",
}
for city, body in BODIES.items():
    FOOTNOTES[city] = f"This data is for {html.escape(body)}, using data from&hellip;"

INACTIVE = ["Caracas", "Moscow", "Venice"]
EXTRA = ("Europe", "Venice")  # on /cities/ in case extra-city, not on the homepage

RECON = ("<!-- Reconstructed, not captured: {what}, written by testdata/gen_sample.py "
         "in the structure described in shared/sites/README.md; the markup is a guess. -->")


def slug(name):
    if name in SLUGS:
        return SLUGS[name]
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in s).split())


def city_page(name):
    e = html.escape(name)
    out = ["<!DOCTYPE html>", RECON.format(what=f"the C40 city page of {e}"),
           f'<html lang="en"><head><meta charset="utf-8"><title>{e} - C40 Cities</title></head>',
           '<body class="single single-city">',
           f'<main><h1 class="city-hero__title">{e}</h1>']
    stats, note = STATS.get(name), FOOTNOTES.get(name)
    if stats or note:
        out.append('<section class="city-data">')
        if stats:
            out.append('<ul class="city-data__stats">')
            for label, prefix, value, unit in stats:
                pre = f'<span class="city-data__prefix">{prefix}</span> ' if prefix else ""
                out.append(f'<li class="city-data__stat"><span class="city-data__label">{label}</span> '
                           f'<span class="city-data__figure">{pre}<span class="city-data__value">{value}</span> '
                           f'<span class="city-data__unit">{unit}</span></span></li>')
            out.append("</ul>")
        if note:
            out.append(f'<p class="city-data__note">{note}</p>')
        out.append("</section>")
    out.append("</main></body></html>\n")
    return "\n".join(out)


def cities_page(regions, what):
    out = ["<!DOCTYPE html>", RECON.format(what=what),
           '<html lang="en"><head><meta charset="utf-8"><title>Cities - C40 Cities</title></head>',
           '<body class="page page-cities"><main>', "<h1>Our cities</h1>"]
    for region, names in regions:
        rid = slug(region)
        out.append(f'<section class="cities-region" id="{rid}">')
        out.append(f'  <h2 class="cities-region__title">{html.escape(region)}</h2>')
        out.append('  <ul class="cities-region__list">')
        for n in names:
            out.append(f'    <li><a href="{SITE}/cities/{slug(n)}/">{html.escape(n)}</a></li>')
        out.append("  </ul>")
        out.append("</section>")
    out.append("</main></body></html>\n")
    return "\n".join(out)


def home_page(names, what):
    items = "\n".join(f"        <li>{html.escape(n)}</li>" for n in names)
    return "\n".join([
        "<!DOCTYPE html>", RECON.format(what=what),
        '<html lang="en"><head><meta charset="utf-8"><title>C40 Cities</title></head>',
        '<body class="home"><main>',
        '  <section class="cities-marquee" aria-label="Member cities"><div class="marquee-track">',
        f"      <ul>\n{items}\n      </ul>", f'      <ul aria-hidden="true">\n{items}\n      </ul>',
        "  </div></section>", "</main></body></html>\n"])


def write(path, text):
    path = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def tsv(case, rows):
    lines = ["# URL\tfile\t[status] (written by testdata/gen_sample.py)"]
    lines += ["\t".join(r) for r in rows]
    write(f"{case}/urls.tsv", "\n".join(lines) + "\n")


def city_rows(regions, prefix=""):
    return [(f"{SITE}/cities/{slug(n)}/", f"{prefix}cities/{slug(n)}.html")
            for _, names in regions for n in names]


def main():
    with open(os.path.join(HERE, "sample/names.txt"), encoding="utf-8") as f:
        names = f.read().split("\n")
    names = [n for n in names if n]
    listed = [n for _, ns in REGIONS for n in ns]
    assert sorted(listed) == sorted(names), set(listed) ^ set(names)
    assert len(set(slug(n) for n in listed)) == len(listed), "slug collision"

    # sample: the homepage (hand-made), /cities/ and one page per city.
    write("sample/cities.html", cities_page(REGIONS, "c40.org/cities/ with the 97 members of "
                                            "sample/names.txt under C40's seven regions"))
    for n in listed:
        write(f"sample/cities/{slug(n)}.html", city_page(n))
    home = [(f"{SITE}/", "home.html"), (f"{SITE}/cities/", "cities.html")]
    tsv("sample", home + city_rows(REGIONS))

    # short-list: its own homepage (7 names missing), the sample's other pages.
    tsv("short-list", [(f"{SITE}/", "home.html"), (f"{SITE}/cities/", "../sample/cities.html")]
        + city_rows(REGIONS, "../sample/"))

    # blocked: the homepage answers, /cities/ answers 403.
    write("blocked/403.html", "<!DOCTYPE html>\n" + RECON.format(what="a 403 answer") +
          "\n<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>\n")
    tsv("blocked", [(f"{SITE}/", "../sample/home.html"), (f"{SITE}/cities/", "403.html", "403")])

    # extra-city: /cities/ lists Venice, which the homepage does not.
    extra = [(r, ns + [EXTRA[1]] if r == EXTRA[0] else ns) for r, ns in REGIONS]
    write("extra-city/cities.html", cities_page(extra, "c40.org/cities/ as in the sample, plus "
                                                "Venice, which the homepage does not list"))
    write(f"extra-city/cities/{slug(EXTRA[1])}.html", city_page(EXTRA[1]))
    tsv("extra-city", [(f"{SITE}/", "../sample/home.html"), (f"{SITE}/cities/", "cities.html")]
        + [(u, f if slug(EXTRA[1]) in f else "../sample/" + f) for u, f in city_rows(extra)])

    # inactive: an older-style, short homepage and a /cities/ page with the
    # "Temporarily Inactive" group.
    active = [("Europe", ["London", "Paris"]), ("Latin America", ["Bogotá"])]
    old = active + [("Temporarily Inactive", INACTIVE)]
    write("inactive/home.html", home_page(["London", "Bogotá", "Caracas", "Paris", "Moscow", "Venice"],
                                          "an older-style c40.org homepage naming three active "
                                          "and three temporarily inactive members"))
    write("inactive/cities.html", cities_page(old, "an older c40.org/cities/ with the group "
                                              "Temporarily Inactive"))
    for n in INACTIVE:
        write(f"inactive/cities/{slug(n)}.html", city_page(n))
    tsv("inactive", [(f"{SITE}/", "home.html"), (f"{SITE}/cities/", "cities.html")]
        + [(u, f if any(slug(n) in f for n in INACTIVE) else "../sample/" + f)
           for u, f in city_rows(old)])


if __name__ == "__main__":
    main()
