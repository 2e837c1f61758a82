package induce

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// claimPhrases find a count the page states about itself, in the page's
// text read with element boundaries as spaces. Group 1 is an optional
// word before the number, group 2 the number, group 3 a "+", group 4 the
// words after it. "Displaying 1 - 20 of 142" is the second form.
var claimPhrases = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(?:\b(has|have|of|over|than|nearly|almost|about|around|with|all|our|total|counts?|includes?|unites?|connects?)\s+)?(\d[\d,.]*\d|\d)(\+?)\s+((?:(?:member|local|partner|participating|signatory)\s+)?(?:members?|cities|municipalities|governments|local governments|signatories|participants|partners|towns|regions|councils|local authorities|mayors))\b`),
	regexp.MustCompile(`(?i)\d+\s*[-–—]\s*\d+\s+(of)\s+(\d[\d,.]*\d|\d)()\s*((?:results|entries|members|items|records)?)`),
}

// atLeastWords before a count make it a lower bound.
var atLeastWords = map[string]bool{"over": true, "than": true}

// claim is a count the page states, with the element that holds it.
type claim struct {
	count   int
	atLeast bool
	field   Field
}

// findClaim reads the first count the page states and a selector plus
// pattern that read it back with the engine's rules: the smallest element
// holding the whole phrase, its text taken with no spaces added between
// elements.
func (in *inducer) findClaim(doc *goquery.Document) (claim, bool) {
	root := doc.Nodes[0]
	text, spans := flatText(root)
	for _, re := range claimPhrases {
		for _, m := range findNear(re, text) {
			n, ok := parseCount(text[m[4]:m[5]])
			if !ok || !standalone(text, m[4], m[1]) {
				continue
			}
			el := spanElement(spans, m[0], m[1])
			if el == nil {
				continue
			}
			prev := ""
			if m[2] >= 0 {
				prev = text[m[2]:m[3]]
			}
			plus := m[6] >= 0 && m[7] > m[6]
			pat := claimPattern(prev, text[m[8]:m[9]])
			for _, sel := range in.claimSelectors(el) {
				f := Field{Select: sel, Pattern: pat}
				v := in.c.read(root, f)
				if got, ok := parseCount(v); ok && got == n && in.c.m.first(root, sel) == el {
					f.AtLeast = plus || atLeastWords[strings.ToLower(prev)]
					return claim{count: n, atLeast: f.AtLeast, field: f}, true
				}
			}
		}
	}
	return claim{}, false
}

// claimWindow is how far around a number a claim phrase may reach.
const claimWindow = 64

// findNear runs re only on windows around the numbers in text: a regular
// expression over a whole 2 MB page is slow, numbers are few. Matches are
// returned with indexes into text, in order, at most 8.
func findNear(re *regexp.Regexp, text string) [][]int {
	var out [][]int
	next := 0 // text before next is done
	for i := 0; i < len(text) && len(out) < 8; i++ {
		if text[i] < '0' || text[i] > '9' || i < next {
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ',' || text[j] == '.') {
			j++
		}
		if !countFollows(text[j:]) {
			next = j
			continue
		}
		lo, hi := max(i-claimWindow, next), min(i+2*claimWindow, len(text))
		for utf8RuneStartBack(text, &lo) && lo > next && text[lo-1] != ' ' {
			lo-- // start at a word boundary
		}
		m := re.FindStringSubmatchIndex(text[lo:hi])
		if m == nil || lo+m[1] <= i {
			next = j
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += lo
			}
		}
		out = append(out, m)
		next, i = m[1], m[1]-1
	}
	return out
}

// countWords begin the word after a count that makes it a claim.
var countWords = []string{"member", "cit", "municip", "govern", "signator", "particip", "partner", "town",
	"region", "council", "local", "mayor", "result", "entr", "item", "record"}

// countFollows is true when rest, the text after a number, goes on like a
// claim: "+ members", " member cities", " - 20 of 142".
func countFollows(rest string) bool {
	rest = strings.TrimLeftFunc(rest, func(r rune) bool { return r == '+' || unicode.IsSpace(r) })
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") {
		return true
	}
	w := strings.ToLower(rest[:min(len(rest), 16)])
	for _, k := range countWords {
		if strings.HasPrefix(w, k) {
			return true
		}
	}
	return false
}

// standalone is false for a number that is part of a word ("C40") or the
// value of a label ("Population: 881068"), or a count followed by "since"
// or a colon ("Member since", "Members:"), which is a label too.
func standalone(text string, numStart, phraseEnd int) bool {
	if numStart > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:numStart])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		if strings.HasSuffix(strings.TrimRightFunc(text[:numStart], unicode.IsSpace), ":") {
			return false
		}
	}
	after := strings.TrimLeftFunc(text[phraseEnd:], unicode.IsSpace)
	return !strings.HasPrefix(after, ":") && !strings.HasPrefix(strings.ToLower(after), "since")
}

// utf8RuneStartBack moves *lo back to the start of a character; it reports
// whether *lo is then a valid place to start.
func utf8RuneStartBack(s string, lo *int) bool {
	for *lo > 0 && *lo < len(s) && s[*lo]&0xC0 == 0x80 {
		*lo--
	}
	return true
}

// claimPattern matches the phrase in text read without spaces between
// elements ("has97member cities"): every space may be missing. Without a
// word before it, the number must not follow a letter or digit in that
// text: "<b>C</b>40 Cities" is C40's name on screen, not a count of 40,
// though the page's text with element boundaries as spaces says "C 40
// Cities". A count glued to a word by markup alone is missed rather than
// misread.
func claimPattern(prev, after string) string {
	var b strings.Builder
	if prev != "" {
		b.WriteString(`(?i)` + regexp.QuoteMeta(prev) + `\s*`)
	} else {
		b.WriteString(`(?i)(?:^|[^\p{L}\p{N}])`)
	}
	b.WriteString(`(\d[\d,.]*)\+?`)
	for _, w := range strings.Fields(after) {
		b.WriteString(`\s*` + regexp.QuoteMeta(w))
	}
	return b.String()
}

// parseCount reads "1,500" or "1.500" as the engine does (separators
// dropped); counts outside 2..10,000,000 are no claim.
func parseCount(s string) (int, bool) {
	n, err := strconv.Atoi(strings.NewReplacer(",", "", ".", "", " ", "").Replace(s))
	return n, err == nil && n >= 2 && n <= 10_000_000
}

// textSpan is one text node's place in the flat text.
type textSpan struct {
	start, end int
	node       *html.Node
}

// flatText is the page's text with a space at every element boundary, and
// where each text node lies in it.
func flatText(root *html.Node) (string, []textSpan) {
	var b strings.Builder
	var spans []textSpan
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteByte(' ')
				start := b.Len()
				b.WriteString(strings.ReplaceAll(c.Data, "\u00a0", " "))
				spans = append(spans, textSpan{start, b.Len(), c})
			case html.ElementNode:
				if !skipped(c) {
					walk(c)
				}
			case html.DocumentNode:
				walk(c)
			}
		}
	}
	walk(root)
	return b.String(), spans
}

// spanElement is the smallest element holding the text from start to end.
func spanElement(spans []textSpan, start, end int) *html.Node {
	var first, last *html.Node
	for _, s := range spans {
		if first == nil && s.end > start {
			first = s.node
		}
		if s.start < end {
			last = s.node
		} else {
			break
		}
	}
	if first == nil || last == nil {
		return nil
	}
	anc := map[*html.Node]bool{}
	for a := first.Parent; a != nil; a = a.Parent {
		anc[a] = true
	}
	for a := last.Parent; a != nil; a = a.Parent {
		if anc[a] && a.Type == html.ElementNode {
			return a
		}
	}
	return nil
}

// claimSelectors are selectors for the element holding a claim, most
// readable first; the last always selects it.
func (in *inducer) claimSelectors(n *html.Node) []string {
	var out []string
	if id := stableID(n); id != "" {
		out = append(out, n.Data+"#"+id)
	}
	s := simple(n)
	if s != n.Data {
		out = append(out, s)
	}
	if p := n.Parent; p != nil && p.Type == html.ElementNode {
		if step, strong := parentStep(p); strong {
			out = append(out, step+" > "+s)
		}
	}
	return append(out, structuralSelector(n))
}

// structuralSelector selects n by its position from the root: a child
// path with :nth-child at each step. It is the fallback when no class or
// id singles n out.
func structuralSelector(n *html.Node) string {
	var steps []string
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.Data == "html" {
			steps = append(steps, "html")
			break
		}
		k := 1
		for c := a.PrevSibling; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode {
				k++
			}
		}
		steps = append(steps, a.Data+":nth-child("+strconv.Itoa(k)+")")
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return strings.Join(steps, " > ")
}
