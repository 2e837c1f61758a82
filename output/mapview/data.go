package mapview

import (
	"cmp"
	"encoding/base64"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/geo"
	"github.com/citynets/citynets/output/mapview/internal/proj"
)

// pageData is everything the page's script reads, embedded once as JSON.
// Keys are short because a large snapshot repeats them thousands of times.
type pageData struct {
	Snapshot snapshotData  `json:"snapshot"`
	Networks []networkData `json:"networks"`
	Places   []placeData   `json:"places"`
	Changes  []changeData  `json:"changes,omitempty"`
	Steps    []stepData    `json:"steps,omitempty"` // the time series, oldest first
}

// stepData is one snapshot date of the time series. Membership is a bitset
// per network over the places (bit i of byte i/8 for place i, base64):
// 3,000 places cost 500 characters per network and date, where index lists
// would cost about ten times as much, so 20 dates fit the 2 MB budget.
type stepData struct {
	ID      string   `json:"id"`
	Date    string   `json:"date"` // YYYY-MM-DD, UTC; empty if unknown
	Members []int    `json:"m"`    // membership rows per network
	Bits    []string `json:"b"`    // per network: which places are its members
}

type snapshotData struct {
	ID      string `json:"id"`
	Created string `json:"created,omitempty"` // RFC 3339, UTC
	Parent  string `json:"parent,omitempty"`
}

// networkData is one network's button and its reach.
type networkData struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Color      string   `json:"col"`                // its dots' and legend swatch's colour
	Members    int      `json:"members"`            // membership rows, placed or not
	Places     int      `json:"places"`             // distinct placed cities: its dots
	Unplaced   int      `json:"unplaced,omitempty"` // members on no dot
	Countries  int      `json:"countries"`
	Continents []string `json:"continents"`
	Far        *farData `json:"far,omitempty"`
}

// farData is a network's two members farthest apart: indexes into places.
type farData struct {
	A    int    `json:"a"`
	B    int    `json:"b"`
	Km   int    `json:"km"`
	Path string `json:"d"` // the great circle arc, as SVG path data
}

// placeData is one dot.
type placeData struct {
	Name        string      `json:"n"`
	ASCII       string      `json:"a,omitempty"` // only when it differs from n
	Country     string      `json:"c,omitempty"` // ISO 3166-1 alpha-2
	CountryName string      `json:"cn,omitempty"`
	X           float64     `json:"x"`
	Y           float64     `json:"y"`
	Networks    []int       `json:"k"` // indexes into networks
	Published   []published `json:"p,omitempty"`
}

// published is one name a network publishes a place under.
type published struct {
	Network int    `json:"k"`
	Name    string `json:"n"`
}

// changeData is one network's changes since the parent snapshot.
type changeData struct {
	Network  int         `json:"k"`
	Joined   []string    `json:"joined,omitempty"`
	Left     []string    `json:"left,omitempty"`
	Renamed  [][2]string `json:"renamed,omitempty"`
	Modified int         `json:"modified,omitempty"`
}

// buildData turns the snapshot's tables into the page's model: networks in
// the caller's order (then any other network the tables mention, by id),
// places that have usable coordinates, their published names, each
// network's reach and the changes grouped by network.
func buildData(in Input) pageData {
	d := pageData{
		Snapshot: snapshotData{ID: in.SnapshotID, Parent: in.ParentID},
		Networks: []networkData{}, // [] not null: the script maps over them
		Places:   []placeData{},
	}
	if !in.AsOf.IsZero() {
		d.Snapshot.Created = in.AsOf.UTC().Format(time.RFC3339)
	}

	netIndex := map[string]int{}
	addNet := func(id, name string) int {
		if i, ok := netIndex[id]; ok {
			return i
		}
		if name == "" {
			name = id
		}
		netIndex[id] = len(d.Networks)
		d.Networks = append(d.Networks, networkData{ID: id, Name: name, Color: networkColor(len(d.Networks)), Continents: []string{}})
		return netIndex[id]
	}
	for _, n := range in.Networks {
		addNet(n.ID, n.Name)
	}
	var extra []string
	note := func(id string) {
		if _, ok := netIndex[id]; !ok && id != "" && !slices.Contains(extra, id) {
			extra = append(extra, id)
		}
	}
	for _, m := range in.Members {
		note(m.Network)
	}
	for _, p := range in.Places {
		for _, n := range p.Networks {
			note(n)
		}
	}
	for _, c := range in.Changes {
		note(c.Network)
	}
	if len(in.Steps) > 1 {
		for _, st := range in.Steps {
			for _, m := range st.Members {
				note(m.Network)
			}
			for _, p := range st.Places {
				for _, n := range p.Networks {
					note(n)
				}
			}
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		addNet(id, "")
	}

	// Members, by "<network>/<member_key>" and by place.
	byKey := make(map[string]*citynets.Member, len(in.Members))
	byPlace := map[string][]*citynets.Member{}
	for i := range in.Members {
		m := &in.Members[i]
		k, ok := netIndex[m.Network]
		if !ok {
			continue // no network id: nothing to show it under
		}
		d.Networks[k].Members++
		byKey[m.Network+"/"+m.MemberKey] = m
		if m.Match.PlaceID != "" {
			byPlace[m.Match.PlaceID] = append(byPlace[m.Match.PlaceID], m)
		}
	}

	// Places with coordinates, one dot each; bigger dots (more networks)
	// first so the smaller ones are drawn on top of them.
	places := make([]*citynets.Place, 0, len(in.Places))
	seen := map[string]bool{}
	for i := range in.Places {
		p := &in.Places[i]
		if p.PlaceID == "" || !validCoord(p.Latitude, p.Longitude) || seen[p.PlaceID] {
			continue
		}
		seen[p.PlaceID] = true
		places = append(places, p)
	}
	nCurrent := len(places)
	if len(in.Steps) > 1 {
		// Places only earlier snapshots had still need a dot for those
		// dates; in the snapshot the page describes they belong to nothing.
		for _, st := range in.Steps {
			for i := range st.Places {
				p := st.Places[i]
				if p.PlaceID == "" || !validCoord(p.Latitude, p.Longitude) || seen[p.PlaceID] {
					continue
				}
				seen[p.PlaceID] = true
				p.Networks, p.MemberKeys = nil, nil
				places = append(places, &p)
			}
		}
	}
	slices.SortStableFunc(places, func(a, b *citynets.Place) int {
		if c := cmp.Compare(len(b.Networks), len(a.Networks)); c != 0 {
			return c
		}
		return cmp.Compare(a.PlaceID, b.PlaceID)
	})

	perNet := make([][]int, len(d.Networks)) // place indexes per network
	for pi, p := range places {
		x, y := proj.Project(p.Longitude, p.Latitude)
		pd := placeData{
			Name:        p.Name,
			Country:     p.CountryCode,
			CountryName: p.CountryName,
			X:           round1(x),
			Y:           round1(y),
			Networks:    []int{},
		}
		if p.ASCIIName != p.Name {
			pd.ASCII = p.ASCIIName
		}
		for _, n := range uniqueSorted(p.Networks) {
			k, ok := netIndex[n]
			if !ok {
				continue
			}
			pd.Networks = append(pd.Networks, k)
			perNet[k] = append(perNet[k], pi)
		}
		slices.Sort(pd.Networks) // in the order of the buttons
		pd.Published = publishedNames(p, byKey, byPlace[p.PlaceID], netIndex)
		d.Places = append(d.Places, pd)
	}

	current := seen
	if len(places) > nCurrent {
		current = map[string]bool{}
		for _, p := range in.Places {
			current[p.PlaceID] = true
		}
	}
	for _, m := range in.Members {
		if k, ok := netIndex[m.Network]; ok && (m.Match.PlaceID == "" || !current[m.Match.PlaceID]) {
			d.Networks[k].Unplaced++
		}
	}
	for k := range d.Networks {
		fillReach(&d.Networks[k], perNet[k], places)
	}
	d.Changes = groupChanges(in.Changes, netIndex, len(d.Networks))
	if len(in.Steps) > 1 {
		d.Steps = buildSteps(in.Steps, places, netIndex, len(d.Networks))
	}
	return d
}

// buildSteps encodes each snapshot's membership as one bitset per network
// over the page's places, so the page can redraw any date without a
// second copy of the places.
func buildSteps(steps []Step, places []*citynets.Place, netIndex map[string]int, nets int) []stepData {
	at := make(map[string]int, len(places))
	for i, p := range places {
		at[p.PlaceID] = i
	}
	out := make([]stepData, 0, len(steps))
	for _, st := range steps {
		sd := stepData{ID: st.SnapshotID, Members: make([]int, nets), Bits: make([]string, nets)}
		if !st.AsOf.IsZero() {
			sd.Date = st.AsOf.UTC().Format(time.DateOnly)
		}
		for _, m := range st.Members {
			if k, ok := netIndex[m.Network]; ok {
				sd.Members[k]++
			}
		}
		bits := make([][]byte, nets)
		for k := range bits {
			bits[k] = make([]byte, (len(places)+7)/8)
		}
		for _, p := range st.Places {
			i, ok := at[p.PlaceID]
			if !ok {
				continue // no usable coordinates: no dot to light
			}
			for _, n := range p.Networks {
				if k, ok := netIndex[n]; ok {
					bits[k][i/8] |= 1 << (i % 8)
				}
			}
		}
		for k := range bits {
			sd.Bits[k] = base64.StdEncoding.EncodeToString(bits[k])
		}
		out = append(out, sd)
	}
	return out
}

// validCoord rejects what JSON cannot carry (NaN, ±Inf) and what no place
// has (out of range).
func validCoord(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && math.Abs(lat) <= 90 && math.Abs(lon) <= 180
}

func uniqueSorted(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return slices.Compact(out)
}

// publishedNames lists the names each network publishes the place under,
// from its member keys and from the members that resolved to it, once
// each.
func publishedNames(p *citynets.Place, byKey map[string]*citynets.Member, matched []*citynets.Member, netIndex map[string]int) []published {
	var out []published
	add := func(m *citynets.Member) {
		pub := published{Network: netIndex[m.Network], Name: m.Name}
		// byKey and matched only hold members of known networks.
		if m.Name != "" && !slices.Contains(out, pub) {
			out = append(out, pub)
		}
	}
	for _, k := range p.MemberKeys {
		if m, ok := byKey[k]; ok {
			add(m)
		}
	}
	for _, m := range matched {
		add(m)
	}
	slices.SortStableFunc(out, func(a, b published) int { return cmp.Compare(a.Network, b.Network) })
	return out
}

// fillReach counts a network's cities, countries and continents and finds
// its two members farthest apart.
func fillReach(n *networkData, idx []int, places []*citynets.Place) {
	n.Places = len(idx)
	countries := map[string]bool{}
	continents := map[string]bool{}
	pts := make([]latLon, len(idx))
	for i, pi := range idx {
		p := places[pi]
		if cc := strings.ToUpper(p.CountryCode); cc != "" {
			countries[cc] = true
		}
		if c := geo.Continent(p.CountryCode); c != "" {
			continents[c] = true
		}
		pts[i] = latLon{p.Latitude, p.Longitude}
	}
	n.Countries = len(countries)
	for c := range continents {
		n.Continents = append(n.Continents, c)
	}
	slices.SortFunc(n.Continents, func(a, b string) int { return cmp.Compare(geo.ContinentRank(a), geo.ContinentRank(b)) })
	if i, j, km, ok := farthestPair(pts); ok {
		n.Far = &farData{A: idx[i], B: idx[j], Km: int(math.Round(km)), Path: greatCirclePath(pts[i], pts[j])}
	}
}

// groupChanges sorts the diff into one entry per network that changed, in
// network order; joined members show their new name, leavers their old.
func groupChanges(changes []citynets.Change, netIndex map[string]int, nets int) []changeData {
	if len(changes) == 0 {
		return nil
	}
	groups := make([]*changeData, nets)
	for _, c := range changes {
		k, ok := netIndex[c.Network]
		if !ok {
			continue
		}
		g := groups[k]
		if g == nil {
			g = &changeData{Network: k}
			groups[k] = g
		}
		switch c.Change {
		case citynets.Joined:
			g.Joined = append(g.Joined, cmp.Or(c.NewName, c.MemberKey))
		case citynets.Left:
			g.Left = append(g.Left, cmp.Or(c.OldName, c.MemberKey))
		case citynets.Renamed:
			g.Renamed = append(g.Renamed, [2]string{c.OldName, c.NewName})
		default:
			g.Modified++
		}
	}
	var out []changeData
	for _, g := range groups {
		if g != nil {
			slices.Sort(g.Joined)
			slices.Sort(g.Left)
			out = append(out, *g)
		}
	}
	return out
}
