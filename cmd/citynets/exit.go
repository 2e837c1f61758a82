package main

import (
	"context"
	"errors"

	"github.com/citynets/citynets/internal/pipeline"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
)

// Exit codes, as DESIGN defines them.
const (
	exitOK          = 0
	exitNetworkFail = 1 // a run completed but some network failed its scrape or guard
	exitNoMatch     = 1 // geocode: the name matched no place (as grep exits 1 when nothing matched)
	exitUsage       = 2 // bad usage or bad input
	exitNoWrite     = 3 // nothing could be written (including a run cancelled by a signal)
)

// codeError carries an exit code chosen by a command.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string { return e.err.Error() }
func (e *codeError) Unwrap() error { return e.err }

func usageError(err error) error { return &codeError{code: exitUsage, err: err} }

// errNetworksFailed ends a run that committed a snapshot in which some
// network failed; its message is the summary already printed.
var errNetworksFailed = errors.New("some networks failed (see NOTE above); their last good members, if any, were carried forward")

// exitCode is the one place where errors become exit codes.
func exitCode(err error) int {
	var ce *codeError
	var unknown *scrapers.UnknownNetworkError
	var unknownSnap *output.UnknownSnapshotError
	var locked *output.LockedError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, output.ErrUnsafeStore):
		return exitNoWrite // a symlink where the store keeps its own files: unusable, whatever the command
	case errors.As(err, &ce):
		return ce.code
	case errors.Is(err, errNetworksFailed):
		return exitNetworkFail
	case errors.As(err, &locked), errors.Is(err, pipeline.ErrStore), errors.Is(err, context.Canceled):
		return exitNoWrite
	case errors.Is(err, output.ErrNoStore):
		return exitUsage // a read-only command pointed at no store
	case errors.As(err, &unknown), errors.As(err, &unknownSnap), errors.Is(err, pipeline.ErrInput), errors.Is(err, scrapers.ErrSpec):
		return exitUsage
	}
	return exitUsage
}
