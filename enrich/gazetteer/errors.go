package gazetteer

import "errors"

// Errors callers may want to tell apart.
var (
	// ErrFormat means a compact gazetteer file is not in the format this
	// package writes (wrong magic, truncated or corrupt).
	ErrFormat = errors.New("gazetteer: not a citynets gazetteer file")
	// ErrKeyVersion means a compact file was written with another version of
	// the name key function; its precomputed keys would not match today's
	// normalisation, so it must be regenerated from a GeoNames dump.
	ErrKeyVersion = errors.New("gazetteer: file built with another name-key version; regenerate it from a GeoNames dump")
	// ErrDump means a GeoNames dump line could not be read.
	ErrDump = errors.New("gazetteer: malformed GeoNames dump")
)
