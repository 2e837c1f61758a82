package mapview

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
)

var (
	//go:embed assets/page.html
	pageHTML string
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/page.js
	pageJS string
)

// errUnsafeJSON would mean the JSON encoder let a "<" through, which would
// let data close the script element; it is checked, not assumed.
var errUnsafeJSON = errors.New("embedded data contains '<'")

// pageView is what the page template fills in.
type pageView struct {
	CSP        string
	CSS        template.CSS
	JS         template.JS
	Data       template.JS
	Snapshot   snapshotData
	Created    string
	HasChanges bool
	World      *world
}

// Render writes the map page for in to w.
func Render(w io.Writer, in Input) error {
	wd, err := parseWorld(countriesTxt)
	if err != nil {
		return fmt.Errorf("render map: %w", err)
	}
	d := buildData(in)
	js, err := marshalData(d)
	if err != nil {
		return fmt.Errorf("render map: %w", err)
	}
	t, err := template.New("page").Parse(pageHTML)
	if err != nil {
		return fmt.Errorf("render map: parse page template: %w", err)
	}
	v := pageView{
		CSP:        csp(pageJS, pageCSS),
		CSS:        template.CSS(pageCSS),
		JS:         template.JS(pageJS),
		Data:       template.JS(js),
		Snapshot:   d.Snapshot,
		HasChanges: len(d.Changes) > 0,
		World:      wd,
	}
	if !in.AsOf.IsZero() {
		v.Created = in.AsOf.UTC().Format("2 January 2006, 15:04 UTC")
	}
	if err := t.Execute(w, v); err != nil {
		return fmt.Errorf("render map: %w", err)
	}
	return nil
}

// marshalData encodes the page data. encoding/json escapes <, > and & as
// \u003c, \u003e, \u0026 (and U+2028/U+2029), so no string in it can end
// the script element or open a comment; the check makes sure.
func marshalData(d pageData) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode data: %w", err)
	}
	if bytes.IndexByte(b, '<') >= 0 {
		return nil, errUnsafeJSON
	}
	return b, nil
}

// csp allows exactly the page's own script and style (by hash), data: for
// the empty favicon, and nothing else: no fetch, image, font or frame can
// leave the page, even if something slipped past the escaping.
func csp(js, css string) string {
	h := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; script-src " + h(js) + "; style-src " + h(css) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
}
