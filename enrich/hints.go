package enrich

import (
	"strings"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// area is where a hint says a place lies: a country, a first-order
// division of it, or (for Italy's province codes and similar) a
// second-order one.
type area struct {
	cc, admin1, admin2 string
	why                string
}

func (a area) contains(p *gazetteer.Place) bool {
	if p.CountryCode != a.cc {
		return false
	}
	if a.admin1 != "" && p.Admin1Code != a.admin1 {
		return false
	}
	return a.admin2 == "" || p.Admin2Code == a.admin2
}

// territories are the places a country's own lists include although
// GeoNames files them under a code of their own (overseas departments,
// dependencies). They are searched only when the country itself has no
// candidate.
var territories = map[string][]string{
	"FR": {"RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "BL", "MF", "WF"},
	"NL": {"AW", "CW", "SX", "BQ"},
	"US": {"PR", "GU", "VI", "AS", "MP"},
	"GB": {"GI", "IM", "JE", "GG", "BM", "KY", "VG", "TC", "MS", "AI", "FK"},
	"DK": {"GL", "FO"},
	"CN": {"HK", "MO"},
	"NO": {"SJ"},
	"FI": {"AX"},
	"AU": {"NF", "CX", "CC"},
	"NZ": {"CK", "NU"},
}

// resolveCountry reads the published country: a code, a name or an alias.
func resolveCountry(published string) string {
	cc, _ := gazetteer.LookupCountry(Repair(published))
	return cc
}

// resolveHints reads the hint texts of a name. A hint naming a country
// sets the country when none was published; the others become areas
// within the country (or, without a country, anywhere an abbreviation or
// division name fits).
func (m *Matcher) resolveHints(hints []string, cc string) (areas []area, country string) {
	if len(hints) == 0 {
		return nil, cc
	}
	if cc == "" {
		for _, h := range hints {
			if isAbbrev(h) {
				continue
			}
			if c, ok := gazetteer.LookupCountry(h); ok {
				cc = c
				break
			}
		}
	}
	for _, h := range hints {
		areas = append(areas, m.hintAreas(h, cc)...)
	}
	return areas, cc
}

// hintAreas resolves one hint.
func (m *Matcher) hintAreas(h, cc string) []area {
	h = strings.TrimSpace(h)
	if c, ok := gazetteer.LookupCountry(h); ok && c == cc && !isAbbrev(h) {
		return nil // "León, Mexico": the country itself, not the State of México
	}
	var out []area
	if abbr := strings.ToUpper(strings.TrimSuffix(h, ".")); len(abbr) >= 2 && len(abbr) <= 4 && isLetters(abbr) {
		for _, c := range m.abbrevCountries(cc) {
			if code := m.admin1Code(c, abbr); code != "" {
				out = append(out, area{cc: c, admin1: code, why: "admin1 " + c + "." + code + " (" + h + ")"})
			}
			if m.admin2Codes[c][abbr] {
				out = append(out, area{cc: c, admin2: abbr, why: "admin2 " + c + "." + abbr + " (" + h + ")"})
			}
		}
		if cc == "" && len(abbr) == 2 {
			if _, ok := gazetteer.LookupCountry(abbr); ok {
				out = append(out, area{cc: abbr, why: "country " + abbr})
			}
		}
		if len(out) > 0 {
			return out
		}
		if out = m.abbreviatedAdmin1(cc, abbr); len(out) > 0 {
			return out
		}
	}
	k := Normalize(h)
	for _, key := range []string{k, m.stripAdminWords(k)} {
		for _, a := range m.adminByName[key] {
			if cc == "" || a.CountryCode == cc {
				out = append(out, area{cc: a.CountryCode, admin1: a.Code, why: "admin1 " + a.CountryCode + "." + a.Code + " " + a.Name})
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// adminKey is a first-order division's code with its folded name.
type adminKey struct{ code, key, name string }

// abbreviatedAdmin1 reads an abbreviation that no table knows as the
// first-order divisions of the country whose folded names it abbreviates:
// the same first letter, then its letters in order ("HRS": Hiroshima;
// "TOK": Tokyo or Tokushima). Together they are the area, since a hint
// that names one of two prefectures still rules out the other forty-five.
// "NA" is R's missing value, and the country's own code ("Łódź, PL") no
// division's abbreviation.
func (m *Matcher) abbreviatedAdmin1(cc, abbr string) []area {
	if cc == "" || abbr == "NA" {
		return nil
	}
	if c, ok := gazetteer.LookupCountry(abbr); ok && c == cc {
		return nil
	}
	lower := strings.ToLower(abbr)
	var out []area
	for _, a := range m.adminKeys[cc] {
		if abbreviates(lower, a.key) {
			out = append(out, area{cc: cc, admin1: a.code, why: "admin1 " + cc + "." + a.code + " " + a.name + " (" + abbr + ")"})
		}
	}
	return out
}

// abbreviates reports whether abbr (lower case) is an abbreviation of key:
// their first letters agree and abbr's letters occur in key in order.
func abbreviates(abbr, key string) bool {
	if abbr == "" || key == "" || abbr[0] != key[0] {
		return false
	}
	i := 1
	for j := 1; j < len(key) && i < len(abbr); j++ {
		if key[j] == abbr[i] {
			i++
		}
	}
	return i == len(abbr)
}

// abbrevCountries are the countries in which an abbreviation is looked up:
// the known country, or without one the countries whose lists write
// states as abbreviations.
func (m *Matcher) abbrevCountries(cc string) []string {
	if cc != "" {
		return []string{cc}
	}
	return []string{"US", "CA", "AU"}
}

// admin1Code reads an abbreviation as an admin1 code of a country: a
// postal abbreviation from the table, or the code itself where GeoNames
// codes are letters (US states, the UK's nations).
func (m *Matcher) admin1Code(cc, abbr string) string {
	if c := gazetteer.Admin1Abbrev(cc, abbr); c != "" {
		return c
	}
	if m.g.Admin1Name(cc, abbr) != "" {
		return abbr
	}
	return ""
}

// stripAdminWords removes one division word ("Prefecture", "State of")
// from a folded hint.
func (m *Matcher) stripAdminWords(k string) string {
	for _, w := range m.words.admin {
		if len(k) <= len(w) {
			continue
		}
		if strings.HasPrefix(k, w) && k[len(w)] == ' ' {
			return k[len(w)+1:]
		}
		if strings.HasSuffix(k, w) && k[len(k)-len(w)-1] == ' ' {
			return k[:len(k)-len(w)-1]
		}
	}
	return k
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
