// Command testsummary runs `go test -json` and prints what a person needs
// from it: every failing test with its whole output, the tests that were
// skipped and why, and one closing line of counts. `make test` uses it so
// that a pass is one line and a failure is impossible to miss; the exit
// status is non-zero when anything failed, so make and CI fail too.
//
//	testsummary [-go GO] [-fuzz PATTERN -fuzztime D] [-- go test flags and packages]
//
// With -fuzz, every Fuzz target of the packages PATTERN names is then
// fuzzed for -fuzztime, one target at a time, with one line per target
// (its output only when it fails).
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

func main() {
	goCmd := flag.String("go", "go", "the go command")
	fuzz := flag.String("fuzz", "", "package patterns (space-separated) whose Fuzz targets to fuzz after the tests")
	fuzzTime := flag.String("fuzztime", "10s", "how long to fuzz each target")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: testsummary [-go GO] [-fuzz PATTERN -fuzztime D] [-- go test flags and packages]")
		flag.PrintDefaults()
	}
	flag.Parse()
	r := &runner{goCmd: *goCmd, out: os.Stdout, s: newSummary(os.Stdout)}
	start := time.Now()
	ok := true
	if args := flag.Args(); len(args) > 0 {
		fmt.Fprintf(r.out, "%s test %s\n", r.goCmd, shellJoin(args))
		ok = r.goTestJSON(args)
	}
	targets := 0
	if *fuzz != "" {
		n, fuzzOK := r.fuzz(*fuzz, *fuzzTime)
		targets, ok = n, fuzzOK && ok
	}
	r.s.finish(time.Since(start), targets)
	if !ok || !r.s.ok() {
		os.Exit(1)
	}
}

// runner runs go commands and feeds their events to one summary.
type runner struct {
	goCmd string
	out   io.Writer
	s     *summary
}

// goTestJSON runs go test -json with args, feeding stdout to the summary;
// stderr (the go command's own complaints) passes through. It reports
// false when go test exited non-zero, even if no event said why.
func (r *runner) goTestJSON(args []string) bool {
	cmd := exec.Command(r.goCmd, append([]string{"test", "-json"}, args...)...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintf(r.out, "testsummary: %v\n", err)
		return false
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(r.out, "testsummary: %v\n", err)
		return false
	}
	r.s.read(stdout)
	if waitErr := cmd.Wait(); waitErr != nil {
		var exit *exec.ExitError
		if !errors.As(waitErr, &exit) {
			fmt.Fprintf(r.out, "testsummary: %s test: %v\n", r.goCmd, waitErr)
		}
		return false
	}
	return true
}

// goTestOutput runs go test -json with args and returns what it printed
// on stdout, and whether it exited zero.
func (r *runner) goTestOutput(args []string) ([]byte, bool) {
	var stdout bytes.Buffer
	cmd := exec.Command(r.goCmd, append([]string{"test", "-json"}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			fmt.Fprintf(r.out, "testsummary: %s test: %v\n", r.goCmd, err)
		}
		return stdout.Bytes(), false
	}
	return stdout.Bytes(), true
}

// retryExecs is the execution budget of a fuzz target tried again after
// the deadline race: a few seconds of fuzzing for the slowest target.
const retryExecs = "5000"

// deadlineFlake reports whether a failed fuzz run is the Go 1.26 fuzzing
// coordinator's race at the end of -fuzztime (go.dev/issue/75804): the
// target fails with a bare "context deadline exceeded" when a worker is
// still busy as the deadline passes. A real finding always writes its
// input to testdata/fuzz and says so, and a crash prints a panic; neither
// happened here, so the run is tried once more, with a budget of
// executions rather than time, rather than failed.
func deadlineFlake(goTestJSON []byte) bool {
	return bytes.Contains(goTestJSON, []byte("context deadline exceeded")) &&
		!bytes.Contains(goTestJSON, []byte("Failing input written")) &&
		!bytes.Contains(goTestJSON, []byte("panic:"))
}

// fuzz fuzzes every Fuzz target of the packages pattern names (one or
// more go list patterns, separated by spaces), printing
// one line per target. It returns how many targets there were and whether
// all of them passed.
func (r *runner) fuzz(pattern, fuzzTime string) (int, bool) {
	pkgs, err := r.lines(append([]string{"list"}, strings.Fields(pattern)...)...)
	if err != nil {
		fmt.Fprintf(r.out, "testsummary: %v\n", err)
		return 0, false
	}
	n, ok := 0, true
	for _, pkg := range pkgs {
		names, err := r.lines("test", "-list", "^Fuzz", pkg)
		if err != nil {
			fmt.Fprintf(r.out, "testsummary: %v\n", err)
			ok = false
			continue
		}
		for _, name := range names {
			if !strings.HasPrefix(name, "Fuzz") {
				continue // the "ok pkg" line
			}
			n++
			failedBefore, badBefore := r.s.failed, len(r.s.badPackages)
			start := time.Now()
			args := func(budget string) []string {
				return []string{"-run", "^$", "-fuzz", "^" + name + "$", "-fuzztime", budget, "-fuzzminimizetime", "100x", pkg}
			}
			out, passed := r.goTestOutput(args(fuzzTime))
			if !passed && deadlineFlake(out) {
				// A budget of executions has no deadline to race.
				fmt.Fprintf(r.out, "fuzz flake %s %s: Go's fuzzing deadline raced a worker (go.dev/issue/75804, fixed in Go 1.27), no failing input; once more, for %s executions\n", pkg, name, retryExecs)
				out, passed = r.goTestOutput(args(retryExecs + "x"))
			}
			r.s.read(bytes.NewReader(out))
			verdict := "ok"
			if !passed || r.s.failed > failedBefore || len(r.s.badPackages) > badBefore {
				verdict, ok = "FAIL", false
			}
			fmt.Fprintf(r.out, "fuzz %-4s %s %s (%s)\n", verdict, pkg, name, time.Since(start).Round(100*time.Millisecond))
		}
	}
	return n, ok
}

// lines runs a go command and returns its output's non-empty lines; on
// failure the error carries what it printed.
func (r *runner) lines(args ...string) ([]string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(r.goCmd, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %w\n%s%s", r.goCmd, strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	var out []string
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}

// shellJoin writes args as a shell would need them, for the line that says
// what runs: an argument with a space or quote is single-quoted.
func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"$\\") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}
