package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/induce"
)

// suggestion is what check --suggest induced for a failed network: a spec
// to save in a --specs folder and the evidence for trusting it.
type suggestion struct {
	// Spec is a whole spec file: the induced variant first, then the
	// spec's own variants. Empty when induction refused.
	Spec string `json:"spec,omitempty"`
	// Passes is true when the induced spec passes the guard and reads
	// enough of the known names: `run --repair` would use it.
	Passes bool `json:"passes"`
	// Refused says why induction, or the induced spec, was refused.
	Refused    string            `json:"refused,omitempty"`
	KnownFrom  string            `json:"known_from"`
	KnownFound int               `json:"known_found"`
	KnownTotal int               `json:"known_total"`
	Recall     float64           `json:"recall"`
	Members    int               `json:"members"` // what the induced spec read
	Sources    []suggestedSource `json:"sources"`
	NameLike   string            `json:"name_like_rule"`
}

// suggestedSource is one primary source's induction.
type suggestedSource struct {
	Name         string   `json:"name"`
	Induced      bool     `json:"induced"`
	Items        string   `json:"items,omitempty"`
	Records      int      `json:"records"`
	Recall       float64  `json:"recall"`
	NameLike     float64  `json:"name_like"`
	Claimed      int      `json:"claimed"`
	Samples      []string `json:"samples"`
	Alternatives []string `json:"alternatives"`
	Notes        []string `json:"notes"`
}

func newSuggestion(r *scrapers.Repair, knownFrom string) *suggestion {
	s := &suggestion{Spec: string(r.Spec), Passes: r.Err == nil, KnownFrom: knownFrom,
		KnownFound: r.KnownFound, KnownTotal: r.KnownTotal, Recall: r.Recall(), NameLike: induce.NameLikeRule, Sources: []suggestedSource{}}
	if r.Err != nil {
		s.Refused = r.Err.Error()
	}
	if r.Result != nil {
		s.Members = len(r.Result.Members)
	}
	for _, src := range r.Sources {
		ev := src.Evidence
		ss := suggestedSource{Name: src.Name, Induced: src.Induced, Items: src.Items, Records: ev.Records, Recall: ev.Recall,
			NameLike: ev.NameLike, Claimed: ev.Claimed, Samples: []string{}, Alternatives: []string{}, Notes: ev.Notes}
		for _, rec := range ev.Samples {
			sample := rec.Name
			if rec.Country != "" {
				sample += " | " + rec.Country
			}
			ss.Samples = append(ss.Samples, sample)
		}
		for i, a := range ev.Alternatives {
			if i == 5 {
				break
			}
			ss.Alternatives = append(ss.Alternatives, fmt.Sprintf("%s (%d records): %s", a.Items, a.Records, a.Why))
		}
		if ss.Notes == nil {
			ss.Notes = []string{}
		}
		s.Sources = append(s.Sources, ss)
	}
	return s
}

// specBegin and specEnd frame the suggested spec in check's report, so a
// person (or a script) can cut it out whole.
const (
	specBegin = "----- suggested spec: save as <dir>/%s.yaml and run with --specs <dir> -----"
	specEnd   = "----- end of suggested spec -----"
)

// printSuggestion prints what --suggest induced, after the failed verdict.
func printSuggestion(w io.Writer, c *networkCheck) {
	s := c.Suggestion
	from := s.KnownFrom
	if from != "known.txt" {
		from = "snapshot " + from
	}
	fmt.Fprintf(w, "   suggest: induced from %d known names (%s)\n", s.KnownTotal, termSafe(from))
	for _, src := range s.Sources {
		if !src.Induced {
			fmt.Fprintf(w, "     source %s: kept as written (it still reads members)\n", termSafe(src.Name))
			continue
		}
		fmt.Fprintf(w, "     source %s: items %q, %d records, recall of known names %.2f, %.0f %% look like member names\n",
			termSafe(src.Name), termSafe(src.Items), src.Records, src.Recall, 100*src.NameLike)
		fmt.Fprintf(w, "       samples: %s\n", termSafe(strings.Join(src.Samples, "; ")))
		for _, a := range src.Alternatives {
			fmt.Fprintf(w, "       lost: %s\n", termSafe(a))
		}
		for _, n := range src.Notes {
			fmt.Fprintf(w, "       note: %s\n", termSafe(n))
		}
	}
	fmt.Fprintf(w, "     (%s)\n", s.NameLike)
	if s.Spec == "" {
		fmt.Fprintf(w, "   suggest: no spec: %s\n", termSafe(s.Refused))
		return
	}
	if s.Passes {
		fmt.Fprintf(w, "   suggest: the induced spec reads %d members, %d of %d known names (%.0f %%), and passes the guard (run --repair would use it)\n",
			s.Members, s.KnownFound, s.KnownTotal, 100*s.Recall)
	} else {
		fmt.Fprintf(w, "   suggest: the induced spec is refused: %s\n", termSafe(s.Refused))
	}
	fmt.Fprintf(w, specBegin+"\n", c.Network)
	for _, line := range strings.Split(strings.TrimRight(s.Spec, "\n"), "\n") {
		fmt.Fprintln(w, termSafe(line))
	}
	fmt.Fprintln(w, specEnd)
}
