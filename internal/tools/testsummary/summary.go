package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action      string
	Package     string
	Test        string
	Elapsed     float64
	Output      string
	ImportPath  string // build-output and build-fail
	FailedBuild string // on a package's fail: the build that failed
}

// summary reads the events of one or more `go test -json` runs, prints
// what a person must see at once (every failure with its whole output) and
// keeps the rest for the closing line. A package's failures are printed
// when the package ends, so that output a test writes after its verdict (a
// panic's stack) is not lost.
type summary struct {
	out io.Writer

	passed, failed, skipped int
	packages                map[string]bool // packages whose tests ran, or failed to build
	badPackages             []string        // packages that failed outside any test: build, panic in TestMain, vet
	skips                   []string        // "pkg TestX: reason"
	stray                   int             // streams that held something other than events

	logs     map[string]map[string][]string // package → test ("" for the package) → output
	failures map[string][]failure           // package → its failed tests, in the order they ended
	build    map[string][]string            // import path → build output
}

type failure struct {
	test    string
	elapsed float64
}

func newSummary(out io.Writer) *summary {
	return &summary{
		out:      out,
		packages: map[string]bool{},
		logs:     map[string]map[string][]string{},
		failures: map[string][]failure{},
		build:    map[string][]string{},
	}
}

// ok reports whether nothing failed.
func (s *summary) ok() bool {
	return s.failed == 0 && len(s.badPackages) == 0 && s.stray == 0
}

// read consumes a stream of events. From the first line that is not an
// event (a go command that printed plain text), the rest is printed as it
// is, for a person to read, and the run counts as failed.
func (s *summary) read(r io.Reader) {
	dec := json.NewDecoder(r)
	for {
		var e event
		err := dec.Decode(&e)
		if err == io.EOF {
			return
		}
		if err != nil {
			rest, _ := io.ReadAll(io.MultiReader(dec.Buffered(), r))
			fmt.Fprintf(s.out, "testsummary: not go test -json output (%v):\n%s\n", err, rest)
			s.stray++
			return
		}
		s.add(e)
	}
}

// add takes one event.
func (s *summary) add(e event) {
	switch e.Action {
	case "build-output":
		s.build[e.ImportPath] = append(s.build[e.ImportPath], e.Output)
	case "build-fail":
		s.printBlock("BUILD FAIL "+e.ImportPath, s.build[e.ImportPath])
		delete(s.build, e.ImportPath)
	case "output":
		if s.logs[e.Package] == nil {
			s.logs[e.Package] = map[string][]string{}
		}
		s.logs[e.Package][e.Test] = append(s.logs[e.Package][e.Test], e.Output)
	case "pass", "skip", "fail":
		if e.Test == "" {
			s.endPackage(e)
			return
		}
		switch e.Action {
		case "pass":
			s.passed++
			delete(s.logs[e.Package], e.Test)
		case "skip":
			s.skipped++
			s.skips = append(s.skips, fmt.Sprintf("%s %s: %s", e.Package, e.Test, skipReason(s.logs[e.Package][e.Test])))
			delete(s.logs[e.Package], e.Test)
		case "fail":
			s.failed++
			s.failures[e.Package] = append(s.failures[e.Package], failure{e.Test, e.Elapsed})
		}
	}
}

// endPackage prints the package's failed tests, in full, and the
// package's own output when it failed for another reason (a build error,
// a panic outside a test, a timeout).
func (s *summary) endPackage(e event) {
	logs, failures := s.logs[e.Package], s.failures[e.Package]
	delete(s.logs, e.Package)
	delete(s.failures, e.Package)
	if e.Action == "skip" { // no test files
		return
	}
	s.packages[e.Package] = true
	for _, f := range failures {
		s.printBlock(fmt.Sprintf("FAIL %s %s (%.2fs)", e.Package, f.test, f.elapsed), logs[f.test])
	}
	if e.Action != "fail" {
		return
	}
	own := meaningful(logs[""])
	if len(failures) > 0 && len(own) == 0 {
		return // the failed tests said it all
	}
	if len(failures) == 0 {
		s.badPackages = append(s.badPackages, e.Package)
	}
	title := "FAIL " + e.Package
	if e.FailedBuild != "" {
		title += " (build failed; see above)"
	}
	s.printBlock(title, own)
}

// meaningful drops the lines go test prints for every package (PASS,
// FAIL, ok/FAIL with the package name, exit status).
func meaningful(lines []string) []string {
	var out []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "", t == "PASS", t == "FAIL",
			strings.HasPrefix(t, "ok "), strings.HasPrefix(t, "FAIL\t"),
			strings.HasPrefix(t, "exit status "):
			continue
		}
		out = append(out, l)
	}
	return out
}

// printBlock prints a failure's title and its output in full, less the
// === RUN / PAUSE / CONT framing that go test adds.
func (s *summary) printBlock(title string, lines []string) {
	fmt.Fprintf(s.out, "--- %s\n", title)
	for _, l := range lines {
		if isFraming(l) {
			continue
		}
		io.WriteString(s.out, l)
		if !strings.HasSuffix(l, "\n") {
			io.WriteString(s.out, "\n")
		}
	}
}

func isFraming(l string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// skipReason is what a skipped test said, on one line: its t.Skip message.
func skipReason(lines []string) string {
	var said []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || isFraming(t) || strings.HasPrefix(t, "--- SKIP") {
			continue
		}
		said = append(said, t)
	}
	if len(said) == 0 {
		return "(no reason given)"
	}
	return strings.Join(said, " ")
}

// finish prints the skipped tests and the closing line.
func (s *summary) finish(took time.Duration, fuzzTargets int) {
	sort.Strings(s.skips)
	for _, k := range s.skips {
		fmt.Fprintf(s.out, "skipped: %s\n", k)
	}
	verdict := "PASS"
	if !s.ok() {
		verdict = "FAIL"
	}
	line := fmt.Sprintf("%s: %d passed, %d failed, %d skipped (tests and subtests) in %d packages", verdict, s.passed, s.failed, s.skipped, len(s.packages))
	if fuzzTargets > 0 {
		line += fmt.Sprintf(", %d fuzz targets", fuzzTargets)
	}
	if n := len(s.badPackages); n > 0 {
		line += fmt.Sprintf("; %d packages failed outside a test (%s)", n, strings.Join(s.badPackages, ", "))
	}
	fmt.Fprintf(s.out, "%s; %s\n", line, took.Round(time.Second))
}
