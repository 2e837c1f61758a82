package enrich

import (
	"log/slog"
	"strconv"
	"strings"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/enrich/gazetteer"
)

// Matcher resolves published member names to gazetteer places. Build it
// once per gazetteer; it is safe for concurrent use.
type Matcher struct {
	g     *gazetteer.Gazetteer
	words wordLists
	log   *slog.Logger // never nil; the caller's, or one that discards

	overrides   map[string][]resolvedOverride // folded name → overrides
	adminByName map[string][]gazetteer.Admin1 // folded division name → divisions
	adminKeys   map[string][]adminKey         // country → its divisions' folded names
	admin2Codes map[string]map[string]bool    // country → letter admin2 codes
	countryKeys map[string][]string           // country → folded names, longest first
	fuzzyIdx    *fuzzyIndexes                 // per-country trigram index, built on first use
	pops        typicalPopulations            // stands in for unknown populations
	popsRival   typicalPopulations            // the lower quartile of each kind, for a rival of unknown population
	seats       seatCountries                 // countries whose municipalities are seats

	// maxKeyLen is the length of the gazetteer's longest key: no longer
	// text can match, so the matcher never hashes or looks it up.
	maxKeyLen int
}

// Candidate is one place a name may mean, as the matcher weighed it; the
// runner-ups explain a match (citynets geocode prints them).
type Candidate struct {
	PlaceID     string
	Name        string
	CountryCode string
	Admin1Code  string
	Admin1Name  string
	FeatureCode string
	Population  int64
	Latitude    float64
	Longitude   float64
	Method      string  // exact, alias, fuzzy or override
	Score       float32 // 0..1, as the match score would be
	Why         string  // which form of the name matched and what ranked it
}

// Result is the outcome of resolving one name.
type Result struct {
	// Match is the chosen place, or a Match with Method "none".
	Match citynets.Match
	// Candidates are the places considered, best first (at most
	// maxCandidates); when Match is resolved, Candidates[0] is the match.
	Candidates []Candidate
	// Country is the ISO2 country the name was resolved within, from the
	// published country or from the name itself ("Leon, Spain"); "" when
	// neither said.
	Country string
	// Reason says why Match is unresolved (one of the Reason constants);
	// "" when it is resolved. The members table records only Method
	// "none"; the reason and the candidates are for citynets geocode and
	// for anyone fixing the name with an override.
	Reason string
}

// Why a name stayed unmatched.
const (
	ReasonNotFound  = "not found"               // no place bears any form of the name
	ReasonAmbiguous = "ambiguous"               // several far-apart places, none clearly first
	ReasonHint      = "hint disagrees"          // places bear the name, none in the hinted area
	ReasonLowScore  = "score below the minimum" // the best place scored under minScore
	ReasonDivision  = "division name"           // the name is a division's, the place a minor namesake
)

const maxCandidates = 5

// minScore is the lowest score a match is returned with. On the ClimActor
// dev split, matches scored below it were wrong about as often as right,
// and a wrong place is worse than none.
const minScore = 0.7

// Option configures a Matcher as NewMatcher builds it.
type Option func(*Matcher)

// WithLogger makes the matcher log to l (a bad override, for one). Without
// it the matcher logs nothing: a library has no business writing to the
// process-wide default logger, whose level and format the caller chose for
// its own lines.
func WithLogger(l *slog.Logger) Option {
	return func(m *Matcher) {
		if l != nil {
			m.log = l
		}
	}
}

// NewMatcher builds a matcher over a gazetteer. Overrides are applied before
// any matching; a later override for the same name and country replaces an
// earlier one, so a user's file can be appended to the committed one. An
// override whose place is not in the gazetteer is logged (see WithLogger)
// and ignored.
func NewMatcher(g *gazetteer.Gazetteer, overrides []Override, opts ...Option) *Matcher {
	m := &Matcher{
		g:           g,
		words:       newWordLists(),
		log:         slog.New(slog.DiscardHandler),
		overrides:   make(map[string][]resolvedOverride),
		adminByName: make(map[string][]gazetteer.Admin1),
		adminKeys:   make(map[string][]adminKey),
		admin2Codes: make(map[string]map[string]bool),
		countryKeys: make(map[string][]string),
		fuzzyIdx:    newFuzzyIndexes(g),
		seats:       newSeatCountries(g),
	}
	pops := newTypicalPopulations(g, typicalPercentile, rivalPercentile)
	m.pops, m.popsRival = pops[0], pops[1]
	for _, o := range opts {
		o(m)
	}
	for _, a := range g.Admin1s() {
		k := Normalize(a.Name)
		m.adminByName[k] = append(m.adminByName[k], a)
		m.adminKeys[a.CountryCode] = append(m.adminKeys[a.CountryCode], adminKey{code: a.Code, key: k, name: a.Name})
		if s := m.stripAdminWords(k); s != k {
			m.adminByName[s] = append(m.adminByName[s], a)
		}
	}
	for i := 0; i < g.Len(); i++ {
		p := g.At(i)
		if c := p.Admin2Code; len(c) >= 2 && len(c) <= 3 && isLetters(c) {
			if m.admin2Codes[p.CountryCode] == nil {
				m.admin2Codes[p.CountryCode] = make(map[string]bool)
			}
			m.admin2Codes[p.CountryCode][c] = true
		}
	}
	for i := 0; i < g.NumKeys(); i++ {
		m.maxKeyLen = max(m.maxKeyLen, len(g.KeyAt(i)))
	}
	for _, c := range gazetteer.Countries() {
		names := append([]string{c.Name}, c.Aliases...)
		m.countryKeys[c.ISO2] = foldList(names)
	}
	for _, o := range overrides {
		m.addOverride(o)
	}
	return m
}

func (m *Matcher) addOverride(o Override) {
	id, err := strconv.ParseInt(strings.TrimPrefix(o.PlaceID, "geonames:"), 10, 64)
	if err != nil {
		m.log.Warn("override: bad place id", "name", o.Name, "place_id", o.PlaceID)
		return
	}
	p, ok := m.g.ByID(id)
	if !ok {
		m.log.Warn("override: place not in gazetteer", "name", o.Name, "place_id", o.PlaceID)
		return
	}
	cc := ""
	if o.Country != "" {
		if cc = resolveCountry(o.Country); cc == "" {
			m.log.Warn("override: unknown country", "name", o.Name, "country", o.Country)
			return
		}
	}
	k := Normalize(Repair(o.Name))
	list := m.overrides[k]
	for i := range list {
		if list[i].cc == cc {
			list[i] = resolvedOverride{cc: cc, place: p, note: o.Note}
			return
		}
	}
	m.overrides[k] = append(list, resolvedOverride{cc: cc, place: p, note: o.Note})
}

// Resolve finds the place a published name means. countryPublished is the
// country as the network published it (a name, alias or ISO code; may be
// empty). A name that cannot be resolved with confidence gets Method
// "none": a wrong place is worse than no place.
func (m *Matcher) Resolve(name, countryPublished string) Result {
	cc := resolveCountry(countryPublished)
	res := m.resolve(Repair(name), cc, false)
	if res.Match.Resolved() || res.Reason != ReasonNotFound {
		return res
	}
	for _, r := range lostReadings(name) {
		if alt := m.resolve(r.text, cc, r.wild); alt.Match.Resolved() {
			return alt
		}
	}
	return res
}

// resolve resolves a repaired name within country cc (which may be "").
// With lost, lostMark in the name stands for lost letters (see lost.go).
func (m *Matcher) resolve(fixed, cc string, lost bool) Result {
	res := Result{Country: cc}
	if fixed == "" {
		res.Match, res.Reason = noMatch(), ReasonNotFound
		return res
	}
	if o, ok := m.override(Normalize(fixed), cc); ok {
		c := m.candidate(o.place, citynets.MatchOverride, 1, "override: "+o.note)
		res.Match = c.match()
		res.Candidates = []Candidate{c}
		if res.Country == "" {
			res.Country = o.place.CountryCode
		}
		return res
	}
	p := parse(fixed)
	m.splitTailAbbrev(&p, cc)
	hints := append(append([]string(nil), p.hints...), p.parens...)
	for _, a := range p.alts {
		if m.isAdminText(a) {
			hints = append(hints, a)
		}
	}
	areas, cc := m.resolveHints(hints, cc)
	res.Country = cc
	forms := m.forms(p, cc)
	r := m.rank(forms, cc, areas)
	if r.none() {
		r = m.twin(forms, cc, areas)
	}
	if r.none() && cc != "" {
		if q, tail, ok := m.splitTailAdmin(p, cc); ok {
			qa, _ := m.resolveHints(append(hints, tail), cc)
			if rq := m.rank(m.forms(q, cc), cc, qa); rq.best != nil {
				r = rq
			}
		}
	}
	if r.none() && cc != "" {
		r = m.lastResort(forms, cc, areas, lost)
	}
	if r.best != nil && r.best.Score < minScore {
		r.best = nil
		r.reason = ReasonLowScore
		for i := range r.candidates {
			r.candidates[i].Why += "; score below the minimum"
		}
	}
	if r.best != nil && len(forms) > 0 && m.isDivisionName(forms[0].key, cc, r.best) {
		// "Iowa" is the state, not the village of Iowa, Louisiana.
		r.best = nil
		r.reason = ReasonDivision
		for i := range r.candidates {
			r.candidates[i].Why += "; the name is a division's"
		}
	}
	res.Candidates = r.candidates
	if r.best == nil {
		res.Match = noMatch()
		res.Reason = r.reason
		if res.Reason == "" {
			res.Reason = ReasonNotFound
		}
		return res
	}
	res.Match = r.best.match()
	return res
}

// lastResort reads a name that names nothing as something else than a
// place's name: a second-order division's, then a misspelt name (or one
// with lost letters), then a name cut short. Only a name that names
// nothing gets here: an exact name that is ambiguous, or whose places the
// hints rule out, is not a misspelling of another name (South Haven is
// not Southaven).
func (m *Matcher) lastResort(forms []form, cc string, areas []area, lost bool) ranked {
	r := m.division(forms, cc, areas)
	if r.none() {
		if lost {
			r = m.lost(forms, cc, areas)
		} else {
			r = m.fuzzy(forms, cc, areas)
		}
	}
	if r.none() {
		r = m.truncated(forms, cc, areas)
	}
	return r
}

// splitTailAdmin reads a state or province named after the name without a
// comma ("General Alvear Mendoza", "Chalma Veracruz") as a hint: it
// returns the name without it, and the division's name. Tried only when
// the whole name names nothing, so "Santiago del Estero" stays the city.
func (m *Matcher) splitTailAdmin(p parsed, cc string) (parsed, string, bool) {
	words := strings.Fields(p.main)
	for n := 1; n <= 3 && n < len(words); n++ {
		tail := strings.Join(words[len(words)-n:], " ")
		head := strings.Join(words[:len(words)-n], " ")
		if len(head) < 3 {
			break
		}
		for _, a := range m.adminByName[Normalize(tail)] {
			if a.CountryCode == cc {
				q := p
				q.main, q.alts = head, nil
				return q, tail, true
			}
		}
	}
	return p, "", false
}

// splitTailAbbrev reads a state abbreviation written after the name
// without a comma ("Brownsville TX", "Mioveni AG") as a hint. An article
// or preposition in capitals ends a name in capitals ("CASTELLÓ DE LA"),
// not a state.
func (m *Matcher) splitTailAbbrev(p *parsed, cc string) {
	i := strings.LastIndexByte(p.main, ' ')
	if i < 3 {
		return
	}
	tail := p.main[i+1:]
	if len(tail) < 2 || len(tail) > 3 || !isLetters(tail) || danglingWords[strings.ToLower(tail)] ||
		len(m.hintAreas(tail, cc)) == 0 {
		return
	}
	p.hints = append(p.hints, tail)
	p.main = strings.TrimSpace(p.main[:i])
}

// isDivisionName reports whether a published name is the name of a
// first-order division of the country and the best candidate is a minor
// place elsewhere that merely shares it: the member is then the division (or a
// place the name does not identify) and is better left unmatched.
func (m *Matcher) isDivisionName(key, cc string, best *Candidate) bool {
	if cc == "" || best.Method == citynets.MatchOverride {
		return false
	}
	for _, a := range m.adminByName[key] {
		if a.CountryCode == cc && a.Code != best.Admin1Code {
			return gazetteer.FeatureRank(best.FeatureCode) < 5 && best.Population < 100000
		}
	}
	return false
}

func (m *Matcher) override(key, cc string) (resolvedOverride, bool) {
	list := m.overrides[key]
	for _, o := range list {
		if o.cc == cc && cc != "" {
			return o, true
		}
	}
	for _, o := range list {
		if o.cc == "" || cc == "" {
			return o, true
		}
	}
	return resolvedOverride{}, false
}

func noMatch() citynets.Match { return citynets.Match{Method: citynets.MatchNone} }

// candidate describes a place as a Candidate.
func (m *Matcher) candidate(p *gazetteer.Place, method string, score float64, why string) Candidate {
	return Candidate{
		PlaceID:     p.PlaceID(),
		Name:        p.Name,
		CountryCode: p.CountryCode,
		Admin1Code:  p.Admin1Code,
		Admin1Name:  m.g.Admin1Name(p.CountryCode, p.Admin1Code),
		FeatureCode: p.FeatureCode,
		Population:  p.Population,
		Latitude:    p.Latitude,
		Longitude:   p.Longitude,
		Method:      method,
		Score:       float32(score),
		Why:         why,
	}
}

// match turns a chosen candidate into the member's Match.
func (c Candidate) match() citynets.Match {
	return citynets.Match{
		PlaceID:     c.PlaceID,
		PlaceName:   c.Name,
		CountryCode: c.CountryCode,
		Admin1Code:  c.Admin1Code,
		Admin1Name:  c.Admin1Name,
		Latitude:    c.Latitude,
		Longitude:   c.Longitude,
		Population:  c.Population,
		Method:      c.Method,
		Score:       c.Score,
	}
}
