// Package all registers every network under scrapers/. Import it for its
// side effect; adding a network adds one file here.
package all
