package output

import "strings"

// memberKey stands in for scrapers.MemberKey in test rows (whitespace
// collapsed, lower-cased name and country): output stores keys as given,
// never derives one, and must not import scrapers.
func memberKey(name, country string) string {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if c := strings.ToLower(strings.Join(strings.Fields(country), " ")); c != "" {
		k += "|" + c
	}
	return k
}
