package mapview

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
)

func render(t *testing.T, in Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, in); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.String()
}

// between returns the text between the first open and the next close.
func between(t *testing.T, s, open, close string) string {
	t.Helper()
	i := strings.Index(s, open)
	if i < 0 {
		t.Fatalf("no %q in page", open)
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		t.Fatalf("no %q after %q", close, open)
	}
	return s[:j]
}

func embeddedData(t *testing.T, page string) pageData {
	t.Helper()
	raw := between(t, page, `<script type="application/json" id="citynets-data">`, `</script>`)
	var d pageData
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		t.Fatalf("embedded data is not JSON: %v", err)
	}
	return d
}

// hostile puts markup into every text the page shows.
func hostile() Input {
	in := fixtureInput()
	in.SnapshotID = `</script><script>alert("id")</script>`
	in.ParentID = `"><img src=x onerror=alert("parent")>`
	in.Networks = append(in.Networks, Network{ID: "evil", Name: `<b onmouseover=alert("net")>Evil</b>`})
	in.Members = append(in.Members, citynets.Member{Network: "evil", MemberKey: "x", Name: xssName,
		Match: citynets.Match{PlaceID: "geonames:1"}})
	in.Places = append(in.Places, citynets.Place{PlaceID: "geonames:1", Name: scriptName,
		ASCIIName: `<!-- <script>`, CountryCode: "<x>", CountryName: `&amp; <svg onload=alert(1)>`,
		Latitude: 1, Longitude: 1, Networks: []string{"evil"}, MemberKeys: []string{"evil/x"}})
	in.Changes = append(in.Changes, citynets.Change{Network: "evil", MemberKey: "x", Change: citynets.Joined, NewName: xssName})
	return in
}

func TestRenderKeepsMarkupInert(t *testing.T) {
	in := hostile()
	page := render(t, in)

	// Only our two scripts, no injected element or handler anywhere.
	for _, s := range []string{"<img", "<svg onload", "<b onmouseover", "<!-- <script"} {
		if strings.Contains(page, s) {
			t.Errorf("page contains raw %q", s)
		}
	}
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("%d <script tags, want 2", n)
	}
	if n := strings.Count(page, "</script"); n != 2 {
		t.Errorf("%d </script tags, want 2", n)
	}
	if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(&#34;id&#34;)&lt;/script&gt;") {
		t.Error("snapshot id is not HTML-escaped in the header")
	}

	// The data survives the trip intact: escaped, not mangled.
	d := embeddedData(t, page)
	if d.Snapshot.ID != in.SnapshotID || d.Snapshot.Parent != in.ParentID {
		t.Errorf("snapshot = %+v", d.Snapshot)
	}
	var evil *networkData
	for i := range d.Networks {
		if d.Networks[i].ID == "evil" {
			evil = &d.Networks[i]
		}
	}
	if evil == nil || evil.Name != `<b onmouseover=alert("net")>Evil</b>` {
		t.Fatalf("evil network = %+v", evil)
	}
	var found bool
	for _, p := range d.Places {
		if p.Name == scriptName {
			found = true
			if p.ASCII != `<!-- <script>` || p.CountryName != `&amp; <svg onload=alert(1)>` {
				t.Errorf("place texts changed: %+v", p)
			}
			if len(p.Published) != 1 || p.Published[0].Name != xssName {
				t.Errorf("published = %+v", p.Published)
			}
		}
	}
	if !found {
		t.Error("hostile place missing from data")
	}
}

func TestMarshalDataEscapes(t *testing.T) {
	d := pageData{Snapshot: snapshotData{ID: "</script>\u2028<!--&"}}
	b, err := marshalData(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("encoded data contains %q: %s", bad, b)
		}
	}
}

func TestRenderCSPMatchesInlineCode(t *testing.T) {
	page := render(t, fixtureInput())
	policy := between(t, page, `<meta http-equiv="Content-Security-Policy" content="`, `"`)
	policy = html.UnescapeString(policy)
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	js := between(t, page, "</script>\n<script>", "</script>")
	css := between(t, page, "<style>", "</style>")
	for name, want := range map[string]string{"script-src": hash(js), "style-src": hash(css)} {
		if !strings.Contains(policy, name+" "+want) {
			t.Errorf("policy %q lacks %s %s", policy, name, want)
		}
	}
	if !strings.HasPrefix(policy, "default-src 'none'") {
		t.Errorf("policy %q does not start from default-src 'none'", policy)
	}
}

func TestRenderLoadsNothing(t *testing.T) {
	page := render(t, fixtureInput())
	// Every src and href: only the empty data: favicon and plain links
	// (navigation on click, never a load).
	re := regexp.MustCompile(`<(\w+)[^>]*\b(src|href)="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		tag, attr, val := m[1], m[2], m[3]
		switch {
		case tag == "link" && val == "data:,":
		case tag == "a" && attr == "href":
		default:
			t.Errorf("<%s %s=%q> would load something", tag, attr, val)
		}
	}
	for _, s := range []string{"@import", "url(", "fetch(", "XMLHttpRequest", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"} {
		if strings.Contains(page, s) {
			t.Errorf("page uses %q", s)
		}
	}
}

func TestRenderHeaderAndPanels(t *testing.T) {
	tests := []struct {
		name        string
		in          Input
		wantChanges bool
		want        []string
	}{
		{"with changes", fixtureInput(), true, []string{
			"20261127T020000Z-k3f", "27 November 2026, 02:00 UTC", "parent <code>20261126T020000Z-a1b</code>",
			"GeoNames", "CC BY 4.0", "Natural Earth",
		}},
		{"no changes, no parent", func() Input {
			in := fixtureInput()
			in.Changes, in.ParentID = nil, ""
			in.AsOf = time.Time{}
			return in
		}(), false, []string{"20261127T020000Z-k3f", "GeoNames", "Natural Earth"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := render(t, tt.in)
			if got := strings.Contains(page, `id="changes"`); got != tt.wantChanges {
				t.Errorf("changes panel present = %v, want %v", got, tt.wantChanges)
			}
			for _, s := range tt.want {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			if !tt.wantChanges && strings.Contains(page, "parent <code>") {
				t.Error("page names a parent it does not have")
			}
		})
	}
}

func TestRenderEmpty(t *testing.T) {
	page := render(t, Input{SnapshotID: "empty"})
	d := embeddedData(t, page)
	if len(d.Networks) != 0 || len(d.Places) != 0 || d.Changes != nil {
		t.Errorf("empty input gave %+v", d)
	}
	if !strings.Contains(page, `"networks":[]`) || !strings.Contains(page, `"places":[]`) {
		t.Error("empty lists must be encoded as [], not null: the script maps over them")
	}
}
