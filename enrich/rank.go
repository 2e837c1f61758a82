package enrich

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/internal/geo"
)

// Ranking constants. A candidate's weight is its prominence (feature code
// and population, see prominence) plus exactBonus when the key is the
// place's own name rather than an alternate name: so an exact name wins
// unless the alternate-name place is far more prominent, some thirty
// times the population ("Washington" is the capital's alternate name but
// a small town's own; "Pittsburg" is Pittsburg, California, not an
// alternate spelling of Pittsburgh).
const (
	exactBonus = 1.5
	// sameCityKm: two candidates closer than this are the same city (a
	// city and its PPLX section, twin GeoNames entries); only a runner-up
	// farther away makes a name ambiguous. It is also the eval's tolerance.
	sameCityKm = 25.0
	// minMargin is the weight a best candidate must lead a far-away
	// runner-up by; below it the name is too ambiguous to resolve.
	minMargin = 0.15
	// territoryPenalty ranks places of a country's overseas territories
	// below its own places.
	territoryPenalty = 2.0
	// seatBonus is added to a seat of a division in a country whose
	// municipalities are all seats (see seatCountries), when the country
	// is known.
	seatBonus = 1.0
	// dominanceRatio and dominanceMinPop say when one namesake clearly
	// dominates the others (see dominant): it is a city of at least
	// dominanceMinPop inhabitants with at least dominanceRatio times the
	// population of every far-away rival found by its own name (an
	// alternate-name rival counts exactBonus less, as in the weight).
	dominanceRatio  = 3.0
	dominanceMinPop = 50_000
)

// prominence says how likely a place is to be a network member: a
// capital or division seat, and the more inhabitants the likelier. An
// unknown population counts as the typical one of the place's kind (see
// typicalPopulations), not as none.
func (m *Matcher) prominence(p *gazetteer.Place) float64 {
	var f float64
	switch gazetteer.FeatureRank(p.FeatureCode) {
	case 6:
		f = 2.0
	case 5:
		f = 1.2
	case 4:
		f = 0.6
	case 3:
		f = 0.3
	case 2:
		f = 0.15
	case 0:
		f = -1
	}
	return f + math.Log10(float64(m.pops.population(p))+10)
}

// weighed is one candidate place during ranking.
type weighed struct {
	p      *gazetteer.Place
	kind   gazetteer.Kind
	form   form
	agree  string // the hint the place agrees with, if any
	weight float64
	dist   int // edit distance, for fuzzy candidates
}

// ranked is the outcome of ranking: the chosen candidate (nil if none) and
// the candidates considered, best first.
type ranked struct {
	best       *Candidate
	candidates []Candidate
	reason     string // why best is nil: one of the Reason constants
}

// rank tries the forms in order and resolves the name with the first form
// that has candidates in the country (and in the hinted area, when a hint
// was understood). The country's territories are tried last.
//
// A government form that is only some place's alternate name ("City of
// Houston", an alternate name of Houston, Minnesota, in GeoNames 2023) is
// held back while a later form finds a place by its own name ("houston":
// Houston, Texas); it is used only when none does. A section of a place
// (PPLX) never beats a populated place of the same name unless the
// published name says it is a district.
func (m *Matcher) rank(forms []form, cc string, areas []area) ranked {
	var rejected, held []weighed
	district := len(forms) > 0 && saysDistrict(forms[0].key)
	for _, pass := range []int{0, 1} {
		if pass == 1 && len(territories[cc]) == 0 {
			break
		}
		for _, f := range forms {
			ws, rej := m.lookup(f, cc, areas, pass == 1)
			rejected = append(rejected, rej...)
			if len(ws) == 0 {
				continue
			}
			if !district {
				ws = dropSections(ws)
			}
			if held == nil && allAlternate(ws) && m.isGovForm(f.key, cc) {
				held = ws
				continue
			}
			if held != nil && allAlternate(ws) {
				break
			}
			return m.choose(ws, cc, minMargin)
		}
		if held != nil {
			return m.choose(held, cc, minMargin)
		}
	}
	return ranked{candidates: m.explain(rejected, cc, "hint disagrees"), reason: ReasonHint}
}

// allAlternate reports whether every candidate was found by an alternate
// name, none by its own.
func allAlternate(ws []weighed) bool {
	for _, w := range ws {
		if w.kind != gazetteer.KindAlternate {
			return false
		}
	}
	return true
}

// isGovForm reports whether a key carries a government word that a later
// form strips ("city of houston").
func (m *Matcher) isGovForm(key, cc string) bool {
	next, _ := m.stripOnce(key, cc)
	return next != ""
}

// sectionWords say that a published name means a part of a city, whose
// GeoNames entry is a section of a populated place (PPLX).
var sectionWords = map[string]bool{
	"district": true, "distrito": true, "bezirk": true, "stadtbezirk": true, "stadtteil": true,
	"arrondissement": true, "quartier": true, "quartiere": true, "ward": true, "ku": true, "gu": true,
	"borough": true, "sector": true, "sectorul": true, "dzielnica": true, "barrio": true,
}

// saysDistrict reports whether a published name (its folded key) says it
// is a district of a city ("Ota-ku", "Distrito de Miraflores").
func saysDistrict(key string) bool {
	for _, tok := range strings.Fields(key) {
		if sectionWords[tok] {
			return true
		}
	}
	return false
}

// dropSections removes the sections of populated places (PPLX) from the
// candidates when a populated place proper bears the name too: GeoNames
// 2023 gives some city districts large populations, and "Arpino" is the
// town, not a district of Naples.
func dropSections(ws []weighed) []weighed {
	keep := 0
	for _, w := range ws {
		if w.p.FeatureCode != "PPLX" {
			keep++
		}
	}
	if keep == 0 || keep == len(ws) {
		return ws
	}
	out := make([]weighed, 0, keep)
	for _, w := range ws {
		if w.p.FeatureCode != "PPLX" {
			out = append(out, w)
		}
	}
	return out
}

// lookup returns the candidates of one form, and separately those that
// the hints rule out.
func (m *Matcher) lookup(f form, cc string, areas []area, inTerritories bool) (ok, rejected []weighed) {
	if len(f.key) > m.maxKeyLen {
		return nil, nil // longer than any key: no need to hash it
	}
	for _, post := range m.g.Lookup(f.key) {
		p := m.g.At(post.Index())
		if gazetteer.Historic(p.FeatureCode) {
			continue
		}
		w := weighed{p: p, kind: post.Kind(), form: f, weight: m.prominence(p)}
		if post.Kind() != gazetteer.KindAlternate {
			w.weight += exactBonus
		}
		if cc != "" && m.seats[cc] && isSeat(p.FeatureCode) {
			w.weight += seatBonus
		}
		switch {
		case cc == "" || p.CountryCode == cc:
		case inTerritories && contains(territories[cc], p.CountryCode):
			w.weight -= territoryPenalty
		default:
			continue
		}
		if len(areas) > 0 {
			for _, a := range areas {
				if a.contains(p) {
					w.agree = a.why
					break
				}
			}
			if w.agree == "" {
				rejected = append(rejected, w)
				continue
			}
		}
		ok = append(ok, w)
	}
	return ok, rejected
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortWeighed orders candidates best first: weight, then population, then
// the lower GeoNames id for a stable order.
func sortWeighed(ws []weighed, pops typicalPopulations) {
	sort.Slice(ws, func(i, j int) bool {
		a, b := ws[i], ws[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.weight != b.weight {
			return a.weight > b.weight
		}
		if pa, pb := pops.population(a.p), pops.population(b.p); pa != pb {
			return pa > pb
		}
		return a.p.ID < b.p.ID
	})
}

// choose picks the best candidate, or none when a far-away runner-up
// trails it by less than need.
func (m *Matcher) choose(ws []weighed, cc string, need float64) ranked {
	sortWeighed(ws, m.pops)
	ws = dedupPlaces(ws)
	dom := m.dominant(ws)
	if dom > 0 && distanceKm(ws[0].p, ws[dom].p) > sameCityKm {
		// Bring the dominant candidate first, keeping the others' order;
		// an entry of the same city (New Delhi beside Delhi) that the
		// weight already puts first stays first.
		d := ws[dom]
		copy(ws[1:dom+1], ws[:dom])
		ws[0] = d
	}
	best := ws[0]
	margin := math.Inf(1)
	for _, w := range ws[1:] {
		if dom >= 0 {
			break // a dominant candidate has no close rival
		}
		if distanceKm(best.p, w.p) > sameCityKm {
			margin = best.weight - w.weight - m.unknownSpread(w.p)
			if w.dist > best.dist {
				margin = math.Inf(1)
			}
			break
		}
	}
	out := ranked{}
	top := m.score(best, cc, margin)
	for i, w := range ws {
		if i == maxCandidates {
			break
		}
		s := top
		if i > 0 {
			s = math.Min(top, m.score(w, cc, math.Inf(1))) / (1 + math.Max(0, best.weight-w.weight))
		}
		out.candidates = append(out.candidates, m.candidate(w.p, methodOf(w), math.Round(s*1000)/1000, why(w, m.g)))
	}
	if margin < need {
		out.markAmbiguous()
		return out
	}
	out.best = &out.candidates[0]
	return out
}

// none reports whether ranking found no candidate at all.
func (r ranked) none() bool { return r.best == nil && len(r.candidates) == 0 }

// markAmbiguous records that no candidate is clearly first.
func (r *ranked) markAmbiguous() {
	for i := range r.candidates {
		r.candidates[i].Why += "; ambiguous"
	}
	r.reason = ReasonAmbiguous
}

// dominant returns the index of the candidate that clearly dominates its
// far-away namesakes, or -1. Feature codes and the margin rule weigh
// namesakes of similar size well, but they let a county seat outrank a
// city three times its size (Vancouver, Washington, against Vancouver,
// British Columbia) and keep a world city from being resolved when the
// name is a capital's historic alternate name (Philadelphia, an
// alternate name of Amman). A list that names a member without more
// context means the city everybody knows by that name, so a place of at
// least dominanceMinPop known inhabitants whose population, scaled like
// the weight (an alternate name costs exactBonus in log10), is at least
// dominanceRatio times each far-away rival's wins outright. Places of
// similar size stay ambiguous (South Haven, Indiana and Michigan;
// Breckenridge, Texas and Colorado), as does any rival whose population
// is unknown, since unknown is not small. Only candidates found as
// closely as the best (same edit distance) compete.
func (m *Matcher) dominant(ws []weighed) int {
	strength := func(w weighed) float64 {
		s := math.Log10(float64(m.pops.population(w.p)))
		if w.kind != gazetteer.KindAlternate {
			s += exactBonus
		}
		return s
	}
	c := -1
	for i, w := range ws {
		if w.dist != ws[0].dist {
			break
		}
		if w.p.Population >= dominanceMinPop && (c < 0 || strength(w) > strength(ws[c])) {
			c = i
		}
	}
	if c < 0 {
		return -1
	}
	need := strength(ws[c]) - math.Log10(dominanceRatio)
	for i, w := range ws {
		if i == c || distanceKm(ws[c].p, w.p) <= sameCityKm {
			continue
		}
		if w.dist == ws[c].dist && (w.p.Population == 0 || strength(w) > need) {
			return -1
		}
	}
	return c
}

// unknownSpread is how much weight a place whose population GeoNames does
// not know may lack: the log10 gap between the lower quartile of its kind
// (rivalPercentile) and the low percentile its weight assumes
// (typicalPercentile). A runner-up of unknown size ranks by the low
// figure, so that an unknown seat neither wins nor loses by much, but
// whether the best candidate leads it clearly is judged by the quartile:
// Miyoshi, Hiroshima, is not clearly smaller than a Miyoshi of 53,616 just
// because its population is missing. On the ClimActor dev split the
// median cost four right answers for three wrong ones, the quartile one
// for three.
func (m *Matcher) unknownSpread(p *gazetteer.Place) float64 {
	if p.Population > 0 {
		return 0
	}
	lo, mid := m.pops.population(p), m.popsRival.population(p)
	return math.Max(0, math.Log10(float64(mid)+10)-math.Log10(float64(lo)+10))
}

// dedupPlaces keeps each place once, at its best position.
func dedupPlaces(ws []weighed) []weighed {
	seen := make(map[int64]bool, len(ws))
	out := ws[:0]
	for _, w := range ws {
		if !seen[w.p.ID] {
			seen[w.p.ID] = true
			out = append(out, w)
		}
	}
	return out
}

func methodOf(w weighed) string {
	switch {
	case w.dist > 0:
		return citynets.MatchFuzzy
	case w.kind == gazetteer.KindAlternate:
		return citynets.MatchAlias
	default:
		return citynets.MatchExact
	}
}

// score maps a candidate to 0..1: the method sets the ceiling; a derived
// form, a missing country and a far-away runner-up close behind (margin,
// in weight) lower it.
func (m *Matcher) score(w weighed, cc string, margin float64) float64 {
	var s float64
	switch methodOf(w) {
	case citynets.MatchExact:
		s = 1.0
	case citynets.MatchAlias:
		s = 0.92
	default:
		s = 0.8 - 0.1*float64(w.dist)/costFull
	}
	switch w.form.level {
	case levelStripped:
		s *= 0.97
	case levelAlt:
		s *= 0.9
	}
	if cc == "" {
		// Without a country the name stands alone; but a list that gives
		// no countries is a list of famous members, so the most prominent
		// homonym is the likelier one and its lead counts double.
		s *= 0.9
		margin *= 2
	}
	if !math.IsInf(margin, 1) {
		s *= 0.6 + 0.4*math.Min(1, margin)
	}
	return s
}

func why(w weighed, g *gazetteer.Gazetteer) string {
	kind := "name"
	switch {
	case w.dist > 0:
		kind = "fuzzy (edit cost " + strconv.FormatFloat(float64(w.dist)/costFull, 'f', 1, 64) + ")"
	case w.kind == gazetteer.KindAlternate:
		kind = "alternate name"
	case w.kind == gazetteer.KindASCII:
		kind = "ASCII name"
	}
	s := kind + " " + strconv.Quote(w.form.key) + " via " + w.form.why + "; " + w.p.FeatureCode +
		"; population " + strconv.FormatInt(w.p.Population, 10) + "; weight " + strconv.FormatFloat(w.weight, 'f', 2, 64)
	if w.agree != "" {
		s += "; agrees with " + w.agree
	}
	return s
}

// explain lists candidates that were ruled out, for Result.Candidates.
func (m *Matcher) explain(ws []weighed, cc, reason string) []Candidate {
	sortWeighed(ws, m.pops)
	ws = dedupPlaces(ws)
	var out []Candidate
	for i, w := range ws {
		if i == maxCandidates {
			break
		}
		out = append(out, m.candidate(w.p, methodOf(w), 0, why(w, m.g)+"; "+reason))
	}
	return out
}

// distanceKm is the great-circle distance between two places.
func distanceKm(a, b *gazetteer.Place) float64 {
	return geo.DistanceKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude)
}
