package schedules

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"go.yaml.in/yaml/v3"
)

// DefaultCron is when the nightly job runs unless told otherwise: once a
// day at a fixed minute, in UTC. It is not on the hour, when every other
// cron job on the internet hits the same sites.
const DefaultCron = "17 2 * * *"

// Job is one schedule: which networks a run covers and when it starts.
type Job struct {
	Name     string        // for logs and metrics; defaults to the cron expression
	Cron     string        // the cron expression as written
	Networks string        // comma-separated network ids; "" means the base options' networks
	Schedule cron.Schedule // Cron, parsed
}

// NewJob parses the cron expression expr into a Job for the networks
// (comma-separated, "" for the default set).
func NewJob(name, expr, networks string) (Job, error) {
	s, err := ParseSchedule(expr)
	if err != nil {
		return Job{}, err
	}
	if name == "" {
		name = strings.TrimSpace(expr)
	}
	return Job{Name: name, Cron: expr, Networks: networks, Schedule: s}, nil
}

// ParseSchedule reads a standard five-field cron expression ("17 2 * * *")
// or a descriptor (@daily, @hourly, @every 6h), optionally prefixed with
// CRON_TZ=Zone. Without a zone the daemon reads it in UTC, so a schedule
// does not move when the server's time zone or daylight saving changes.
// (The name is not ParseSpec: in this project a spec is a scraper's page
// spec, scrapers.Spec.)
func ParseSchedule(expr string) (cron.Schedule, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, fmt.Errorf("%w: empty", ErrSchedule)
	}
	s, err := cron.ParseStandard(strings.TrimSpace(expr))
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrSchedule, expr, err)
	}
	return s, nil
}

// Config is a schedule file: per-network schedules, for a user who wants
// (say) the big networks weekly and the rest nightly. Every entry is its
// own job; jobs of one daemon never run at the same time (they share one
// store), a job that fires while another runs waits for it.
//
//	jitter: 10m
//	repair: true
//	schedules:
//	  - name: nightly
//	    cron: "17 2 * * *"
//	    networks: [c40, metropolis]
//	  - cron: "@weekly"
//	    networks: [uclg]
type Config struct {
	// Jitter, when set, delays each run by a random duration up to it.
	Jitter time.Duration `yaml:"jitter"`
	// Grace, when set, is how long a stopping daemon lets the current run
	// finish before cancelling it.
	Grace time.Duration `yaml:"grace"`
	// Repair, when true, runs every schedule as with --repair: a network
	// whose spec fails its guard may be read with an induced structure.
	Repair    bool    `yaml:"repair"`
	Schedules []Entry `yaml:"schedules"`
}

// Entry is one schedule of a Config.
type Entry struct {
	Name     string   `yaml:"name"`
	Cron     string   `yaml:"cron"`
	Networks []string `yaml:"networks"`
}

// ReadConfig reads and checks a schedule file.
func ReadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	c, err := ParseConfig(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// ParseConfig reads a schedule file's content. Unknown keys are errors, so
// that a misspelt "netwroks" is not silently a schedule of every network.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if len(c.Schedules) == 0 {
		return nil, fmt.Errorf("%w: no schedules", ErrConfig)
	}
	if c.Jitter < 0 || c.Grace < 0 {
		return nil, fmt.Errorf("%w: negative jitter or grace", ErrConfig)
	}
	names := map[string]bool{}
	for i, e := range c.Schedules {
		if _, err := ParseSchedule(e.Cron); err != nil {
			return nil, fmt.Errorf("%w: schedule %d: %w", ErrConfig, i+1, err)
		}
		j, _ := c.job(i)
		if names[j.Name] {
			return nil, fmt.Errorf("%w: two schedules named %q (give each a name)", ErrConfig, j.Name)
		}
		names[j.Name] = true
	}
	return &c, nil
}

// Jobs returns the file's schedules as jobs.
func (c *Config) Jobs() ([]Job, error) {
	jobs := make([]Job, len(c.Schedules))
	for i := range c.Schedules {
		j, err := c.job(i)
		if err != nil {
			return nil, err
		}
		jobs[i] = j
	}
	return jobs, nil
}

func (c *Config) job(i int) (Job, error) {
	e := c.Schedules[i]
	ids := make([]string, 0, len(e.Networks))
	for _, n := range e.Networks {
		if n = strings.TrimSpace(n); n != "" {
			ids = append(ids, n)
		}
	}
	name := e.Name
	if name == "" {
		name = strings.TrimSpace(e.Cron)
		if len(ids) > 0 {
			name = strings.Join(ids, ",") + " " + name
		}
	}
	return NewJob(name, e.Cron, strings.Join(ids, ","))
}
