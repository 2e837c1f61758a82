package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestScheduleRejectsBadUsage(t *testing.T) {
	tmp := t.TempDir()
	cfg := filepath.Join(tmp, "schedules.yaml")
	os.WriteFile(cfg, []byte("schedules:\n  - cron: '@daily'\n    networks: [c40]\n"), 0o644)
	badCfg := filepath.Join(tmp, "bad.yaml")
	os.WriteFile(badCfg, []byte("schedules:\n  - cron: '@daily'\n    netwroks: [c40]\n"), 0o644)
	unknownCfg := filepath.Join(tmp, "unknown.yaml")
	os.WriteFile(unknownCfg, []byte("schedules:\n  - cron: '@daily'\n    networks: [nope]\n"), 0o644)
	fileStore := filepath.Join(tmp, "a-file")
	os.WriteFile(fileStore, nil, 0o644)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad cron", []string{"schedule", "--cron", "61 * * * *"}, exitUsage, "bad cron schedule"},
		{"six fields", []string{"schedule", "--cron", "0 0 2 * * *"}, exitUsage, "bad cron schedule"},
		{"unknown network", []string{"schedule", "--networks", "nope"}, exitUsage, "unknown network"},
		{"config and cron", []string{"schedule", "--config", cfg, "--cron", "@daily"}, exitUsage, "drop --cron"},
		{"bad config", []string{"schedule", "--config", badCfg}, exitUsage, "netwroks"},
		{"unknown network in config", []string{"schedule", "--config", unknownCfg}, exitUsage, "unknown network"},
		{"missing replay", []string{"schedule", "--replay", filepath.Join(tmp, "none.warc.gz")}, exitUsage, "none.warc.gz"},
		{"unwritable store", []string{"--store", filepath.Join(fileStore, "store"), "schedule"}, exitNoWrite, "store"},
		{"bad listen address", []string{"schedule", "--listen", "256.1.1.1:1"}, exitUsage, "cannot serve metrics"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--store", filepath.Join(t.TempDir(), "store"), "-q"}, c.args...)
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			var out, errb bytes.Buffer
			code := Main(ctx, args, &out, &errb)
			if code != c.code || !strings.Contains(errb.String(), c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errb.String(), c.code, c.want)
			}
		})
	}
}

// TestScheduleRunsAndStops runs the daemon in process on a replay archive
// until its context ends (what SIGTERM does), from a config file.
func TestScheduleRunsAndStops(t *testing.T) {
	warc := sampleWARC(t)
	store := filepath.Join(t.TempDir(), "store")
	cfg := filepath.Join(t.TempDir(), "schedules.yaml")
	os.WriteFile(cfg, []byte("schedules:\n  - name: c40 every second\n    cron: '@every 1s'\n    networks: [c40]\n"), 0o644)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"--store", store, "--log-format", "json", "schedule", "--config", cfg, "--replay", warc, "--grace", "30s"}, &out, &errb)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(store, "LATEST")); err == nil && len(b) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, errb.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("the daemon did not stop")
	}
	logs := errb.String()
	for _, want := range []string{`"msg":"scheduled","job":"c40 every second","cron":"@every 1s","networks":"c40"`, `"msg":"run finished"`, `"msg":"stopped"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %s\n%s", want, logs)
		}
	}
}
