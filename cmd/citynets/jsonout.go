package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON is how every --json prints: indented, one value, HTML left
// unescaped (names such as "Bosnia & Herzegovina" stay readable), and with
// the data as it is: unlike the tables, JSON output is not made
// terminal-safe, since a script reads it.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}
