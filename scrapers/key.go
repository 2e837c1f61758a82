package scrapers

import "strings"

// MemberKey is the frozen fallback key for a member whose site gives no id or
// slug: the raw published name and country, whitespace collapsed and lower
// cased. It must never change, or every such member would look as if it left
// and rejoined; it deliberately does not use the matcher's normalisation.
// TestMemberKeyIsFrozen pins it.
//
// Only scrapers derive keys (output stores them as given), so it lives
// here; it is exported for the few network packages whose Item hook builds
// a key from the fallback (scrapers/wmccc).
func MemberKey(name, country string) string {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if c := strings.ToLower(strings.Join(strings.Fields(country), " ")); c != "" {
		k += "|" + c
	}
	return k
}
