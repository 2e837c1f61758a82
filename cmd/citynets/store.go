package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/citynets/citynets/output"
)

// openReadStore opens the store for a command that only reads it (list,
// show, verify). It never creates the store: a mistyped --store used to
// make an empty one and print an empty table, which looks like data lost.
func openReadStore(app *App) (*output.Store, error) {
	s, err := output.OpenStoreReadOnly(app.StoreDir)
	if err != nil {
		return nil, readStoreError(app.StoreDir, err)
	}
	return s, nil
}

// readStoreError is what a read command says when its store cannot be
// opened. A store that is not there is bad usage (exit 2), named with the
// two ways of giving it; anything else (a store that refuses to be read, a
// symlink where the store keeps its own files) keeps its exit code 3.
func readStoreError(dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return usageError(fmt.Errorf("no snapshot store at %s: give --store (or CITYNETS_STORE) the folder \"citynets run\" writes to; %w", dir, err))
	}
	return &codeError{code: exitNoWrite, err: err}
}
