package main

import (
	"log/slog"

	"github.com/citynets/citynets/internal/pipeline"
)

// logProgress reports progress as log lines, for when stderr is not a
// terminal (cron, systemd) or --quiet is set.
type logProgress struct{ log *slog.Logger }

func newProgress(app *App) pipeline.Progress { return logProgress{log: app.Logger} }

func (p logProgress) Start(network string) { p.log.Info("scraping", "network", network) }

func (p logProgress) Page(network string, pages, members int) {
	p.log.Debug("page read", "network", network, "pages", pages, "members", members)
}

func (p logProgress) Done(network, status string, members int) {
	p.log.Info("network done", "network", network, "status", status, "members", members)
}
