package scrapers

import (
	"bufio"
	"bytes"
	"strings"
)

// KnownMember is a member already known to belong to a network: a row of
// its last good snapshot, or a line of its known.txt. Self-repair locates
// a changed page's member list by these names.
type KnownMember struct {
	Name    string
	Country string
}

// KnownMembers returns the members listed in the network's known.txt.
func (n Network) KnownMembers() []KnownMember {
	return ParseKnown(n.Known)
}

// ParseKnown reads known.txt: one "name<TAB>country" per line (the country
// may be empty); blank lines and lines starting with "#" are skipped.
func ParseKnown(b []byte) []KnownMember {
	var out []KnownMember
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, country, _ := strings.Cut(line, "\t")
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, KnownMember{Name: name, Country: strings.TrimSpace(country)})
		}
	}
	return out
}

// FormatKnown writes members in known.txt's form, headed by a comment
// saying where they came from.
func FormatKnown(header string, ms []KnownMember) []byte {
	var b bytes.Buffer
	for _, l := range strings.Split(header, "\n") {
		b.WriteString("# " + l + "\n")
	}
	for _, m := range ms {
		b.WriteString(oneLine(m.Name) + "\t" + oneLine(m.Country) + "\n")
	}
	return b.Bytes()
}

// oneLine keeps a value on its line of known.txt.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\t", " ")), " ")
}
