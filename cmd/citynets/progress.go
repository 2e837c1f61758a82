package main

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/citynets/citynets/internal/pipeline"
)

// newProgress chooses how a run shows progress: a bar per network when
// stderr is a terminal (and not --quiet), log lines otherwise (cron,
// systemd, a pipe). It returns the logger the run must log through: with
// bars, one whose lines are printed above them through the bar container,
// so the two never garble each other; otherwise app.Logger. Nothing global
// changes, and app.Logger stays as it was.
func newProgress(app *App) (pipeline.Progress, *slog.Logger) {
	if app.quiet || !isTerminal(app.Stderr) {
		return logProgress{log: app.Logger}, app.Logger
	}
	return newBars(app)
}

// newBars draws bars on app.Stderr and returns them with a logger that
// writes above them.
func newBars(app *App, opts ...mpb.ContainerOption) (*barProgress, *slog.Logger) {
	bp := newBarProgress(app.Stderr, opts...)
	return bp, slog.New(barLogHandler(app, bp))
}

func barLogHandler(app *App, w io.Writer) slog.Handler {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if app.verbose {
		opts.Level = slog.LevelDebug
	}
	if app.logFormat == "json" {
		return slog.NewJSONHandler(w, opts)
	}
	return slog.NewTextHandler(w, opts)
}

// logProgress reports progress as log lines, for when stderr is not a
// terminal (cron, systemd) or --quiet is set.
type logProgress struct{ log *slog.Logger }

func (p logProgress) Start(network string) { p.log.Info("scraping", "network", network) }

func (p logProgress) Page(network string, pages, members int) {
	p.log.Debug("page read", "network", network, "pages", pages, "members", members)
}

func (p logProgress) Done(network, status string, members int) {
	p.log.Info("network done", "network", network, "status", status, "members", members)
}

// barProgress draws one mpb bar per network: a spinner while it is
// fetched, with pages fetched and members found, and its status at the end.
// Networks are scraped at once, so the bars move together. It is also an
// io.Writer for log lines, which go above the bars while they are drawn and
// straight to the output otherwise.
type barProgress struct {
	out  io.Writer
	opts []mpb.ContainerOption

	mu   sync.Mutex
	p    *mpb.Progress // nil while no bar is drawn
	bars map[string]*networkBar
	open int // bars started and not done
}

// networkBar is one network's bar and the figures its decorator prints.
type networkBar struct {
	bar *mpb.Bar

	mu             sync.Mutex
	pages, members int
	status         string
	started        time.Time
	took           time.Duration
}

var (
	_ pipeline.Progress = (*barProgress)(nil)
	_ io.Writer         = (*barProgress)(nil)
)

func newBarProgress(out io.Writer, opts ...mpb.ContainerOption) *barProgress {
	return &barProgress{out: out, opts: opts, bars: map[string]*networkBar{}}
}

// Start adds the network's bar, creating the container on the first one.
func (b *barProgress) Start(network string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.p == nil {
		b.p = mpb.New(append([]mpb.ContainerOption{mpb.WithOutput(b.out), mpb.WithRefreshRate(120 * time.Millisecond)}, b.opts...)...)
	}
	nb := &networkBar{started: time.Now()}
	nb.bar = b.p.New(0, mpb.SpinnerStyle(),
		mpb.BarWidth(1),
		mpb.BarFillerOnComplete("•"),
		mpb.PrependDecorators(decor.Name(network, decor.WC{C: decor.DSyncWidthR | decor.DextraSpace})),
		mpb.AppendDecorators(decor.Any(func(decor.Statistics) string { return nb.text() })),
	)
	b.bars[network] = nb
	b.open++
}

// Page updates the network's figures; the bar shows them at its next
// refresh.
func (b *barProgress) Page(network string, pages, members int) {
	b.mu.Lock()
	nb := b.bars[network]
	b.mu.Unlock()
	if nb == nil {
		return
	}
	nb.mu.Lock()
	nb.pages, nb.members = pages, members
	nb.mu.Unlock()
}

// Done completes the network's bar with its status; after the last one the
// container draws its final frame and is closed.
func (b *barProgress) Done(network, status string, members int) {
	b.mu.Lock()
	nb := b.bars[network]
	if nb == nil {
		b.mu.Unlock()
		return
	}
	delete(b.bars, network)
	nb.mu.Lock()
	nb.members, nb.status, nb.took = members, status, time.Since(nb.started)
	nb.mu.Unlock()
	nb.bar.SetTotal(-1, true)
	b.open--
	var last *mpb.Progress
	if b.open == 0 {
		last, b.p = b.p, nil
	}
	b.mu.Unlock()
	if last != nil {
		last.Wait()
	}
}

// Write prints log lines above the bars while they are drawn.
func (b *barProgress) Write(data []byte) (int, error) {
	b.mu.Lock()
	p := b.p
	b.mu.Unlock()
	if p != nil {
		if n, err := p.Write(data); err == nil {
			return n, nil
		}
	}
	return b.out.Write(data)
}

func (nb *networkBar) text() string {
	nb.mu.Lock()
	defer nb.mu.Unlock()
	s := fmt.Sprintf("%d pages fetched, %d members found", nb.pages, nb.members)
	if nb.status != "" {
		s += fmt.Sprintf(" — %s in %s", nb.status, nb.took.Round(100*time.Millisecond))
	}
	return s
}
