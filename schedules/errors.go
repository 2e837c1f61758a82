package schedules

import "errors"

// Errors of the schedules and the daemon. ErrSchedule, ErrConfig, ErrNoJobs
// and ErrListen are the user's to fix (the CLI exits 2); ErrStuck means a
// cancelled run did not return in time.
var (
	ErrSchedule = errors.New("bad cron schedule")
	ErrConfig   = errors.New("bad schedule config")
	ErrNoJobs   = errors.New("no schedules")
	ErrListen   = errors.New("cannot serve metrics")
	ErrStuck    = errors.New("the cancelled run did not stop")

	// errStopping is the cause given to a run's context when the daemon
	// cancels it.
	errStopping = errors.New("the daemon is stopping")
)
