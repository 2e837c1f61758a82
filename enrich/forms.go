package enrich

import (
	"sort"
	"strings"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// Form levels: how far a lookup key is from the published name. The
// matcher tries forms in order and a deeper level lowers the score.
const (
	levelFull     = 0 // the name as published, folded
	levelStripped = 1 // government words, years or the country stripped; abbreviations expanded
	levelAlt      = 2 // an alternative: one side of "A/B", a parenthesised name
)

// form is one lookup key derived from a published name.
type form struct {
	key   string
	level int
	why   string // how the key was derived, for Candidate.Why
}

// wordLists are the government words, folded, longest first.
type wordLists struct {
	prefixes, suffixes, county []string
	admin                      []string
	only                       map[string]bool // keys that are nothing but a government word

	// byFirst and byLast index prefixes by their first word and suffixes
	// (county ones included) by their last, longest first, so stripping
	// costs a map lookup rather than a scan of every list.
	byFirst, byLast map[string][]string
	isCounty        map[string]bool
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func lastWord(s string) string {
	return s[strings.LastIndexByte(s, ' ')+1:]
}

func foldList(in []string) []string {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		if k := Normalize(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

func newWordLists() wordLists {
	w := wordLists{
		prefixes: foldList(govPrefixes),
		suffixes: foldList(govSuffixes),
		county:   foldList(countySuffixes),
		admin:    foldList(adminWords),
		only:     map[string]bool{},
	}
	for _, l := range [][]string{w.prefixes, w.suffixes, w.county} {
		for _, k := range l {
			w.only[k] = true
		}
	}
	w.byFirst = make(map[string][]string)
	for _, p := range w.prefixes {
		w.byFirst[firstWord(p)] = append(w.byFirst[firstWord(p)], p)
	}
	w.isCounty = make(map[string]bool)
	for _, c := range w.county {
		w.isCounty[c] = true
	}
	w.byLast = make(map[string][]string)
	for _, s := range append(append([]string(nil), w.suffixes...), w.county...) {
		w.byLast[lastWord(s)] = append(w.byLast[lastWord(s)], s)
	}
	for _, m := range []map[string][]string{w.byFirst, w.byLast} {
		for k := range m {
			sort.SliceStable(m[k], func(i, j int) bool { return len(m[k][i]) > len(m[k][j]) })
		}
	}
	return w
}

// maxForms bounds the lookup keys one name yields. Real names yield at
// most a few dozen (a name, its government words stripped one at a time,
// abbreviations expanded, its alternatives); a name of hundreds of
// government words or alternatives is not a name, and without the bound
// every later step (lookup, twin splits, fuzzy search) would repeat once
// per word, making the matcher quadratic in the name's length.
const maxForms = 64

// formSet collects distinct forms in order, at most maxForms.
type formSet struct {
	list []form
	seen map[string]bool
	skip map[string]bool // keys never worth a lookup ("council", "city")
}

func (fs *formSet) add(key string, level int, why string) bool {
	if len(fs.list) >= maxForms || len(key) < 2 || fs.seen[key] || fs.skip[key] {
		return false
	}
	fs.seen[key] = true
	fs.list = append(fs.list, form{key: key, level: level, why: why})
	return true
}

// forms derives the lookup keys of a parsed name, most literal first: the
// main text, then its government words stripped one at a time, then
// abbreviations expanded, then its alternatives, then parenthesised names
// that are not divisions.
func (m *Matcher) forms(p parsed, cc string) []form {
	fs := formSet{seen: make(map[string]bool, 8), skip: m.words.only}
	m.addForms(&fs, p.main, cc, levelFull)
	for _, a := range p.alts {
		if m.isAdminText(a) {
			continue // "Kochi-Konan": Kōnan in Kōchi prefecture
		}
		m.addForms(&fs, a, cc, levelAlt)
	}
	for _, g := range p.parens {
		if m.isAdminText(g) {
			continue
		}
		m.addForms(&fs, g, cc, levelAlt)
	}
	return fs.list
}

func (m *Matcher) addForms(fs *formSet, text, cc string, level int) {
	keys := gazetteer.Keys(text)
	if len(keys) > 1 {
		// The name without its apostrophes is derived from it like the
		// name itself.
		defer m.addForms(fs, keys[1], cc, max(level, levelStripped))
	}
	key := keys[0]
	if level == levelAlt && len(key) < 4 {
		return // "(PD)", "(N)": too short to stand for a place
	}
	stripLevel := max(level, levelStripped)
	first := len(fs.list)
	fs.add(key, level, "name")
	if k := stripYears(key); k != key {
		key = k
		fs.add(key, stripLevel, "year stripped")
	}
	if k := m.stripCountry(key, cc); k != key {
		key = k
		fs.add(key, stripLevel, "country stripped")
	}
	cur := key
	for {
		next, why := m.stripOnce(cur, cc)
		if next == "" {
			break
		}
		cur = next
		fs.add(cur, stripLevel, why)
		for _, n := range nominatives(cur, why) {
			fs.add(n, stripLevel, "genitive stripped")
		}
	}
	if genitiveCountries[cc] && len(cur) >= 6 && strings.HasSuffix(cur, "s") && !strings.Contains(cur, " ") {
		// Forms are tried in order, so the name as written wins when it
		// names a place (Borås); only a name that names nothing falls
		// through to its nominative.
		fs.add(cur[:len(cur)-1], stripLevel, "genitive stripped")
	}
	if k := stripNumbering(cur); k != cur {
		fs.add(k, stripLevel, "district number stripped")
	}
	// Abbreviations ("St." → "Saint") on every form derived so far.
	for _, f := range fs.list[first:] {
		for _, e := range expandAbbrev(f.key) {
			fs.add(e, stripLevel, "abbreviation expanded")
		}
	}
}

// nominatives returns the nominative forms of a name left in the genitive
// by the government word why stripped ("Linköpings kommun" → "linkoping",
// "Δήμος Πάργας" → "παργα").
func nominatives(key, why string) []string {
	var ends [][2]string
	if w, ok := strings.CutPrefix(why, "suffix "); ok && genitiveSuffixes[w] != "" {
		ends = [][2]string{{genitiveSuffixes[w], ""}}
	} else if w, ok := strings.CutPrefix(why, "prefix "); ok {
		ends = genitivePrefixes[w]
	}
	var out []string
	for _, e := range ends {
		if stem, ok := strings.CutSuffix(key, e[0]); ok {
			out = append(out, stem+e[1])
		}
	}
	return out
}

// stripOnce removes one government word from the start or the end of a
// key, or returns "" when there is none to remove. What remains must be a
// name of at least two characters.
func (m *Matcher) stripOnce(key, cc string) (string, string) {
	for _, p := range m.words.byFirst[firstWord(key)] {
		if len(key) > len(p)+2 && strings.HasPrefix(key, p) && key[len(p)] == ' ' {
			return key[len(p)+1:], "prefix " + p
		}
	}
	for _, s := range m.words.byLast[lastWord(key)] {
		if len(key) > len(s)+2 && strings.HasSuffix(key, s) && key[len(key)-len(s)-1] == ' ' {
			if m.words.isCounty[s] && countyKeepCountries[cc] {
				continue
			}
			return key[:len(key)-len(s)-1], "suffix " + s
		}
	}
	return "", ""
}

// romanNumerals are the numbers of a city's districts ("Bamenda II",
// "Yaoundé IV").
var romanNumerals = map[string]bool{
	"i": true, "ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true,
	"viii": true, "ix": true, "x": true, "xi": true, "xii": true,
}

// districtWords introduce a city district's number ("Sector 6 of
// Bucharest", "Sectorul 6 al Municipiului București").
var districtWords = map[string]bool{"sector": true, "sectorul": true, "district": true, "distrito": true, "arrondissement": true}

// stripNumbering turns a numbered district of a city into the city: it
// removes a trailing Roman numeral and a leading "[Sector] 6 of".
func stripNumbering(key string) string {
	toks := strings.Fields(key)
	if len(toks) >= 2 && romanNumerals[toks[len(toks)-1]] {
		return strings.Join(toks[:len(toks)-1], " ")
	}
	i := 0
	if len(toks) > 0 && districtWords[toks[0]] {
		i++
	}
	if i < len(toks) && strings.Trim(toks[i], "0123456789") == "" {
		i++
		for i < len(toks) && (toks[i] == "of" || toks[i] == "al" || toks[i] == "municipiului" || toks[i] == "de" || toks[i] == "du") {
			i++
		}
		if i > 1 && i < len(toks) {
			return strings.Join(toks[i:], " ")
		}
	}
	return key
}

// stripYears removes trailing year-like tokens ("Kruibeke 2030").
func stripYears(key string) string {
	for {
		i := strings.LastIndexByte(key, ' ')
		if i < 0 {
			return key
		}
		tok := key[i+1:]
		if len(tok) != 4 || strings.Trim(tok, "0123456789") != "" {
			return key
		}
		key = key[:i]
	}
}

// stripCountry removes the country's name from the end of a key
// ("San Pietro Viminario Italy").
func (m *Matcher) stripCountry(key, cc string) string {
	if cc == "" {
		return key
	}
	for _, n := range m.countryKeys[cc] {
		if len(key) > len(n)+2 && strings.HasSuffix(key, n) && key[len(key)-len(n)-1] == ' ' {
			return key[:len(key)-len(n)-1]
		}
	}
	return key
}

// expandAbbrev returns the key with its first abbreviated token expanded
// in each known way.
func expandAbbrev(key string) []string {
	toks := strings.Split(key, " ")
	if len(toks) < 2 {
		return nil
	}
	for i, t := range toks[:len(toks)-1] {
		exp, ok := abbreviations[t]
		if !ok {
			continue
		}
		out := make([]string, 0, len(exp))
		for _, e := range exp {
			cp := append([]string(nil), toks...)
			cp[i] = e
			out = append(out, strings.Join(cp, " "))
		}
		return out
	}
	return nil
}

// isAdminText reports whether a hint reads as a division ("Ishikawa
// Prefecture", "State of São Paulo"), is a division's name ("El Perelló
// (Valencia)") or a country's, so it must not be tried as the place's own
// name.
func (m *Matcher) isAdminText(s string) bool {
	if isAbbrev(s) {
		return true
	}
	k := Normalize(s)
	for _, w := range m.words.admin {
		if strings.HasPrefix(k, w+" ") || strings.HasSuffix(k, " "+w) || k == w {
			return true
		}
	}
	if _, ok := gazetteer.LookupCountry(s); ok {
		return true
	}
	return len(m.adminByName[k]) > 0
}

// isAbbrev reports whether s looks like a postal abbreviation: two to four
// capital letters ("CA", "NSW", "PD").
func isAbbrev(s string) bool {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
