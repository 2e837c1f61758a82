package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGo writes a stand-in for the go command that lists one package with
// one fuzz target and answers each fuzzing run with the next of answers
// (a go test -json stream and an exit code), so the retry after Go's
// deadline race is tested without fuzzing anything.
func fakeGo(t *testing.T, answers ...string) string {
	t.Helper()
	dir := t.TempDir()
	var script strings.Builder
	script.WriteString("#!/bin/sh\n")
	script.WriteString(`case "$1 $2" in` + "\n")
	script.WriteString(`"list "*) echo example.org/p; exit 0;;` + "\n")
	script.WriteString(`"test -list") echo FuzzParse; echo "ok example.org/p"; exit 0;;` + "\n")
	script.WriteString("esac\n")
	script.WriteString(`n=$(cat "` + dir + `/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "` + dir + `/runs"` + "\n")
	for i, a := range answers {
		file := filepath.Join(dir, "answer"+string(rune('1'+i)))
		if err := os.WriteFile(file, []byte(a), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script.WriteString(`cat "` + dir + `/answer$n"` + "\n")
	script.WriteString(`! grep -q '"Action":"fail"' "` + dir + `/answer$n"` + "\n") // a failed run exits non-zero
	path := filepath.Join(dir, "go")
	if err := os.WriteFile(path, []byte(script.String()), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// fuzzRun is one fuzzing run's stream: its output lines and its verdict.
func fuzzRun(t *testing.T, verdict string, lines ...string) string {
	var events []event
	for _, l := range lines {
		events = append(events, out("example.org/p", "FuzzParse", l))
	}
	events = append(events, end(verdict, "example.org/p", "FuzzParse"))
	s := stream(t, events...)
	return strings.TrimSuffix(s, "\n")
}

func TestFuzzRetriesDeadlineRace(t *testing.T) {
	race := []string{"--- FAIL: FuzzParse (10.11s)", "    context deadline exceeded"}
	found := []string{"--- FAIL: FuzzParse (2.1s)", "    Failing input written to testdata/fuzz/FuzzParse/0d1e"}
	tests := []struct {
		name    string
		answers []string
		ok      bool
		want    []string
		runs    string
	}{
		{"race, then a pass", []string{fuzzRun(t, "fail", race...), fuzzRun(t, "pass")}, true,
			[]string{"fuzz flake example.org/p FuzzParse", "for 5000 executions", "fuzz ok   example.org/p FuzzParse"}, "2"},
		{"race twice", []string{fuzzRun(t, "fail", race...), fuzzRun(t, "fail", race...)}, false,
			[]string{"fuzz flake", "fuzz FAIL example.org/p FuzzParse"}, "2"},
		{"a failing input is never retried", []string{fuzzRun(t, "fail", found...), fuzzRun(t, "pass")}, false,
			[]string{"fuzz FAIL example.org/p FuzzParse"}, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			goCmd := fakeGo(t, tt.answers...)
			var b bytes.Buffer
			r := &runner{goCmd: goCmd, out: &b, s: newSummary(&b)}
			n, ok := r.fuzz("./...", "10s")
			if n != 1 || ok != tt.ok || r.s.ok() != tt.ok {
				t.Errorf("fuzz = %d targets, ok %v (summary ok %v), want 1, %v\n%s", n, ok, r.s.ok(), tt.ok, b.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
			runs, _ := os.ReadFile(filepath.Join(filepath.Dir(goCmd), "runs"))
			if got := strings.TrimSpace(string(runs)); got != tt.runs {
				t.Errorf("%s fuzzing runs, want %s", got, tt.runs)
			}
		})
	}
}

// TestFuzzPatterns: several package patterns, as make test passes them,
// reach go list as separate arguments.
func TestFuzzPatterns(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\nprintf '%s|' \"$@\" >> \"" + dir + "/calls\"\n"
	goCmd := filepath.Join(dir, "go")
	if err := os.WriteFile(goCmd, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r := &runner{goCmd: goCmd, out: &b, s: newSummary(&b)}
	if n, ok := r.fuzz("./scrapers/... ./enrich/...", "10s"); n != 0 || !ok {
		t.Fatalf("fuzz = %d, %v; want no targets, ok\n%s", n, ok, b.String())
	}
	calls, err := os.ReadFile(filepath.Join(dir, "calls"))
	if err != nil || !strings.HasPrefix(string(calls), "list|./scrapers/...|./enrich/...|") {
		t.Errorf("go was called with %q (%v), want list and both patterns", calls, err)
	}
}
