package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// walk calls fn for cmd and every command below it, skipping the help and
// completion commands cobra adds on its own.
func walk(cmd *cobra.Command, fn func(*cobra.Command)) {
	fn(cmd)
	for _, c := range cmd.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		walk(c, fn)
	}
}

// testRoot is the command tree as Main builds it, writing nowhere.
func testRoot() *cobra.Command {
	return newRootCmd(&App{Stdout: io.Discard, Stderr: io.Discard})
}

// TestFlagValueNames: pflag takes a back-quoted word of a usage text as the
// value name --help prints, so "see `citynets networks`" once printed
// "--networks citynets networks". Every value name is now one word, none
// is "citynets", and the file, folder and id flags say so.
func TestFlagValueNames(t *testing.T) {
	word := regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)
	walk(testRoot(), func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			name, _ := pflag.UnquoteUsage(f)
			if name != "" && (!word.MatchString(name) || strings.Contains(name, "citynets")) {
				t.Errorf("%s --%s: value name %q", c.CommandPath(), f.Name, name)
			}
		})
	})
	cases := []struct {
		args []string
		want []string // help lines that must appear, spaces collapsed
	}{
		{[]string{"run"}, []string{"--networks ids", "--replay FILE", "--specs DIR", "--gazetteer-file FILE", "--overrides FILE", "--store DIR"}},
		{[]string{"schedule"}, []string{"--networks ids", "--cron SPEC", "--config FILE", "--listen ADDR", "--gazetteer-file FILE"}},
		{[]string{"check"}, []string{"--networks ids", "--replay FILE", "--specs DIR"}},
		{[]string{"geocode"}, []string{"--country CC", "--batch FILE", "--gazetteer-file FILE"}},
		{[]string{"diff"}, []string{"-o, --output FILE", "--format FORMAT"}},
		{[]string{"snapshots", "prune"}, []string{"--keep N"}},
		{[]string{"gazetteer", "update"}, []string{"--cities FILE", "--admin1 FILE"}},
	}
	space := regexp.MustCompile(`\s+`)
	flagLine := regexp.MustCompile(`(?m)^\s+(-\w, )?--[a-z-]+ \S*citynets`) // a flag's help line naming its value "citynets…"
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, append(c.args, "--help")...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			help := space.ReplaceAllString(out, " ")
			for _, w := range c.want {
				if !strings.Contains(help, w+" ") {
					t.Errorf("help lacks %q:\n%s", w, out)
				}
			}
			if m := flagLine.FindString(out); m != "" {
				t.Errorf("help names a value %q", m)
			}
		})
	}
}

// TestFetchAndRunFlagsAreSeparate: check and scrape fetch pages and write
// nothing, so they refuse the flags only a run uses, instead of accepting
// and ignoring them; run and schedule take both sets.
func TestFetchAndRunFlagsAreSeparate(t *testing.T) {
	fetch := []string{"replay", "specs", "delay", "timeout", "retries", "max-body", "user-agent"}
	runOnly := []string{"gazetteer-file", "overrides", "wait", "deadline"}
	cases := []struct {
		cmd   []string
		takes []string
		not   []string
	}{
		{[]string{"run"}, append(append([]string{"networks"}, fetch...), runOnly...), nil},
		{[]string{"schedule"}, append(append([]string{"networks", "cron"}, fetch...), runOnly...), nil},
		{[]string{"check"}, append([]string{"networks", "json"}, fetch...), runOnly},
		{[]string{"scrape"}, fetch, append([]string{"networks"}, runOnly...)},
	}
	root := testRoot()
	for _, c := range cases {
		t.Run(c.cmd[0], func(t *testing.T) {
			cmd, _, err := root.Find(c.cmd)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range c.takes {
				if cmd.Flags().Lookup(name) == nil {
					t.Errorf("%s lacks --%s", c.cmd[0], name)
				}
			}
			for _, name := range c.not {
				if cmd.Flags().Lookup(name) != nil {
					t.Errorf("%s takes --%s, which it would ignore", c.cmd[0], name)
				}
			}
		})
	}
	// And on the command line: an unknown flag is bad usage (exit 2).
	for _, args := range [][]string{
		{"check", "--gazetteer-file", "g.bin"},
		{"check", "--wait"},
		{"scrape", "c40", "--overrides", "o.csv"},
	} {
		if code, _, errOut := run(t, args...); code != exitUsage || !strings.Contains(errOut, "unknown flag") {
			t.Errorf("%v: exit %d, %q; want exit 2, unknown flag", args, code, errOut)
		}
	}
}
