package induce

// index finds known members by the folded forms of their names, so that
// each text on a page is looked up once instead of compared with every
// known name.
type index struct {
	names     map[string]int32 // folded name (and its variants) → known member
	countries map[string]bool  // folded country names: known and built in
	total     int
}

// match is a text that names a known member; split is the separator that
// had to be cut to find it (sepNone when the whole text matched).
type match struct {
	idx   int32
	split sep
}

func newIndex(known []Known) *index {
	ix := &index{names: map[string]int32{}, countries: map[string]bool{}}
	seen := map[string]bool{}
	// Whole names first, so a variant never hides another member's name.
	var variants [][2]any
	for _, k := range known {
		t := clean(k.Name)
		f := fold(t)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		i := int32(ix.total)
		ix.total++
		ix.names[f] = i
		if g := stripGov(f); g != "" {
			variants = append(variants, [2]any{g, i})
		}
		if s := stateSuffix(t); s != "" {
			variants = append(variants, [2]any{fold(s), i})
		}
		if c := fold(k.Country); c != "" {
			ix.countries[c] = true
		}
	}
	for _, v := range variants {
		if _, ok := ix.names[v[0].(string)]; !ok {
			ix.names[v[0].(string)] = v[1].(int32)
		}
	}
	for _, c := range countryNames {
		ix.countries[fold(c)] = true
	}
	return ix
}

// lookup finds the known member a cleaned text names, trying the text as it
// is, without a government-form word, without a state code, and then cut at
// each separator a name and country are merged with.
func (ix *index) lookup(t string) (match, bool) {
	if len(t) > maxNameBytes || t == "" {
		return match{}, false
	}
	if i, ok := ix.name(t); ok {
		return match{idx: i}, true
	}
	for _, s := range seps {
		name, country, ok := split(t, s)
		if !ok || !ix.countryish(country) {
			continue
		}
		if i, ok := ix.name(name); ok {
			return match{idx: i, split: s}, true
		}
	}
	return match{}, false
}

// name looks up one cleaned name and its variants.
func (ix *index) name(t string) (int32, bool) {
	f := fold(t)
	if i, ok := ix.names[f]; ok {
		return i, true
	}
	if g := stripGov(f); g != "" {
		if i, ok := ix.names[g]; ok {
			return i, true
		}
	}
	if s := stateSuffix(t); s != "" {
		if i, ok := ix.names[fold(s)]; ok {
			return i, true
		}
	}
	return 0, false
}

// countryish is true for a text that could be the country part of a merged
// name: a known country, or a short run of capitalised words.
func (ix *index) countryish(t string) bool {
	if ix.countries[fold(t)] {
		return true
	}
	n := 0
	for _, w := range splitWords(t) {
		n++
		if n > 4 || !startsUpper(w) && !isLinkWord(w) {
			return false
		}
	}
	return n > 0
}

// isCountry is true for a known or built-in country name.
func (ix *index) isCountry(t string) bool {
	return len(t) <= 60 && ix.countries[fold(t)]
}
