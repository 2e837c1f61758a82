package scrapers

import "testing"

// TestResolveInCapture checks that every form of link on a web-archive
// capture resolves inside the archive at the page's own capture time.
func TestResolveInCapture(t *testing.T) {
	const (
		page = "https://web.archive.org/web/20140301000000id_/http://www.worldmayorscouncil.org/members.html"
		want = "https://web.archive.org/web/20140301000000id_/http://www.worldmayorscouncil.org/members/full-list.html"
	)
	tests := []struct {
		name, base, link, want string
	}{
		{"rewritten by the archive", page, "/web/20140301000000/http://www.worldmayorscouncil.org/members/full-list.html", want},
		{"rewritten, another time", page, "/web/20131101123456/http://www.worldmayorscouncil.org/members/full-list.html", want},
		{"rewritten, absolute", page, "https://web.archive.org/web/2013/http://www.worldmayorscouncil.org/members/full-list.html", want},
		{"rewritten, collapsed scheme", page, "/web/20140301000000/http:/www.worldmayorscouncil.org/members/full-list.html", want},
		{"relative", "https://web.archive.org/web/20140301000000id_/http://www.worldmayorscouncil.org/members/list.html", "full-list.html", want},
		{"relative up", page, "members/full-list.html", want},
		{"root-relative", page, "/members/full-list.html", want},
		{"absolute to the original site", page, "http://www.worldmayorscouncil.org/members/full-list.html", want},
		{"short timestamp kept", "https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/members.html", "/members/full-list.html",
			"https://web.archive.org/web/2014id_/http://www.worldmayorscouncil.org/members/full-list.html"},
		{"no modifier kept", "https://web.archive.org/web/20140301000000/http://www.worldmayorscouncil.org/members.html", "full-list.html",
			"https://web.archive.org/web/20140301000000/http://www.worldmayorscouncil.org/full-list.html"},
		{"query of a paged list", page, "/members/full-list.html?page=2",
			"https://web.archive.org/web/20140301000000id_/http://www.worldmayorscouncil.org/members/full-list.html?page=2"},
		{"another archive", "http://127.0.0.1:8080/web/2014id_/http://www.worldmayorscouncil.org/members.html", "/members/full-list.html",
			"http://127.0.0.1:8080/web/2014id_/http://www.worldmayorscouncil.org/members/full-list.html"},
		{"mailto is left alone", page, "mailto:info@example.org", "mailto:info@example.org"},
		{"not a capture", "https://www.c40.org/cities/", "/cities/lagos/", "https://www.c40.org/cities/lagos/"},
		{"web path without an original URL", "https://example.org/web/2014/members.html", "/x.html", "https://example.org/x.html"},
	}
	for _, tt := range tests {
		if got := resolve(tt.base, tt.link); got != tt.want {
			t.Errorf("%s: resolve(%q, %q) = %q, want %q", tt.name, tt.base, tt.link, got, tt.want)
		}
	}
}
