package scrapers

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/citynets/citynets"
)

// Core field names a spec may set; anything else is "attributes.<name>".
const (
	fieldName        = "name"
	fieldCountry     = "country"
	fieldKey         = "key"
	fieldMemberType  = "member_type"
	fieldMemberSince = "member_since"
	fieldRegion      = "region"
	attrPrefix       = "attributes."
)

func knownField(name string) bool {
	switch name {
	case fieldName, fieldCountry, fieldKey, fieldMemberType, fieldMemberSince, fieldRegion:
		return true
	}
	return strings.HasPrefix(name, attrPrefix) && len(name) > len(attrPrefix)
}

// value reads the field from sel; ok is false when nothing matched.
func (f *Field) value(sel *goquery.Selection) (string, bool) {
	s := sel
	if f.Select != "" {
		s = sel.Find(f.Select)
	}
	var vals []string
	s.EachWithBreak(func(_ int, e *goquery.Selection) bool {
		if v := f.read(e); v != "" {
			vals = append(vals, v)
		}
		return f.All
	})
	if len(vals) == 0 {
		return f.Default, f.Default != ""
	}
	return strings.Join(vals, "; "), true
}

func (f *Field) read(e *goquery.Selection) string {
	if f.spaced && f.Attr == "" && !f.Own {
		// A sentence split over elements with nothing between them
		// ("<b>C40 has</b><span>97</span>…") reads as one only with the
		// boundaries spaced; a number split over elements ("1<i>,</i>500")
		// only without, so the plain text is the fallback.
		if v := f.match(clean(spacedText(e))); v != "" {
			return v
		}
	}
	var v string
	switch {
	case f.Attr != "":
		v, _ = e.Attr(f.Attr)
	case f.Own:
		v = ownText(e)
	default:
		v = e.Text()
	}
	return f.match(clean(v))
}

// match applies the field's pattern to a cleaned value: its first group,
// else the whole match, else "" when it does not match.
func (f *Field) match(v string) string {
	if f.re != nil {
		m := f.re.FindStringSubmatch(v)
		switch {
		case m == nil:
			return ""
		case len(m) > 1:
			v = clean(m[1])
		default:
			v = clean(m[0])
		}
	}
	return v
}

// spacedText is the text of e with a space at every element boundary, and
// without the contents of scripts and styles: the words a reader sees as
// separate stay separate even when the markup puts nothing between them.
func spacedText(e *goquery.Selection) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
			b.WriteByte(' ')
			defer b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range e.Nodes {
		walk(n)
	}
	return b.String()
}

// ownText is the text of e's own text nodes, without its children's.
func ownText(e *goquery.Selection) string {
	var b strings.Builder
	for _, n := range e.Nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// clean collapses white space (including no-break spaces) and trims.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// readFields applies every field of fs to sel.
func readFields(fs map[string]Field, sel *goquery.Selection, into map[string]string) {
	for name, f := range fs {
		if v, ok := f.value(sel); ok {
			into[name] = v
		}
	}
}

// readLabels reads label/value pairs; unmapped labels become attributes and
// are returned so the caller can report them.
func readLabels(l *Labels, sel *goquery.Selection, into map[string]string) (unaudited []string) {
	if l == nil {
		return nil
	}
	sel.Find(l.Items).Each(func(_ int, e *goquery.Selection) {
		label := strings.TrimSuffix(clean(e.Find(l.Label).First().Text()), ":")
		value := clean(e.Find(l.Value).Text())
		if label == "" || value == "" || contains(l.Ignore, label) {
			return
		}
		if field, ok := l.Map[label]; ok {
			into[field] = value
			return
		}
		into[attrPrefix+attrKey(label)] = value
		label, _, _ = sanitize(label) // for the note; the key is counted later
		unaudited = append(unaudited, label)
	})
	return unaudited
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// attrKey turns a published label into an attribute key ("Type of partner"
// → "type_of_partner").
func attrKey(label string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '/' || r == ':' || r == '.' || r == '(' || r == ')' {
			return ' '
		}
		return r
	}, label))), "_")
}

// dateLayouts are tried when a field names no format.
var dateLayouts = []string{time.DateOnly, "02.01.2006", "2.1.2006", "02/01/2006", "January 2, 2006", "2 January 2006", "January 2006", "2006"}

func parseDate(v, layout string) (time.Time, error) {
	layouts := dateLayouts
	if layout != "" {
		layouts = []string{layout}
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q matches no layout", v)
}

// apply sets a member's fields from read values. It returns a note for a
// value it could not use, so that nothing is dropped silently.
func apply(m *citynets.Member, vals map[string]string, fs map[string]Field, typeMap map[string]string) []string {
	var notes []string
	for name, v := range vals {
		switch name {
		case fieldName:
			m.Name = trimSeparators(v)
		case fieldCountry:
			m.CountryPublished = trimSeparators(v)
		case fieldKey:
			m.MemberKey = v
		case fieldRegion:
			m.NetworkRegion = v
		case fieldMemberType:
			t, ok := mapType(v, typeMap)
			if !ok {
				m.Attributes["member_type_published"] = v
				notes = append(notes, fmt.Sprintf("%s: member type %q is in no type_map; recorded as other", m.Name, v))
			}
			m.MemberType = t
		case fieldMemberSince:
			t, err := parseDate(v, fs[name].Format)
			if err != nil {
				m.Attributes["member_since_published"] = v
				notes = append(notes, fmt.Sprintf("%s: %v", m.Name, err))
				continue
			}
			m.MemberSince = t
		default:
			m.Attributes[strings.TrimPrefix(name, attrPrefix)] = v
		}
	}
	return notes
}

// mapType maps a published member type to ours; ok is false when neither
// the lookup nor our own vocabulary knows it.
func mapType(v string, typeMap map[string]string) (string, bool) {
	for k, t := range typeMap {
		if strings.EqualFold(k, v) {
			return t, true
		}
	}
	switch t := strings.ToLower(v); t {
	case citynets.TypeCity, citynets.TypeRegion, citynets.TypeAssociation, citynets.TypeOther:
		return t, true
	}
	return citynets.TypeOther, false
}

// stripWords removes whole words (icon ligatures) from a name.
func stripWords(name string, words []string) string {
	if len(words) == 0 {
		return name
	}
	f := strings.Fields(name)
	out := f[:0]
	for _, w := range f {
		if !contains(words, w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// MaxFieldRunes is the longest value, in characters, that any extracted
// field keeps.
const MaxFieldRunes = 1000

// sanitize makes an extracted value valid UTF-8 of at most MaxFieldRunes
// characters: invalid bytes become U+FFFD and a longer value is cut on a
// character boundary. It reports what it did, for the network's counters.
func sanitize(s string) (out string, repaired, truncated bool) {
	if !utf8.ValidString(s) {
		s, repaired = strings.ToValidUTF8(s, "\uFFFD"), true
	}
	if len(s) > MaxFieldRunes { // cheap: fewer bytes means fewer runes
		n := 0
		for i := range s {
			if n == MaxFieldRunes {
				s, truncated = strings.TrimSpace(s[:i]), true
				break
			}
			n++
		}
	}
	return s, repaired, truncated
}

// fieldRepairs counts the fields sanitize changed.
type fieldRepairs struct{ invalid, truncated int }

func (c *fieldRepairs) fix(s string) string {
	s, rep, cut := sanitize(s)
	if rep {
		c.invalid++
	}
	if cut {
		c.truncated++
	}
	return s
}

// sanitizeValues repairs every key and value read from a page, before they
// become a member.
func (c *fieldRepairs) sanitizeValues(vals map[string]string) {
	for k, v := range vals {
		fk, fv := c.fix(k), c.fix(v)
		if fk != k {
			delete(vals, k)
		}
		vals[fk] = fv
	}
}

// sanitizeMember repairs what a network's own Item code may have set from
// the page; values already repaired pass unchanged and uncounted.
func (c *fieldRepairs) sanitizeMember(m *citynets.Member) {
	for _, p := range []*string{&m.Name, &m.CountryPublished, &m.MemberType, &m.NetworkRegion} {
		*p = c.fix(*p)
	}
	// A derived key joins capped fields and may be longer than one; it and
	// the page URL are only repaired.
	for _, p := range []*string{&m.MemberKey, &m.SourceURL} {
		if !utf8.ValidString(*p) {
			*p = strings.ToValidUTF8(*p, "\uFFFD")
			c.invalid++
		}
	}
	for k, v := range m.Attributes {
		fk, fv := c.fix(k), c.fix(v)
		if fk != k {
			delete(m.Attributes, k)
		}
		m.Attributes[fk] = fv
	}
}
