package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestEveryCommandHasExamples walks the command tree: every command's help
// has an Examples section, and every example line parses: its command
// exists and it passes only flags that command takes.
func TestEveryCommandHasExamples(t *testing.T) {
	root := testRoot()
	walk(root, func(c *cobra.Command) {
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no Example", c.CommandPath())
			return
		}
		for _, line := range exampleLines(c.Example) {
			args := shellWords(line)[1:] // drop "citynets"
			r := testRoot()
			r.InitDefaultVersionFlag() // as Execute does
			sub, rest, err := r.Find(args)
			if err != nil {
				t.Errorf("%s example %q: %v", c.CommandPath(), line, err)
				continue
			}
			if err := sub.ParseFlags(rest); err != nil {
				t.Errorf("%s example %q: %v", c.CommandPath(), line, err)
			}
		}
	})
}

// TestExamplesRun runs every example that needs neither the network nor
// files a user brings (a GeoNames dump, a schedule file) from a folder
// holding the bundled sample, as a user who copies them from --help would:
// first the demo, twice, so that diff has a parent.
func TestExamplesRun(t *testing.T) {
	dir := t.TempDir()
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(examples, filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "names.csv"), []byte("name,country\nVille de Paris,FR\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("CITYNETS_STORE", "")
	t.Setenv("CITYNETS_SPECS", "")
	demo := "citynets run --replay examples/sample.warc.gz --specs examples/specs -q"
	lines := []string{demo, demo}
	walk(testRoot(), func(c *cobra.Command) { lines = append(lines, exampleLines(c.Example)...) })
	for _, line := range lines {
		if why := offline(line); why != "" {
			t.Logf("skip %q: %s", line, why)
			continue
		}
		t.Run(line, func(t *testing.T) {
			if code, _, errOut := run(t, shellWords(line)[1:]...); code != exitOK {
				t.Errorf("exit %d: %s", code, errOut)
			}
		})
	}
}

// offline says why an example cannot run in a test, or "" when it can.
func offline(line string) string {
	fetches := strings.HasPrefix(line, "citynets run") || strings.HasPrefix(line, "citynets check") || strings.HasPrefix(line, "citynets scrape") || strings.HasPrefix(line, "citynets backfill")
	switch {
	case fetches && !strings.Contains(line, "--replay"):
		return "fetches the live sites"
	case strings.HasPrefix(line, "citynets schedule"):
		return "a daemon"
	case strings.Contains(line, "geonames.bin"), strings.Contains(line, "~/"), strings.Contains(line, "/var/lib/"):
		return "needs files of the user's"
	case strings.Contains(line, "20261127T"):
		return "names snapshot ids of the user's"
	}
	return ""
}

// exampleLines are the command lines of an Example text: the lines that
// start with "citynets", without a trailing comment.
func exampleLines(example string) []string {
	var out []string
	for line := range strings.Lines(example) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "citynets") {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		line, _, _ = strings.Cut(line, " |") // a pipe into another tool
		line, _, _ = strings.Cut(line, " >") // a redirection
		out = append(out, line)
	}
	return out
}

// shellWords splits a command line at spaces, keeping double-quoted words
// whole; enough for the examples, which use no other quoting.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return slices.Clip(words)
}
