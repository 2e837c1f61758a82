package induce

// Fold is the normalised form induction compares names in (NFKD without
// diacritics, case-folded, punctuation runs as one space), exported so
// that the guard of a repaired network counts known names found by the
// same rule the inducer used to find them.
func Fold(s string) string { return fold(s) }
