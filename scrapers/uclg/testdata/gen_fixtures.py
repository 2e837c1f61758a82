# Generates the uclg fixture cases from the names below (python3 gen_fixtures.py).
# The malformed case and the sample's specs/ are written by hand; goldens come
# from go test ./scrapers/uclg/ -update.
import os
root = os.path.dirname(os.path.abspath(__file__))
SRC_ASPAC = """     Names, each a real UCLG ASPAC member: ACVN, ADDCN and ADEKSI from the
     acronym list of the UCLG ASPAC Organization Profile (issuu.com/uclg-aspac);
     Surabaya, Jakarta, Guangzhou, Seoul and Kathmandu from the lead's brief.
     Their exact spelling on this list is not known; the markup is a guess."""
SRC_CEMR = """     Names, each a real CEMR member association: Deutscher Städtetag, VNG,
     SKR, LGA and AMF from the lead's brief; Österreichischer Städtebund from
     Wikipedia's CEMR article; FEMP from UCLG's Committee on Statutory Affairs
     report of 2017. Their exact spelling on this page is not known; the
     markup (Drupal views defaults) is a guess."""
ASSOC = [("Viet Nam", "Association of Cities of Vietnam (ACVN)"),
         ("Nepal", "Association of District Development Committees of Nepal (ADDCN)"),
         ("Indonesia", "Indonesian City Councils Association (ADEKSI)")]
CITIES = [("China", "Guangzhou"),
          ("Indonesia", "Jakarta"),
          ("Nepal", "Kathmandu Metropolitan City"),
          ("Republic of Korea", "Seoul Metropolitan Government"),
          ("Indonesia", "Surabaya")]
CEMR = [("Austria", "Österreichischer Städtebund", "https://www.staedtebund.gv.at/"),
        ("France", "Association des Maires de France et des présidents d'intercommunalité (AMF)", "https://www.amf.asso.fr/"),
        ("Germany", "Deutscher Städtetag", "https://www.staedtetag.de/"),
        ("Netherlands", "Vereniging van Nederlandse Gemeenten (VNG)", "https://vng.nl/"),
        ("Spain", "Federación Española de Municipios y Provincias (FEMP)", "https://www.femp.es/"),
        ("Sweden", "Sveriges Kommuner och Regioner (SKR)", "https://skr.se/"),
        ("United Kingdom", "Local Government Association (LGA)", "https://www.local.gov.uk/")]

def esc(s): return s.replace("&", "&amp;")

def aspac(what, groups):
    out = f"""<!DOCTYPE html>
<!-- Reconstructed from shared/sites/README.md, not captured: {what}.
{SRC_ASPAC} -->
<html lang="en-US"><head><meta charset="UTF-8"><title>List of Members &#8211; UCLG ASPAC</title></head>
<body class="page-template-default page">
<header id="masthead" class="site-header"><a href="https://uclg-aspac.org/">UCLG ASPAC</a></header>
<main id="main" class="site-main"><article class="page type-page">
<h1 class="entry-title">List of Members</h1>
<div class="entry-content">
"""
    for title, rows in groups:
        out += f'<div class="wp-block-group"><div class="wp-block-group__inner-container">\n<h3 class="wp-block-heading">{title} ({len(rows)})</h3>\n'
        out += '<figure class="wp-block-table"><table><thead><tr><th>Country</th><th>Member</th></tr></thead><tbody>\n'
        for c, n in rows:
            out += f"<tr><td>{esc(c)}</td><td>{esc(n)}</td></tr>\n"
        out += "</tbody></table></figure>\n</div></div>\n"
    if not groups:
        out += "<p>The list of members is being updated. Please contact the Secretariat.</p>\n"
    out += "</div></article></main>\n<footer class=\"site-footer\"><p>UCLG ASPAC, Jakarta</p></footer>\n</body></html>\n"
    return out

def cemr(what, rows):
    out = f"""<!DOCTYPE html>
<!-- Reconstructed from shared/sites/README.md, not captured: {what}.
{SRC_CEMR} -->
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>National Associations | CEMR</title></head>
<body class="path-national-associations">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<main role="main"><h1>National Associations</h1>
<p>CEMR National associations strive to empower cities, municipalities, counties, provinces, and regions.</p>
<div class="view view-national-associations view-id-national_associations view-display-id-page_1">
"""
    if rows:
        out += '  <div class="view-content">\n'
        for c, n, url in rows:
            out += f"""    <div class="views-row">
      <div class="views-field views-field-title"><span class="field-content"><a href="{url}">{esc(n)}</a></span></div>
      <div class="views-field views-field-field-country"><div class="field-content">{esc(c)}</div></div>
    </div>
"""
        out += "  </div>\n"
    else:
        out += '  <div class="view-empty"><p>No results.</p></div>\n'
    out += "</div>\n</main>\n</body></html>\n"
    return out

def write(case, files, urls, guard=None, error=None):
    d = os.path.join(root, case); os.makedirs(d, exist_ok=True)
    sample = os.path.join(root, "sample")
    for n, body in files.items():
        same = os.path.join(sample, n)
        if case != "sample" and os.path.exists(same) and open(same).read() == body:
            # A page the sample already holds is pointed at, not copied.
            urls = [tuple("../sample/" + n if x == n else x for x in u) for u in urls]
            if os.path.exists(os.path.join(d, n)):
                os.remove(os.path.join(d, n))
            continue
        open(os.path.join(d, n), "w").write(body)
    open(os.path.join(d, "urls.tsv"), "w").write("".join("\t".join(u) + "\n" for u in urls))
    if guard: open(os.path.join(d, "guard.txt"), "w").write(guard + "\n")
    if error: open(os.path.join(d, "error.txt"), "w").write(error + "\n")

A = "https://uclg-aspac.org/list-of-members"
C = "https://ccre-cemr.org/national-associations"
def case(name, what_a, groups, what_c, rows, guard=None, error=None, aspac_status=None):
    urls = [(A, "aspac.html") + ((aspac_status,) if aspac_status else ()), (C, "cemr.html")]
    write(name, {"aspac.html": aspac(what_a, groups), "cemr.html": cemr(what_c, rows)}, urls, guard, error)

case("sample", "UCLG ASPAC's list of members, two categories", [("National Associations of Local Governments", ASSOC), ("Cities and Local Governments", CITIES)],
     "CEMR's national associations page", CEMR, guard="ok")
case("short-list", "UCLG ASPAC's list of members, cut to two", [("Cities and Local Governments", CITIES[:2])],
     "CEMR's national associations page, cut to two", CEMR[:2], guard="below the floor of 80")
case("zero-members", "UCLG ASPAC's list page while it is being updated (no tables)", [],
     "CEMR's national associations page with an empty view", [], guard="zero members")
case("section-blocked", "UCLG ASPAC's error page (the site answers 403)", [],
     "CEMR's national associations page", CEMR, error="HTTP 403", aspac_status="403")
