package citynets

import "strings"

// MemberKey is the frozen fallback key for a member whose site gives no id or
// slug: the raw published name and country, whitespace collapsed and lower
// cased. It must never change, or every such member would look as if it left
// and rejoined; it deliberately does not use the matcher's normalisation.
func MemberKey(name, country string) string {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if c := strings.ToLower(strings.Join(strings.Fields(country), " ")); c != "" {
		k += "|" + c
	}
	return k
}
