# Generates the metropolis fixture cases from the names below (python3 gen_fixtures.py).
# The malformed case and the sample's specs/ are written by hand; goldens come
# from go test ./scrapers/metropolis/ -update.
import os, sys
root = os.path.dirname(os.path.abspath(__file__))
HEAD = """<!DOCTYPE html>
<!-- Reconstructed from shared/sites/README.md, not captured:
     {what}.
     Member names, the regions, and the years Berlin 1991, Kazan/Goyang/Grand
     Paris 2017 and Barcelona (founder) 1985 are from that README; the
     countries, published types and all markup (Drupal 8 defaults) are a guess. -->
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>{title} | Metropolis</title></head>
<body class="path-{path}">
<header role="banner"><a href="/" rel="home">Metropolis</a></header>
<main role="main">
"""
FOOT = """</main>
<footer role="contentinfo"><p>Metropolis, World Association of the Major Metropolises</p></footer>
</body></html>
"""
# slug, name, country, region, type, since
M = [
 ("abidjan", "Abidjan", "Côte d'Ivoire", "Africa", "City government", ""),
 ("area-metropolitana-de-barcelona", "Área Metropolitana de Barcelona", "Spain", "Europe", "Metropolitan government", "1985"),
 ("berlin", "Berlin", "Germany", "Europe", "City government", "1991"),
 ("citta-metropolitana-di-torino", "Città metropolitana di Torino", "Italy", "Europe", "Metropolitan government", ""),
 ("gauteng", "Gauteng", "South Africa", "Africa", "Regional government", ""),
 ("goyang", "Goyang", "Republic of Korea", "Asia & Pacific", "City government", "2017"),
 ("greater-manchester-combined-authority", "Greater Manchester Combined Authority", "United Kingdom", "Europe", "Metropolitan government", ""),
 ("kazan", "Kazan", "Russia", "Europe", "City government", "2017"),
 ("metropole-du-grand-paris", "Métropole du Grand Paris", "France", "Europe", "Metropolitan government", "2017"),
 ("montevideo", "Montevideo", "Uruguay", "Americas & Caribbean", "City government", ""),
]
BY = {m[0]: m for m in M}

def esc(s): return s.replace("&", "&amp;")

def row(m):
    slug, name, country = m[0], m[1], m[2]
    return f"""      <div class="views-row">
        <div class="views-field views-field-title"><span class="field-content"><a href="/partners/{slug}" hreflang="en">{esc(name)}</a></span></div>
        <div class="views-field views-field-field-country"><div class="field-content">{esc(country)}</div></div>
      </div>
"""

def listpage(what, members, page, total, more, first=0):
    out = HEAD.format(what=what, title="Members", path="members-list")
    out += '<div class="view view-members-list view-id-members_list view-display-id-page_1">\n'
    if members:
        out += f'  <div class="view-header"><p>Displaying {first+1} - {first+len(members)} of {total}</p></div>\n'
        out += '  <div class="view-content">\n' + "".join(row(BY[s]) for s in members) + '  </div>\n'
    else:
        out += '  <div class="view-empty"><p>No members found.</p></div>\n'
    out += '  <nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4>\n    <ul class="pager__items js-pager__items">\n'
    if page > 0:
        out += f'      <li class="pager__item pager__item--previous"><a href="?page={page-1}" title="Go to previous page" rel="prev">‹ Previous</a></li>\n'
    out += f'      <li class="pager__item is-active"><a href="?page={page}" title="Current page">{page+1}</a></li>\n'
    if more:
        out += f'      <li class="pager__item pager__item--next"><a href="?page={page+1}" title="Go to next page" rel="next">Next ›</a></li>\n'
    out += '    </ul>\n  </nav>\n</div>\n' + FOOT
    return out

def field(label, value):
    return f'    <div class="field field--label-inline"><div class="field__label">{label}</div><div class="field__item">{esc(value)}</div></div>\n'

def detail(what, m, extra=()):
    slug, name, country, region, typ, since = m
    out = HEAD.format(what=what, title=esc(name), path="node")
    out += f'<article role="article" class="node node--type-partner node--view-mode-full">\n  <h1 class="page-title"><span>{esc(name)}</span></h1>\n  <div class="node__content">\n'
    out += field("Type of partner", "Member") + field("Type", typ) + field("Region", region) + field("Country", country)
    if since: out += field("Member since", since)
    for l, v in extra: out += field(l, v)
    out += '    <div class="field field--name-body field--label-hidden"><div class="field__item"><p>A member of Metropolis.</p></div></div>\n'
    out += '  </div>\n</article>\n' + FOOT
    return out

def write(case, files, urls):
    d = os.path.join(root, case); os.makedirs(d, exist_ok=True)
    for n, body in files.items():
        open(os.path.join(d, n), "w").write(body)
    open(os.path.join(d, "urls.tsv"), "w").write("".join("\t".join(u) + "\n" for u in urls))

BASE = "https://www.metropolis.org"
LIST = BASE + "/members-list?page="
def std(case, what, pages, total, extras={}):
    files, urls = {}, []
    first = 0
    for i, p in enumerate(pages):
        n = f"list-{i}.html"
        files[n] = listpage(what, p, i, total, i < len(pages) - 1, first)
        first += len(p)
        urls.append((LIST + str(i), n))
    for p in pages:
        for s in p:
            n = f"partner-{s}.html"
            files[n] = detail(what, BY[s], extras.get(s, ()))
            urls.append((BASE + "/partners/" + s, n))
    write(case, files, urls)

slugs = [m[0] for m in M]
std("sample", "the members-list view, two pages of five, and each member's page", [slugs[:5], slugs[5:]], 10)
std("short-list", "a members-list page cut short (two members, no pager) whose summary still says 142", [slugs[:2]], 142)
std("new-label", "a member page with a label the spec does not map (Mayor)", [["berlin", "kazan"]], 2,
    {"berlin": [("Mayor", "Kai Wegner")]})
write("zero-members", {"list-0.html": listpage("the members-list view when it lists nothing", [], 0, 0, False)},
      [(LIST + "0", "list-0.html")])
