package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/vbauerster/mpb/v8"
)

// syncBuffer is a bytes.Buffer safe for the bar container's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

func TestBarProgressShowsEachNetwork(t *testing.T) {
	var out syncBuffer
	p := newBarProgress(&out, mpb.WithWidth(100), mpb.WithAutoRefresh())
	p.Start("c40")
	p.Start("metropolis")
	for i := 1; i <= 3; i++ {
		p.Page("c40", i, i*10)
	}
	p.Page("metropolis", 2, 10)
	fmt.Fprintln(p, "a log line while the bars run")
	p.Done("metropolis", "failed", 10)
	p.Done("c40", "ok", 97) // the last Done draws the final frame and returns after it
	final := ansi.ReplaceAllString(out.String(), "")
	for _, want := range []string{
		"c40", "3 pages fetched, 97 members found — ok",
		"metropolis", "2 pages fetched, 10 members found — failed",
		"a log line while the bars run",
	} {
		if !strings.Contains(final, want) {
			t.Errorf("output lacks %q:\n%s", want, final)
		}
	}
	fmt.Fprintln(p, "after the bars")
	if !strings.HasSuffix(out.String(), "after the bars\n") {
		t.Error("a log line after the bars were closed was not written straight to the output")
	}
}

func TestProgressIsLogLinesWhenNotATerminal(t *testing.T) {
	var errb bytes.Buffer
	app := &App{Stdout: &bytes.Buffer{}, Stderr: &errb, logFormat: "auto"}
	if err := app.setup(); err != nil {
		t.Fatal(err)
	}
	p, log := newProgress(app)
	if _, ok := p.(logProgress); !ok {
		t.Fatalf("newProgress on a buffer = %T, want logProgress", p)
	}
	if log != app.Logger {
		t.Error("without bars the run should log through app.Logger")
	}
	p.Start("c40")
	p.Done("c40", "ok", 97)
	if got := errb.String(); !strings.Contains(got, `"msg":"network done","network":"c40","status":"ok","members":97`) {
		t.Errorf("log lines = %s", got)
	}
}

// TestBarsLogThroughTheirOwnLogger checks that drawing bars hands the run a
// logger that writes above them and changes nothing else: app.Logger and
// slog's default stay as they were, and no line reaches the default.
func TestBarsLogThroughTheirOwnLogger(t *testing.T) {
	var global bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&global, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	def := slog.Default()

	var errb syncBuffer
	appLogger := slog.New(slog.NewTextHandler(&errb, nil))
	app := &App{Stdout: &bytes.Buffer{}, Stderr: &errb, Logger: appLogger, logFormat: "text"}
	bars, log := newBars(app, mpb.WithWidth(100), mpb.WithAutoRefresh())
	if log == appLogger {
		t.Fatal("with bars the run must log through the bars, not straight to stderr")
	}
	bars.Start("c40")
	log.Info("a line above the bars", "network", "c40")
	bars.Done("c40", "ok", 97)

	if app.Logger != appLogger {
		t.Error("newBars replaced app.Logger")
	}
	if slog.Default() != def {
		t.Error("newBars replaced slog's default logger")
	}
	if got := ansi.ReplaceAllString(errb.String(), ""); !strings.Contains(got, "a line above the bars") {
		t.Errorf("stderr lacks the log line:\n%s", got)
	}
	if global.Len() > 0 {
		t.Errorf("lines reached slog's default logger:\n%s", global.String())
	}
}
