package induce

// Fold is the normalised form induction compares names in (NFKD without
// diacritics, case-folded, punctuation runs as one space), exported so
// that the guard of a repaired network counts known names found by the
// same rule the inducer used to find them.
func Fold(s string) string { return fold(s) }

// NameLikeRule says in one line what "looks like a member name" means (see
// looksLikeName), for the evidence check --suggest prints.
const NameLikeRule = `a record "looks like a member name" when its name is 2-80 characters with a letter, at most 8 words, ` +
	`not mostly digits, not a navigation, footer or call-to-action phrase (Home, Contact, Read more, Next, ...), ` +
	`without sentence punctuation (!, ?, "label: ", ". "), and not boilerplate repeated across the records`
