package scrapers

import (
	"net/url"
	"regexp"
	"strings"
)

// waybackPath matches the path of a web-archive capture URL:
// /web/<timestamp><modifier>/<original URL>, as the Wayback Machine and
// servers compatible with it (pywb, a local fake) publish them. The
// timestamp is 1 to 14 digits ("2014" asks for the capture nearest to
// 2014); the modifier ("id_" for the original bytes, "if_", "js_" …) is
// optional. Only the scheme of the original URL is required, because
// servers collapse "http://" to "http:/" in paths.
var waybackPath = regexp.MustCompile(`^/web/(\d{1,14})([a-z]{2}_)?/((?i:https?):/.*)$`)

// capture is a web-archive capture URL taken apart.
type capture struct {
	archive  *url.URL // the archive's origin (scheme and host)
	stamp    string   // timestamp and modifier: "20140301000000id_"
	original string   // the captured page's own URL
}

// parseCapture reads a capture URL; ok is false for any other URL.
func parseCapture(u *url.URL) (capture, bool) {
	m := waybackPath.FindStringSubmatch(u.EscapedPath())
	if m == nil || u.Host == "" {
		return capture{}, false
	}
	orig := m[3]
	if u.RawQuery != "" {
		orig += "?" + u.RawQuery
	}
	return capture{
		archive:  &url.URL{Scheme: u.Scheme, Host: u.Host},
		stamp:    m[1] + m[2],
		original: fixScheme(orig),
	}, true
}

// fixScheme restores the "//" that archives collapse in embedded URLs
// ("http:/www.example.org/" → "http://www.example.org/").
func fixScheme(s string) string {
	i := strings.Index(s, ":/")
	if i < 0 || strings.HasPrefix(s[i:], "://") {
		return s
	}
	return s[:i] + "://" + s[i+2:]
}

// wrap is the capture URL of original at c's archive and capture time.
func (c capture) wrap(original string) string {
	return c.archive.String() + "/web/" + c.stamp + "/" + original
}

// resolveInCapture resolves a link found on a web-archive capture so that
// it stays in the archive at the same capture time. A capture page's links
// come in every form: rewritten by the archive ("/web/<ts>/http://…",
// perhaps of another timestamp and without "id_"), relative to the
// original page ("full-list.html"), root-relative to the original site
// ("/members/full-list.html", which plain resolution would send to the
// archive's own root) or absolute to the original site, which would leave
// the archive for a live site that may be long gone. Each is resolved
// against the captured page's own URL and wrapped again with the page's
// timestamp and modifier, so that a dated read never mixes in pages of
// another date or of today. ok is false when the link leaves the web (a
// mailto: link, say) and so is not rewritten.
func resolveInCapture(c capture, link *url.URL) (string, bool) {
	if link.Host == "" || strings.EqualFold(link.Host, c.archive.Host) {
		abs := c.archive.ResolveReference(link)
		if inner, ok := parseCapture(abs); ok {
			return c.wrap(inner.original), true
		}
	}
	base, err := url.Parse(c.original)
	if err != nil {
		return "", false
	}
	target := base.ResolveReference(link)
	if target.Scheme != "http" && target.Scheme != "https" {
		return "", false
	}
	return c.wrap(target.String()), true
}
