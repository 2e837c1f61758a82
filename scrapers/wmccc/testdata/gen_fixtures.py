# Generates the wmccc fixture cases from the names below (python3 gen_fixtures.py).
# The malformed case and the sample's specs/ are written by hand; goldens come
# from go test ./scrapers/wmccc/ -update.
import os
root = os.path.dirname(os.path.abspath(__file__))
LIVE = "http://www.worldmayorscouncil.org/"
ARCH = "https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/"
M = [("Park Won-soon", "members/profiles/park-won-soon.html", "Mayor", "Seoul", "South Korea", "Chair from June 2012"),
     ("Jürgen Nimptsch", "members/profiles/juergen-nimptsch.html", "Mayor", "Bonn", "Germany", "Vice-Chair from 2009"),
     ("Marcelo Ebrard", "members/profiles/marcelo-ebrard.html", "Former Mayor", "Mexico City", "Mexico", "Former Chair"),
     ("Yorikane Masumoto", "members/profiles/yorikane-masumoto.html", "Former Mayor", "Kyoto", "Japan", "Founder (2005)"),
     ("Bärbel Dieckmann", "members/profiles/baerbel-dieckmann.html", "Former Mayor", "Bonn", "Germany", "Chair until 2009"),
     ("Martin Chavez", "", "Former Mayor", "Albuquerque", "USA", "")]

def head(what, title):
    return f"""<!DOCTYPE html>
<!-- Reconstructed from shared/sites/README.md, not captured:
     {what}.
     The members, their cities and roles are the six that README names; the
     sentences are its quotation of members.html; the TYPO3 markup
     (css_styled_content's table.contenttable) and the list's URL are a guess. -->
<html lang="en"><head><meta charset="utf-8"><title>{title} - World Mayors Council on Climate Change</title></head>
<body>
<div id="header"><a href="index.html">World Mayors Council on Climate Change</a></div>
<div id="menu"><ul><li><a href="about/mission-and-method.html">About</a></li><li class="act"><a href="members.html">Members</a></li><li><a href="join/joining-the-council.html">Join</a></li></ul></div>
<div id="content">
"""
FOOT = """</div>
<div id="footer"><p>hosted by ICLEI &ndash; Local Governments for Sustainability, Kaiser-Friedrich-Str. 7, 53113 Bonn, Germany</p></div>
</body></html>
"""

def members_page(what):
    return head(what, "Members") + """<div class="csc-default"><h1>A diverse membership</h1>
<p>Over 80 members form the World Mayors Council. Mayors, Former Mayors, Governors and Councillors &hellip;</p>
<p><a href="members/list-of-members.html">Access the full list of members</a> and browse through their personal profiles.</p>
</div>
""" + FOOT

def list_page(what, rows):
    out = head(what, "List of members") + '<div class="csc-default"><h1>List of members</h1>\n'
    if rows:
        out += '<table class="contenttable contenttable-0">\n<thead><tr><th>Member</th><th>Title</th><th>City</th><th>Country</th><th>Council</th></tr></thead>\n<tbody>\n'
        for person, link, title, city, country, role in rows:
            p = f'<a href="{link}">{person}</a>' if link else person
            out += f"<tr><td>{p}</td><td>{title}</td><td>{city}</td><td>{country}</td><td>{role}</td></tr>\n"
        out += "</tbody>\n</table>\n"
    else:
        out += "<p>The list of members is being updated.</p>\n"
    return out + "</div>\n" + FOOT

def write(case, files, urls, guard=None, error=None):
    d = os.path.join(root, case); os.makedirs(d, exist_ok=True)
    for n, body in files.items():
        open(os.path.join(d, n), "w").write(body)
    open(os.path.join(d, "urls.tsv"), "w").write("".join("\t".join(u) + "\n" for u in urls))
    if guard: open(os.path.join(d, "guard.txt"), "w").write(guard + "\n")
    if error: open(os.path.join(d, "error.txt"), "w").write(error + "\n")

NOT_FOUND = """<!DOCTYPE html>
<!-- Reconstructed from shared/sites/README.md, not captured: the 404 page the dormant site answers. -->
<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>
"""

def archived(case, what, rows, guard=None, error=None, archive_status=None):
    # The live 404 page is the same in every case: only sample holds it.
    files = {"members.html": members_page(what + " (members page)"), "list.html": list_page(what, rows)}
    if case == "sample":
        files["live-404.html"] = NOT_FOUND
    st = (archive_status,) if archive_status else ()
    urls = [(LIVE + "members.html", "live-404.html" if case == "sample" else "../sample/live-404.html", "404"),
            (ARCH + "members.html", "members.html") + st,
            (ARCH + "members/list-of-members.html", "list.html") + st]
    write(case, files, urls, guard, error)

archived("sample", "the 2014 Wayback capture of members.html and of its full list", M, guard="ok")
archived("short-list", "a 2014 capture of the full list holding three members", M[:3], guard="below the floor of 5")
archived("zero-members", "a capture of the full list page while it was being updated", [], guard="zero members")
archived("no-capture", "the archive without a capture of the pages", M, error="404", archive_status="404")
write("live", {"members.html": members_page("the live members.html, as if the site still answered"),
               "list.html": list_page("the live full list, as if the site still answered", M)},
      [(LIVE + "members.html", "members.html"), (LIVE + "members/list-of-members.html", "list.html")], guard="ok")
