package pipeline

import (
	"fmt"
	"strings"

	"github.com/citynets/citynets/scrapers"
)

// earlierVariant starts the note the scraper engine adds when a spec
// variant failed and a later one was used: "an earlier variant failed:
// variant NAME: REASON".
const earlierVariant = "an earlier variant failed: variant "

// DescribeNotes are a result's notes as a person should read them. The
// engine words a variant it fell back from as a failure ("an earlier
// variant failed: … HTTP 404 Not Found"), which on every demo run read like
// an error; it is the variants mechanism working, so it is said as such:
// "variant typo3-live not used (… HTTP 404 Not Found); using variant
// typo3-wayback-2014". Other notes are kept as they are.
//
// The engine should rather report skipped variants as data; until it
// does, this reads its wording, and an unrecognised note passes through.
func DescribeNotes(r *scrapers.Result) []string {
	if r == nil {
		return nil
	}
	out := make([]string, len(r.Notes))
	for i, n := range r.Notes {
		out[i] = describeNote(n, r.Variant)
	}
	return out
}

func describeNote(note, used string) string {
	rest, ok := strings.CutPrefix(note, earlierVariant)
	if !ok {
		return note
	}
	name, reason, ok := strings.Cut(rest, ": ")
	if !ok || used == "" {
		return note
	}
	return fmt.Sprintf("variant %s not used (%s); using variant %s", name, reason, used)
}
