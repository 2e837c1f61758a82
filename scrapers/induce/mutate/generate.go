// Package mutate builds the markup-mutation suite's pages: for each network
// a list page set of at least 100 real member names in a base markup
// modelled on that network's spec and fixtures, paged as the site pages, and
// a table of mutations that change the markup the way redesigns do while
// keeping the members. Everything is constructed, never captured, and is a
// pure function of an int64 seed, so a failing case is reproduced from the
// seed the suite prints.
//
// The package imports nothing from the scrapers framework it exercises: the
// suite must keep measuring the inducer while the framework is refactored.
package mutate

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
)

// Member is one member as a list publishes it.
type Member struct {
	Name, Country string
}

// Page is one generated page and the members it lists, in document order
// (none for a page that is not part of the list).
type Page struct {
	URL     string
	HTML    []byte
	Members []Member
}

// Set is one network's generated list: the pages a fetcher can reach and
// the truth the suite scores against.
type Set struct {
	Network string
	Seed    int64
	// Pages are the list's pages in order; Pages[0] is the start page, the
	// one a scrape has already fetched.
	Pages []Page
	// Extra are further pages a fetcher can reach: the empty page past the
	// end of a list that pages until nothing is listed, a landing page.
	Extra []Page
	// Members are every member the pages list (P), in page order.
	Members []Member
	// Reserve are real names in the network's style that are not on the
	// pages: the suite draws members that left, and negative pages, from it.
	Reserve []Member
	// Claimed is the member count the start page states, 0 when it states
	// none.
	Claimed int
	// Countries says whether the base markup publishes a country per member.
	Countries bool
	// Clamp names the page parameter whose values past the last page are
	// answered with the last page (Drupal views do this), "" when such a URL
	// is simply not found.
	Clamp string
	// Mutation names the mutation applied, "" for the base markup.
	Mutation string

	shape shape
}

// shape is what the generator knows about its own base markup, so that the
// mutations can find records without guessing. It holds only for a base
// set: mutations apply to base sets, one at a time.
type shape struct {
	list    string // the outermost element of each list of records
	rec     string // records, found inside a list element
	name    string // the name element inside a record; "" is the record
	country string // the country element inside a record; "" when none
	col     int    // for tables: the country's column (1-based), 0 if none
	cols    int    // for tables: the number of columns
	dup     string // a repeated copy of the list (C40's ticker), removed when paging
	group   string // blocks holding a heading and a list (UCLG's categories)
	pager   string // the pager element, "" for a list on one page
	kind    string // "list", "table" or "cards"
	param   string // the page query parameter
	from    int    // the first page's value of param
}

// Networks returns the five networks' ids, in a fixed order.
func Networks() []string { return []string{"c40", "iclei", "metropolis", "uclg", "wmccc"} }

// rng returns the generator for one purpose of one seed: the same seed and
// purpose always give the same stream, different purposes independent ones.
func rng(seed int64, purpose string) *rand.Rand {
	h := uint64(14695981039346656037)
	for i := 0; i < len(purpose); i++ {
		h ^= uint64(purpose[i])
		h *= 1099511628211
	}
	return rand.New(rand.NewPCG(uint64(seed), h))
}

// Generate builds one network's base list page set from its fixture names
// and the seed: the fixture names first, then real places from the other
// networks' fixtures and the committed list, until the list holds between
// 100 and 150 members.
func Generate(fx *Fixtures, network string, seed int64) (*Set, error) {
	r := rng(seed, "generate/"+network)
	own := fx.Names(network)
	pool := fillPool(fx, network, r)
	seen := map[string]bool{}
	var members []Member
	for _, m := range own {
		if m.Country == "" || seen[m.Name] {
			continue
		}
		seen[m.Name] = true
		members = append(members, m)
	}
	size := 100 + r.IntN(41)
	if network == "c40" {
		size = max(len(members)+3, 100) + r.IntN(12)
	}
	if size < len(members) {
		size = len(members)
	}
	var reserve []Member
	for _, m := range pool {
		if seen[m.Name] {
			continue
		}
		seen[m.Name] = true
		if len(members) < size {
			members = append(members, m)
		} else {
			reserve = append(reserve, m)
		}
	}
	if len(members) < 100 || len(reserve) < 100 {
		return nil, fmt.Errorf("generate %s: only %d names and %d in reserve", network, len(members), len(reserve))
	}
	// The fixtures' names come first in the pool, not on the page: a real
	// list is not ordered by where we found its names.
	r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	s, err := Render(network, members, seed)
	if err != nil {
		return nil, err
	}
	s.Reserve = reserve
	return s, nil
}

// Render lays members out in the network's base markup, paged as the site
// pages. The seed picks page size and the details that vary between runs.
func Render(network string, members []Member, seed int64) (*Set, error) {
	r := rng(seed, "render/"+network)
	var s *Set
	switch network {
	case "c40":
		s = renderC40(r, members)
	case "iclei":
		s = renderICLEI(r, members)
	case "metropolis":
		s = renderMetropolis(r, members)
	case "uclg":
		s = renderUCLG(r, members)
	case "wmccc":
		s = renderWMCCC(r, members)
	default:
		return nil, fmt.Errorf("render: unknown network %q", network)
	}
	s.Network, s.Seed = network, seed
	s.Members = append([]Member(nil), members...)
	return s, nil
}

// fillPool returns the names a network's list is filled up with, in the
// network's style and a seeded order: the other networks' fixture names
// and the committed places.
func fillPool(fx *Fixtures, network string, r *rand.Rand) []Member {
	var pool []Member
	for _, id := range Networks() {
		if id == network {
			continue
		}
		for _, m := range fx.Names(id) {
			if m.Country != "" && !strings.Contains(m.Name, ",") {
				pool = append(pool, m)
			}
		}
	}
	for _, reg := range worldPlaces() {
		for _, p := range reg.Places {
			pool = append(pool, styled(network, p, r))
		}
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool
}

// styled words a place as the network publishes its members: ICLEI names
// the government ("City of Newark, CA", "Municipality of Teresina"); the
// others name the city.
func styled(network string, p place, r *rand.Rand) Member {
	if network != "iclei" {
		return Member{Name: p.Name, Country: p.Country}
	}
	if p.Admin != "" {
		return Member{Name: "City of " + p.Name + ", " + p.Admin, Country: p.Country}
	}
	forms := []string{"City of %s", "City of %s", "Municipality of %s", "%s City Council", "%s Metropolitan Municipality", "%s"}
	return Member{Name: fmt.Sprintf(forms[r.IntN(len(forms))], p.Name), Country: p.Country}
}

// regionOf returns the committed region of a country, "Other" when the
// places list does not name it.
func regionOf(country string) string {
	for _, reg := range worldPlaces() {
		for _, p := range reg.Places {
			if p.Country == country {
				return reg.Name
			}
		}
	}
	return "Other"
}

// slug is a URL path segment for a name: lower case ASCII letters and
// digits joined by hyphens.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case c > 127:
			// Dropped: a slug is ASCII, and its exact form does not matter.
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// pageURL returns base with its page parameter set to n.
func pageURL(base, param string, n int) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	u.RawQuery = encodeOrdered(u.RawQuery, param, fmt.Sprint(n))
	return u.String()
}

// encodeOrdered sets key=value in a raw query, keeping the other
// parameters where they are (url.Values.Encode would sort them) and
// appending key when it is new.
func encodeOrdered(raw, key, value string) string {
	var parts []string
	found := false
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		if k == key {
			kv = key + "=" + value
			found = true
		}
		parts = append(parts, kv)
	}
	if !found {
		parts = append(parts, key+"="+value)
	}
	return strings.Join(parts, "&")
}

// chunk splits members into pages of size n.
func chunk(members []Member, n int) [][]Member {
	var out [][]Member
	for i := 0; i < len(members); i += n {
		out = append(out, members[i:min(i+n, len(members))])
	}
	return out
}

// sortedCopy returns members ordered by name, as alphabetical lists are.
func sortedCopy(members []Member) []Member {
	out := append([]Member(nil), members...)
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}
