package scrapers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/induce"
)

// MinKnownRecall is the share of the known names a repaired network's
// induced spec must read, beside passing the spec's own guard: a structure
// that holds fewer is not the member list the known names came from.
const MinKnownRecall = 0.6

// keptPages is how many pages of each source Collect keeps for self-repair
// when asked to repair or suggest: enough for induction to see the list's
// first pages, which it pages on from itself.
const keptPages = 10

// Repair is what self-repair found for a network whose every variant failed
// its guard: a spec with an induced variant, what that spec read, and
// whether it passed.
type Repair struct {
	// Variant is the failed variant whose pages were induced from.
	Variant string
	// Spec is a whole spec file: the induced variant first (its primary
	// sources induced, every other source as written), then the spec's
	// other variants. It can be saved as <dir>/<id>.yaml for --specs.
	Spec []byte
	// Sources says, per primary source, what induction found.
	Sources []InducedSource
	// Result is what the induced spec read; nil when its scrape failed or
	// induction refused.
	Result *Result
	// KnownFound of KnownTotal known names are among Result's members.
	KnownFound, KnownTotal int
	// Err is nil when the induced spec passed the guard and read enough of
	// the known names; otherwise it says why the repair was refused.
	Err error
}

// Recall is the share of the known names the induced spec read.
func (r *Repair) Recall() float64 {
	if r.KnownTotal == 0 {
		return 0
	}
	return float64(r.KnownFound) / float64(r.KnownTotal)
}

// InducedSource is one primary source's induction.
type InducedSource struct {
	Name string
	// Induced is false when the source was kept as written: another
	// primary source broke, this one still reads its members.
	Induced bool
	// Items is the induced record selector.
	Items    string
	Evidence induce.Evidence
}

// primary reports whether self-repair may induce a source: a source that
// only merges detail into members is never induced (it lists none of its
// own), and neither is an optional one.
func primary(src Source) bool {
	return src.Merge == ""
}

// repair induces a new structure for the network from the pages its
// variants already fetched and runs it through the same scraper and guard.
// It never returns nil; a cancelled ctx shows as Err.
func (s *Scraper) repair(ctx context.Context, j Job, attempts []Attempt, guard func(*Result) error) *Repair {
	rep := &Repair{KnownTotal: len(knownSet(j.Known))}
	if rep.KnownTotal == 0 {
		rep.Err = errors.New("no known members to look for (no last good snapshot and no known.txt)")
		return rep
	}
	read, v, ok := s.repairBase(attempts)
	if !ok {
		rep.Err = errors.New("no variant fetched a page to induce from")
		return rep
	}
	rep.Variant = v.Name
	induced, err := s.induceSources(ctx, j.Known, v, read, rep)
	if err != nil {
		rep.Err = err
		return rep
	}
	name := "induced-" + s.AsOf.UTC().Format(time.DateOnly)
	rep.Spec, err = spliceVariant(s.Spec.Raw, v.Name, name, induced)
	if err != nil {
		rep.Err = fmt.Errorf("splice the induced variant into the spec: %w", err)
		return rep
	}
	spec, err := ParseSpec(rep.Spec)
	if err != nil {
		rep.Err = fmt.Errorf("the induced spec does not load: %w", err)
		return rep
	}
	rs := *s
	rs.Spec, rs.KeepPages = spec, 0
	r, err := rs.runVariant(ctx, spec.Variants[0])
	if err != nil {
		rep.Err = fmt.Errorf("the induced spec's scrape failed: %w", err)
		return rep
	}
	rep.Result = r
	rep.KnownFound = knownFound(j.Known, r.Members)
	if err := guard(r); err != nil {
		rep.Err = fmt.Errorf("the induced spec fails the guard: %w", err)
		return rep
	}
	if rep.Recall() < MinKnownRecall {
		rep.Err = fmt.Errorf("the induced spec reads %d of %d known names (%.0f %%, below %.0f %%)",
			rep.KnownFound, rep.KnownTotal, 100*rep.Recall(), 100*MinKnownRecall)
	}
	return rep
}

// repairBase picks the failed variant to induce from: the first whose
// pages were fetched.
func (s *Scraper) repairBase(attempts []Attempt) (*Result, Variant, bool) {
	for _, a := range attempts {
		if a.read == nil || len(a.read.SourcePages) == 0 {
			continue
		}
		for _, v := range s.Spec.Variants {
			if v.Name == a.Variant {
				return a.read, v, true
			}
		}
	}
	return nil, Variant{}, false
}

// induceSources induces each primary source of v from the pages read
// kept. With several primary sources each holds part of the known
// members: a source looks for the known names the others did not read, and
// one that induction refuses is kept as written if it still read members.
func (s *Scraper) induceSources(ctx context.Context, known []KnownMember, v Variant, read *Result, rep *Repair) (map[string][]byte, error) {
	var primaries []Source
	for _, src := range v.Sources {
		if primary(src) {
			primaries = append(primaries, src)
		}
	}
	out := map[string][]byte{}
	for _, src := range primaries {
		look := known
		if len(primaries) > 1 {
			look = knownExcept(known, read, src.Name)
		}
		res, err := induce.Induce(ctx, inducePages(read.SourcePages[src.Name]), toInduce(look), induce.Options{
			MinRecall: MinKnownRecall, Fetch: s.fetchText,
		})
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if err != nil {
			if len(primaries) > 1 && len(read.sourceNames[src.Name]) > 0 {
				rep.Sources = append(rep.Sources, InducedSource{Name: src.Name})
				continue
			}
			return nil, fmt.Errorf("source %s: %w", src.Name, err)
		}
		y, err := res.YAML(src.Name)
		if err != nil {
			return nil, err
		}
		out[src.Name] = y
		rep.Sources = append(rep.Sources, InducedSource{Name: src.Name, Induced: true, Items: res.Source.Items, Evidence: res.Evidence})
	}
	if len(out) == 0 {
		return nil, errors.New("every primary source still reads members as written; no structure to induce")
	}
	return out, nil
}

// fetchText fetches a further page for induction (pagination) through the
// scraper's own fetcher, so politeness, robots.txt, the archive and replay
// all apply.
func (s *Scraper) fetchText(ctx context.Context, u string) ([]byte, error) {
	p, err := s.Fetcher.Fetch(ctx, u)
	if err != nil {
		return nil, err
	}
	return p.Text(), nil
}

func inducePages(ps []*fetch.Page) []induce.Page {
	out := make([]induce.Page, 0, len(ps))
	for _, p := range ps {
		out = append(out, induce.Page{URL: p.URL, HTML: p.Text()})
	}
	return out
}

func toInduce(ks []KnownMember) []induce.Known {
	out := make([]induce.Known, len(ks))
	for i, k := range ks {
		out[i] = induce.Known{Name: k.Name, Country: k.Country}
	}
	return out
}

// knownExcept is known without the names the other primary sources of
// read yielded.
func knownExcept(known []KnownMember, read *Result, source string) []KnownMember {
	other := map[string]bool{}
	for name, names := range read.sourceNames {
		if name == source {
			continue
		}
		for _, n := range names {
			other[induce.Fold(n)] = true
		}
	}
	var out []KnownMember
	for _, k := range known {
		if !other[induce.Fold(k.Name)] {
			out = append(out, k)
		}
	}
	return out
}

// knownSet is the distinct known names, folded.
func knownSet(known []KnownMember) map[string]bool {
	set := map[string]bool{}
	for _, k := range known {
		if f := induce.Fold(k.Name); f != "" {
			set[f] = true
		}
	}
	return set
}

// knownFound counts the distinct known names among ms, compared folded.
func knownFound(known []KnownMember, ms []citynets.Member) int {
	set := knownSet(known)
	found := map[string]bool{}
	for _, m := range ms {
		if f := induce.Fold(m.Name); set[f] {
			found[f] = true
		}
	}
	return len(found)
}
