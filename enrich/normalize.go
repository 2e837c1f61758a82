package enrich

import "github.com/citynets/citynets/enrich/gazetteer"

// Normalize returns the lookup key of a name: NFKC, case folded,
// diacritics stripped, punctuation turned into spaces and spaces
// collapsed ("São Paulo" → "sao paulo"). It is gazetteer.Key, so published
// names and gazetteer names always fold the same way.
func Normalize(s string) string { return gazetteer.Key(s) }
