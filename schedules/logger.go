package schedules

import (
	"log/slog"

	"github.com/robfig/cron/v3"
)

// cronLogger gives robfig/cron's log lines to slog. The scheduler's own
// chatter (start, wake, run, added, stop) is debug; a skipped run is a
// warning and is counted, since cron.SkipIfStillRunning reports a skip only
// by logging "skip" to the logger it is given.
type cronLogger struct {
	log     *slog.Logger
	skipped func() // nil for the scheduler's logger
}

var _ cron.Logger = cronLogger{}

// Info receives cron's routine messages.
func (l cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" && l.skipped != nil {
		l.skipped()
		l.log.Warn("run skipped: the previous run of this schedule is still going")
		return
	}
	l.log.Debug("cron: "+msg, kv...)
}

// Error receives cron's errors, among them a recovered panic and its stack.
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{"error", err}, kv...)...)
}
