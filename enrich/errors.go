package enrich

import "errors"

// Errors callers may want to tell apart.
var (
	// ErrOverrides means an overrides file is malformed.
	ErrOverrides = errors.New("enrich: malformed overrides file")
)
