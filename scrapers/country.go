package scrapers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citynets/citynets"
)

// edgeSeparators are the characters a name or a country never begins or
// ends with. A list that publishes "City of Newark, CA, United States"
// puts the comma before the country either in the name's text or in the
// country's element, depending on its markup; either way it belongs to
// neither.
const edgeSeparators = ",;"

// trimSeparators removes separators and spaces from both ends of a name
// or a country.
func trimSeparators(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(edgeSeparators, r)
	})
}

// splitCountry separates a country published at the end of a member's name
// after sep, for sources whose spec sets country_in_name. The name keeps
// everything before the last separator, so "City of Newark, CA, United
// States" gives "City of Newark, CA" and "United States": the state stays
// in the name, as published, for the matcher's "Name, ST" reading.
//
// When the country was also read on its own (a nested element) and the
// name ends with it, that ending is removed. When none was read, the part
// after the last separator becomes the country only if it looks like one
// (see countryLike), so "Washington, DC" or "City of Newark, CA" are left
// whole rather than given the country "DC" or "CA".
func splitCountry(m *citynets.Member, sep string) {
	if sep == "" {
		return
	}
	i := strings.LastIndex(m.Name, sep)
	if i < 0 {
		return
	}
	head, tail := trimSeparators(m.Name[:i]), trimSeparators(m.Name[i+len(sep):])
	if head == "" {
		return
	}
	switch {
	case m.CountryPublished != "":
		if strings.EqualFold(clean(tail), clean(m.CountryPublished)) {
			m.Name = head
		}
	case countryLike(tail):
		m.Name, m.CountryPublished = head, tail
	}
}

// countryLike reports whether the end of a name can be a country: it has
// letters, is no state or province code ("CA", "NSW": all capitals, up to
// three), and does not end in a lower-case word, as a name turned round
// does ("Tshwane, City of").
func countryLike(s string) bool {
	if s == "" || !strings.ContainsFunc(s, unicode.IsLetter) {
		return false
	}
	if utf8.RuneCountInString(s) <= 3 && strings.ToUpper(s) == s {
		return false
	}
	words := strings.Fields(s)
	last, _ := utf8.DecodeRuneInString(words[len(words)-1])
	return !unicode.IsLower(last)
}
