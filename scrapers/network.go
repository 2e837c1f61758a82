// Package scrapers is the scraping framework: the Network registry, the
// declarative spec engine that turns a network's pages into members, the
// guards that decide whether a result can be trusted, and Collect, the one
// place that scrapes a network and applies its guard. Pages come through
// the fetch layer, scrapers/fetch (colly collector, retrying transport, WARC
// archive and replay), which knows nothing of specs or members.
//
// Each network lives in its own package under scrapers/<id>/ and registers
// itself in init(); scrapers/all imports every one of them.
package scrapers

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/citynets/citynets"
)

// Network is one city network that citynets can collect.
type Network struct {
	ID   string // short id used in the store and on the command line
	Name string // the network's own full name
	Site string // home page, for `citynets networks`

	// Spec is the embedded spec.yaml; a user's --specs folder may replace it.
	Spec []byte
	// Known is the embedded known.txt: one "name<TAB>country" line per
	// member the network's fixtures name. Self-repair looks for these
	// names when no snapshot knows the network yet.
	Known []byte

	// Item, when set, is called for every member parsed from a list item,
	// after the spec's fields are applied. It is for the little a spec
	// cannot say; returning false drops the item.
	Item func(m *citynets.Member, item *goquery.Selection) bool

	// Combine, when set, is called with each primary source's members, in
	// page order, before repeated keys are dropped: a network whose list
	// has several rows for one member (WMCCC lists people, the member is
	// their city) folds them into one row there.
	Combine func(ms []citynets.Member) []citynets.Member
}

// registry holds every network registered by the packages under scrapers/.
// It is written only from init functions, before main runs.
var registry = map[string]Network{}

// Register adds a network. It panics on a duplicate or malformed id, since
// both are programming errors caught by the first test run.
func Register(n Network) {
	if n.ID == "" || strings.ToLower(n.ID) != n.ID || strings.ContainsAny(n.ID, " /") {
		panic(fmt.Sprintf("scrapers: bad network id %q", n.ID))
	}
	if _, dup := registry[n.ID]; dup {
		panic("scrapers: network registered twice: " + n.ID)
	}
	if _, err := ParseSpec(n.Spec); err != nil {
		panic(fmt.Sprintf("scrapers: %s: embedded spec: %v", n.ID, err))
	}
	registry[n.ID] = n
}

// Lookup returns the network with the given id.
func Lookup(id string) (Network, error) {
	n, ok := registry[id]
	if !ok {
		return Network{}, &UnknownNetworkError{ID: id, Known: IDs()}
	}
	return n, nil
}

// All returns every registered network, sorted by id.
func All() []Network {
	out := make([]Network, 0, len(registry))
	for _, n := range registry {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// IDs returns the sorted ids of every registered network.
func IDs() []string {
	ids := make([]string, 0, len(registry))
	for id := range registry {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Select resolves a comma-separated list of ids ("" means all).
func Select(list string) ([]Network, error) {
	if strings.TrimSpace(list) == "" {
		return All(), nil
	}
	var out []Network
	for _, id := range strings.Split(list, ",") {
		n, err := Lookup(strings.TrimSpace(id))
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// UnknownNetworkError names a network id that no package registered.
type UnknownNetworkError struct {
	ID    string
	Known []string
}

func (e *UnknownNetworkError) Error() string {
	return fmt.Sprintf("unknown network %q (known: %s)", e.ID, strings.Join(e.Known, ", "))
}
