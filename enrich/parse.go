package enrich

import (
	"slices"
	"strings"
)

// parsed is a published name taken apart: the main text, alternative
// spellings it carries ("Bolzano/Bozen"), and hint texts (what follows a
// comma, what is in parentheses) that may name the state, province or
// country — or, for parentheses, the place itself ("Krung Thep (Bangkok)").
type parsed struct {
	main   string
	alts   []string // slash- and dash-separated alternatives of main
	hints  []string // comma parts after the first
	parens []string // parenthesised and bracketed texts
}

// parse splits a repaired name into its parts. It does not fold: the
// parts keep their spelling so that "CA" can be read as an abbreviation.
func parse(s string) parsed {
	var p parsed
	outer, parens := cutParens(s)
	p.parens = parens
	parts := strings.FieldsFunc(outer, func(r rune) bool { return r == ',' || r == ';' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) == 0 {
		return p
	}
	p.main = moveArticles(parts[0], parts[1:], &p.hints)

	for _, sep := range []string{"/", " – ", " — ", " - ", "-"} {
		if strings.Contains(p.main, sep) {
			for _, a := range strings.Split(p.main, sep) {
				// A side shorter than four letters is a particle of the
				// name ("Sant-Feliu", "Aix-en-Provence"), not a name.
				if a = strings.TrimSpace(a); len(a) >= 4 {
					p.alts = append(p.alts, a)
				}
			}
			break
		}
	}
	return p
}

// moveArticles returns main with the articles among the comma parts moved
// back in front of it ("Piles, Les" → "Les Piles"; "Arboç, L'" →
// "L'Arboç") and appends the other parts to hints. The articles are
// collected and joined once, and whether main is in capitals is tracked
// as they are added, so many parts cost one pass rather than a copy of
// the growing name per part.
func moveArticles(main string, parts []string, hints *[]string) string {
	var front []string // articles and their separators, last-added first
	upper := main == strings.ToUpper(main)
	for _, h := range parts {
		if h == "" {
			continue
		}
		// An article moved to the end ("Piles, Les"); in capitals only
		// when the whole name is ("FRAGO, EL"), since "Normal, IL" and
		// "Lafayette, LA" end with a state.
		art := Normalize(h)
		hUpper := h == strings.ToUpper(h)
		stateLike := len(art) >= 2 && hUpper
		if articles[art] && (!stateLike || upper) {
			sep := " "
			if strings.HasSuffix(h, "'") || strings.HasSuffix(h, "’") {
				sep = ""
			}
			front = append(front, sep, h)
			upper = upper && hUpper
			continue
		}
		*hints = append(*hints, h)
	}
	if len(front) == 0 {
		return main
	}
	slices.Reverse(front)
	return strings.Join(front, "") + main
}

// cutParens removes "(…)" and "[…]" groups and returns them separately.
func cutParens(s string) (outer string, groups []string) {
	if !strings.ContainsAny(s, "([") {
		return s, nil
	}
	var b strings.Builder
	depth := 0
	start := 0
	for i, r := range s {
		switch r {
		case '(', '[':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
				if depth == 0 {
					if g := strings.TrimSpace(s[start:i]); g != "" {
						groups = append(groups, g)
					}
					b.WriteByte(' ')
				}
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	if depth > 0 { // an unclosed "(": keep what followed it as a group
		if g := strings.TrimSpace(s[start:]); g != "" {
			groups = append(groups, g)
		}
	}
	return strings.Join(strings.Fields(b.String()), " "), groups
}
