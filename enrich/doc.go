// Package enrich resolves the names networks publish for their members to
// GeoNames places and merges members that resolve to the same place.
//
// A published name goes through Repair (broken encodings), Normalize (the
// folded key), the stripping of government-form words ("City of",
// "Municipal Corporation", "Ayuntamiento de", …) and the reading of hints
// ("Name, ST, Country", "Kanazawa City (Ishikawa Prefecture)"); the
// published country narrows the candidates; candidates are ranked exact
// name over alternate name over fuzzy, then by agreement with the hints,
// then by feature code and population. A wrong match is worse than none:
// when the evidence is weak or two far-apart places are equally likely, the
// member stays unmatched. Overrides fix known hard cases.
package enrich
