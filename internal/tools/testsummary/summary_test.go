package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// stream writes events as go test -json does, one per line.
func stream(t *testing.T, events ...event) string {
	t.Helper()
	var b strings.Builder
	for _, e := range events {
		j, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func out(pkg, test, line string) event {
	return event{Action: "output", Package: pkg, Test: test, Output: line + "\n"}
}

func end(action, pkg, test string) event { return event{Action: action, Package: pkg, Test: test} }

func TestSummary(t *testing.T) {
	tests := []struct {
		name   string
		input  func(t *testing.T) string
		ok     bool
		closer string   // the closing line, less its duration
		want   []string // in the printed output, in this order
		not    []string // not in the printed output
	}{
		{
			name: "all pass",
			input: func(t *testing.T) string {
				return stream(t,
					out("p", "TestA", "=== RUN   TestA"), out("p", "TestA", "    a_test.go:1: chatter"), end("pass", "p", "TestA"),
					out("p", "TestB/x", "=== RUN   TestB/x"), end("pass", "p", "TestB/x"), end("pass", "p", "TestB"),
					out("p", "", "PASS"), end("pass", "p", ""),
					end("skip", "nofiles", ""))
			},
			ok:     true,
			closer: "PASS: 3 passed, 0 failed, 0 skipped (tests and subtests) in 1 packages",
			not:    []string{"chatter", "nofiles"},
		},
		{
			name: "a failing subtest is printed in full, framing dropped",
			input: func(t *testing.T) string {
				return stream(t,
					out("p", "TestBad", "=== RUN   TestBad"), out("p", "TestBad", "    bad_test.go:7: context"),
					out("p", "TestBad/inner", "=== RUN   TestBad/inner"),
					out("p", "TestBad/inner", "    bad_test.go:8: got 1"), out("p", "TestBad/inner", "        want 2"),
					out("p", "TestBad/inner", "--- FAIL: TestBad/inner (0.00s)"), end("fail", "p", "TestBad/inner"),
					out("p", "TestBad", "--- FAIL: TestBad (0.00s)"), end("fail", "p", "TestBad"),
					end("pass", "p", "TestGood"),
					out("p", "", "FAIL"), out("p", "", "FAIL\tp\t0.01s"), end("fail", "p", ""))
			},
			closer: "FAIL: 1 passed, 2 failed, 0 skipped (tests and subtests) in 1 packages",
			want:   []string{"--- FAIL p TestBad/inner", "bad_test.go:8: got 1\n        want 2\n", "--- FAIL p TestBad ", "bad_test.go:7: context"},
			not:    []string{"=== RUN", "--- FAIL p (", "FAIL\tp\t0.01s"},
		},
		{
			name: "output after a test's verdict is kept",
			input: func(t *testing.T) string {
				return stream(t,
					out("p", "TestPanic", "--- FAIL: TestPanic (0.00s)"), end("fail", "p", "TestPanic"),
					out("p", "TestPanic", "panic: assignment to entry in nil map"), out("p", "TestPanic", "goroutine 8 [running]:"),
					out("p", "", "FAIL\tp\t0.01s"), end("fail", "p", ""))
			},
			closer: "FAIL: 0 passed, 1 failed, 0 skipped (tests and subtests) in 1 packages",
			want:   []string{"--- FAIL p TestPanic", "panic: assignment to entry in nil map\ngoroutine 8 [running]:\n"},
		},
		{
			name: "skips are listed with their reason",
			input: func(t *testing.T) string {
				return stream(t,
					out("p", "TestSkip", "=== RUN   TestSkip"), out("p", "TestSkip", "    x_test.go:6: no chromium here"),
					out("p", "TestSkip", "--- SKIP: TestSkip (0.00s)"), end("skip", "p", "TestSkip"),
					end("pass", "p", ""))
			},
			ok:     true,
			closer: "PASS: 0 passed, 0 failed, 1 skipped (tests and subtests) in 1 packages",
			want:   []string{"skipped: p TestSkip: x_test.go:6: no chromium here\n"},
		},
		{
			name: "a build failure fails the run",
			input: func(t *testing.T) string {
				return stream(t,
					event{Action: "build-output", ImportPath: "b [b.test]", Output: "# b [b.test]\n"},
					event{Action: "build-output", ImportPath: "b [b.test]", Output: "b_test.go:5:28: undefined: nope\n"},
					event{Action: "build-fail", ImportPath: "b [b.test]"},
					out("b", "", "FAIL\tb [build failed]"),
					event{Action: "fail", Package: "b", FailedBuild: "b [b.test]"})
			},
			closer: "FAIL: 0 passed, 0 failed, 0 skipped (tests and subtests) in 1 packages; 1 packages failed outside a test (b)",
			want:   []string{"--- BUILD FAIL b [b.test]\n# b [b.test]\nb_test.go:5:28: undefined: nope\n", "--- FAIL b (build failed; see above)"},
		},
		{
			name: "a package that fails outside any test shows its own output",
			input: func(t *testing.T) string {
				return stream(t,
					end("pass", "m", "TestFine"),
					out("m", "", "panic: test timed out after 10m0s"), out("m", "", "FAIL\tm\t600.0s"), end("fail", "m", ""))
			},
			closer: "FAIL: 1 passed, 0 failed, 0 skipped (tests and subtests) in 1 packages; 1 packages failed outside a test (m)",
			want:   []string{"--- FAIL m\npanic: test timed out after 10m0s\n"},
		},
		{
			name:   "text that is not events fails the run and is shown",
			input:  func(*testing.T) string { return "go: cannot find main module\n" },
			closer: "FAIL: 0 passed, 0 failed, 0 skipped (tests and subtests) in 0 packages",
			want:   []string{"go: cannot find main module"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			s := newSummary(&b)
			s.read(strings.NewReader(tt.input(t)))
			s.finish(1500*time.Millisecond, 0)
			got := b.String()
			if s.ok() != tt.ok {
				t.Errorf("ok() = %v, want %v", s.ok(), tt.ok)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			if last := lines[len(lines)-1]; last != tt.closer+"; 2s" {
				t.Errorf("closing line\n got  %s\n want %s; 2s", last, tt.closer)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("output lacks %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("output has %q:\n%s", n, got)
				}
			}
		})
	}
}

func TestShellJoin(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-count=1", "./..."}, "-count=1 ./..."},
		{[]string{"-tags", "duckdb browser"}, "-tags 'duckdb browser'"},
		{[]string{"-run", "it's"}, `-run 'it'\''s'`},
		{[]string{""}, "''"},
	}
	for _, tt := range tests {
		if got := shellJoin(tt.args); got != tt.want {
			t.Errorf("shellJoin(%q) = %s, want %s", tt.args, got, tt.want)
		}
	}
}

// TestDeadlineFlake checks which failed fuzz runs are tried again: only a
// bare "context deadline exceeded", never a written failing input or a
// panic.
func TestDeadlineFlake(t *testing.T) {
	const pkg, target = "example.org/p", "FuzzParse"
	tests := []struct {
		name  string
		lines []string
		flake bool
	}{
		{"deadline race", []string{"fuzz: elapsed: 10s, execs: 57760 (7539/sec)", "--- FAIL: FuzzParse (10.11s)", "    context deadline exceeded"}, true},
		{"failing input", []string{"--- FAIL: FuzzParse (3.2s)", "    context deadline exceeded", "    Failing input written to testdata/fuzz/FuzzParse/0d1e"}, false},
		{"panic", []string{"--- FAIL: FuzzParse (1.1s)", "panic: runtime error: index out of range", "context deadline exceeded"}, false},
		{"assertion", []string{"--- FAIL: FuzzParse (0.5s)", "    parse_test.go:40: round trip lost a member"}, false},
	}
	for _, tt := range tests {
		var events []event
		for _, l := range tt.lines {
			events = append(events, out(pkg, target, l))
		}
		events = append(events, end("fail", pkg, target))
		if got := deadlineFlake([]byte(stream(t, events...))); got != tt.flake {
			t.Errorf("%s: deadlineFlake = %v, want %v", tt.name, got, tt.flake)
		}
	}
}
