package main

import (
	"errors"
	"fmt"

	"github.com/citynets/citynets/output"
)

// openStoreReadOnly opens the store for a command that only reads it
// (snapshots list|show|verify, diff, map): such a command must never
// create a store, so a mistyped --store is reported (exit 2, see exitCode)
// instead of leaving an empty store behind. An unsafe store is refused as
// by the commands that write (exit 3).
func openStoreReadOnly(app *App) (*output.Store, error) {
	s, err := output.OpenStoreReadOnly(app.StoreDir)
	if errors.Is(err, output.ErrNoStore) {
		return nil, fmt.Errorf("%w: give --store (or CITYNETS_STORE) the folder \"citynets run\" writes to, or run `citynets run` first", err)
	}
	if err != nil {
		return nil, err
	}
	if err := s.CheckSafe(); err != nil {
		return nil, err
	}
	return s, nil
}
