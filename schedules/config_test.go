package schedules

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	from := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		expr string
		next time.Time // zero: want an error
	}{
		{DefaultCron, time.Date(2026, 11, 27, 2, 17, 0, 0, time.UTC)},
		{"0 3 * * 1", time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)},
		{"@daily", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)},
		{"@hourly", time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)},
		{"@every 2s", from.Add(2 * time.Second)},
		{"CRON_TZ=Asia/Tokyo 0 9 * * *", time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}, // 09:00 JST
		{"", time.Time{}},
		{"61 * * * *", time.Time{}},
		{"* * * * * *", time.Time{}}, // seconds field: not the standard five
		{"@fortnightly", time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			s, err := ParseSchedule(c.expr)
			if c.next.IsZero() {
				if !errors.Is(err, ErrSchedule) {
					t.Fatalf("ParseSchedule(%q) = %v, want ErrSchedule", c.expr, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// The daemon's clock is UTC; an expression without CRON_TZ is read in it.
			if got := s.Next(from).UTC(); !got.Equal(c.next) {
				t.Errorf("next after %s = %s, want %s", from, got, c.next)
			}
		})
	}
}

func TestParseConfig(t *testing.T) {
	cases := []struct {
		name, yaml string
		jobs       []Job // Name and Networks only
		jitter     time.Duration
		err        string
	}{
		{name: "two schedules", yaml: `
jitter: 10m
schedules:
  - name: nightly
    cron: "17 2 * * *"
    networks: [c40, metropolis]
  - cron: "@weekly"
    networks: [uclg]
`, jobs: []Job{{Name: "nightly", Networks: "c40,metropolis"}, {Name: "uclg @weekly", Networks: "uclg"}}, jitter: 10 * time.Minute},
		{name: "every network", yaml: "schedules:\n  - cron: '@daily'\n", jobs: []Job{{Name: "@daily"}}},
		{name: "unknown key", yaml: "schedules:\n  - cron: '@daily'\n    netwroks: [c40]\n", err: "netwroks"},
		{name: "no schedules", yaml: "jitter: 1m\n", err: "no schedules"},
		{name: "bad cron", yaml: "schedules:\n  - cron: '99 * * * *'\n", err: "schedule 1"},
		{name: "same name twice", yaml: "schedules:\n  - cron: '@daily'\n  - cron: '@daily'\n", err: "two schedules named"},
		{name: "negative jitter", yaml: "jitter: -1m\nschedules:\n  - cron: '@daily'\n", err: "negative"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := ParseConfig([]byte(c.yaml))
			if c.err != "" {
				if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want ErrConfig mentioning %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			jobs, err := cfg.Jobs()
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) != len(c.jobs) || cfg.Jitter != c.jitter {
				t.Fatalf("got %d jobs, jitter %s; want %d, %s", len(jobs), cfg.Jitter, len(c.jobs), c.jitter)
			}
			for i, j := range jobs {
				if j.Name != c.jobs[i].Name || j.Networks != c.jobs[i].Networks || j.Schedule == nil {
					t.Errorf("job %d = %q networks %q, want %q networks %q", i, j.Name, j.Networks, c.jobs[i].Name, c.jobs[i].Networks)
				}
			}
		})
	}
}

func TestReadConfigNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schedules.yaml")
	os.WriteFile(path, []byte("schedules: []\n"), 0o644)
	if _, err := ReadConfig(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want one naming %s", err, path)
	}
	if _, err := ReadConfig(path + ".missing"); !errors.Is(err, ErrConfig) {
		t.Errorf("missing file: err = %v, want ErrConfig", err)
	}
}
