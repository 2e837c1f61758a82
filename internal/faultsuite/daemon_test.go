package faultsuite

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
)

// slowArgs make a run take a few seconds against the fake (c40's ~100
// pages at 25 ms each), so that runs overlap a two-second schedule.
var slowArgs = []string{"--delay", "25ms", "--timeout", "2s", "--retries", "2"}

// process is a running citynets whose JSON log lines are collected.
type process struct {
	t      *testing.T
	cmd    *exec.Cmd
	exited chan struct{}
	err    error

	mu   sync.Mutex
	logs []map[string]any
	raw  strings.Builder
}

func (s *suite) start(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	p := &process{t: t, cmd: exec.Command(s.bin, args...), exited: make(chan struct{})}
	p.cmd.Env = env
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var line map[string]any
			p.mu.Lock()
			p.raw.WriteString(sc.Text() + "\n")
			if json.Unmarshal(sc.Bytes(), &line) == nil {
				p.logs = append(p.logs, line)
			}
			p.mu.Unlock()
		}
	}()
	go func() {
		<-read
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
	})
	return p
}

// count is the number of log lines with msg (and, if given, outcome).
func (p *process) count(msg, outcome string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, l := range p.logs {
		if l["msg"] == msg && (outcome == "" || l["outcome"] == outcome) {
			n++
		}
	}
	return n
}

// field returns a field of the first log line with msg.
func (p *process) field(msg, key string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, l := range p.logs {
		if l["msg"] == msg {
			s, _ := l[key].(string)
			return s
		}
	}
	return ""
}

// waitFor polls cond for up to a minute.
func (p *process) waitFor(what string, cond func() bool) {
	p.t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
		select {
		case <-p.exited:
			p.t.Fatalf("the process exited (%v) while waiting for %s\n%s", p.err, what, p.log())
		default:
		}
	}
	p.t.Fatalf("timed out waiting for %s\n%s", what, p.log())
}

func (p *process) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return tail(p.raw.String(), 4000)
}

// stop sends SIGTERM and returns the exit code and how long the stop took.
func (p *process) stop() (int, time.Duration) {
	p.t.Helper()
	begin := time.Now()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(time.Minute):
		p.t.Fatalf("the process did not stop within a minute of SIGTERM\n%s", p.log())
	}
	return p.cmd.ProcessState.ExitCode(), time.Since(begin)
}

func lockHeld(store string) bool {
	b, err := os.ReadFile(filepath.Join(store, ".lock"))
	return err == nil && len(b) > 0
}

func (s *suite) scheduleArgs(store string, extra ...string) []string {
	args := []string{"--store", store, "--log-format", "json", "schedule", "--networks", strings.Join(s.networks, ","), "--specs", s.specs}
	return append(append(args, slowArgs...), extra...)
}

// TestDaemon runs `citynets schedule --cron "@every 2s"` against the fake:
// it completes runs, skips the firings that overlap a run, serves
// /healthz and /metrics, holds the store lock against a `citynets run`
// (exit 3, naming the daemon), and on SIGTERM lets the current run finish
// and exits 0 within the grace period. Then `snapshots prune` keeps
// history.
func TestDaemon(t *testing.T) {
	s := setup(t)
	fake, err := New(s.pages, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	store := s.copyStore(t)
	const grace = 30 * time.Second
	d := s.start(t, fake.Env(), s.scheduleArgs(store, "--cron", "@every 2s", "--listen", "127.0.0.1:0", "--grace", grace.String())...)

	d.waitFor("the metrics server", func() bool { return d.field("serving /healthz and /metrics", "addr") != "" })
	base := "http://" + d.field("serving /healthz and /metrics", "addr")
	d.waitFor("a finished run and a skipped firing", func() bool {
		return d.count("run finished", "ok") >= 1 && d.count("run skipped: the previous run of this schedule is still going", "") >= 1
	})
	d.waitFor("the second run to take the store lock", func() bool { return d.count("run started", "") >= 2 && lockHeld(store) })

	r := s.exec(context.Background(), fake.Env(), s.runCmd(store)...)
	if r.code != 3 || !strings.Contains(r.stderr, fmt.Sprintf("store is locked by pid %d", d.cmd.Process.Pid)) || !strings.Contains(r.stderr, "citynets schedule") {
		t.Errorf("`run` during the daemon's run: exit %d, stderr %q; want exit 3 naming the daemon", r.code, tail(r.stderr, 500))
	}

	metrics := httpGet(t, base+"/metrics")
	for _, re := range []string{
		`citynets_runs_total\{outcome="ok"\} [1-9]`,
		`citynets_runs_total\{outcome="skipped"\} [1-9]`,
		`citynets_runs_total\{outcome="error"\} 0`,
		`citynets_network_members\{network="c40"\} 97`,
		`citynets_network_up\{network="metropolis"\} 1`,
		`citynets_network_last_success_timestamp_seconds\{network="c40"\} [0-9.e+]+`,
		`citynets_run_duration_seconds_count [1-9]`,
		`citynets_run_in_progress 1`,
	} {
		if !regexp.MustCompile(re).MatchString(metrics) {
			t.Errorf("/metrics does not match %s", re)
		}
	}
	if h := httpGet(t, base+"/healthz"); !strings.Contains(h, `"status": "ok"`) || !strings.Contains(h, `"running"`) {
		t.Errorf("/healthz = %s", h)
	}

	code, took := d.stop()
	if code != 0 || took >= grace {
		t.Errorf("after SIGTERM: exit %d after %s; want 0 within the %s grace period\n%s", code, took.Round(time.Millisecond), grace, d.log())
	}
	t.Logf("SIGTERM to exit: %s (the run in progress finished)", took.Round(time.Millisecond))
	ok := d.count("run finished", "ok")
	if ok < 2 || d.count("run cancelled; nothing committed", "") != 0 || d.count("stopped", "") != 1 {
		t.Errorf("%d runs finished, want ≥ 2 with the one SIGTERM interrupted finishing\n%s", ok, d.log())
	}
	if got := snapshotCount(store); got != 1+ok {
		t.Errorf("%d snapshots, want the baseline and one per finished run (%d)", got, 1+ok)
	}
	if left, _ := os.ReadDir(filepath.Join(store, "tmp")); len(left) > 0 {
		t.Errorf("%d temporary folders left", len(left))
	}
	s.checkVerify(t, store)
	s.checkPrune(t, store)
}

// checkPrune prunes all but the newest snapshot and checks that history
// still reaches back to the pruned baseline.
func (s *suite) checkPrune(t *testing.T, store string) {
	t.Helper()
	latest := checkNoHalfSnapshot(t, store)
	r := s.exec(context.Background(), nil, "--store", store, "snapshots", "prune", "--keep", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "removed "+s.baseID) {
		t.Fatalf("prune: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if got := snapshotCount(store); got != 1 || checkNoHalfSnapshot(t, store) != latest {
		t.Errorf("after prune --keep 1: %d snapshots, LATEST %s; want only %s", got, latestOf(store), latest)
	}
	st, _ := output.OpenStoreReadOnly(store)
	tables, err := st.Read(context.Background(), latest)
	if err != nil {
		t.Fatal(err)
	}
	fromBaseline := 0
	for _, h := range tables.History {
		if h.FromSnapshot == s.baseID {
			fromBaseline++
		}
	}
	if want := len(s.baseKeys["c40"]); fromBaseline < want {
		t.Errorf("history names the pruned baseline as first seen for %d memberships, want at least %d", fromBaseline, want)
	}
	s.checkVerify(t, store)
}

// TestDaemonCancelsRunPastGrace: a SIGTERM whose grace period ends before
// the run does cancels the run, which commits nothing; the daemon still
// exits 0, promptly.
func TestDaemonCancelsRunPastGrace(t *testing.T) {
	s := setup(t)
	fake, err := New(s.pages, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	store := s.copyStore(t)
	d := s.start(t, fake.Env(), s.scheduleArgs(store, "--cron", "@every 1s", "--grace", "300ms")...)
	d.waitFor("a run fetching", func() bool { return d.count("run started", "") >= 1 && tmpHas(store, "raw.warc.gz") })
	code, took := d.stop()
	if code != 0 {
		t.Errorf("exit %d after SIGTERM, want 0\n%s", code, d.log())
	}
	t.Logf("SIGTERM to exit: %s (grace 300ms, then the run was cancelled)", took.Round(time.Millisecond))
	if d.count("grace period over: cancelling the current run, which commits nothing", "") != 1 || d.count("run cancelled; nothing committed", "") != 1 {
		t.Errorf("the run was not cancelled at the end of the grace period\n%s", d.log())
	}
	if got := snapshotCount(store); got != 1 || latestOf(store) != s.baseID {
		t.Errorf("%d snapshots, LATEST %s: the cancelled run committed something", got, latestOf(store))
	}
	if left, _ := os.ReadDir(filepath.Join(store, "tmp")); len(left) > 0 {
		t.Errorf("the cancelled run left %d temporary folders", len(left))
	}
	s.checkVerify(t, store)
}

// TestStoreLock: while one `citynets run` writes, a second one exits 3
// saying who holds the lock, and a third with --wait waits and then
// commits on top of the first's snapshot.
func TestStoreLock(t *testing.T) {
	s := setup(t)
	fake, err := New(s.pages, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	store := s.copyStore(t)
	args := append(s.runCmd(store), slowArgs...) // later flags win
	first := s.start(t, fake.Env(), args...)
	first.waitFor("the first run to take the lock", func() bool { return lockHeld(store) })

	r := s.exec(context.Background(), fake.Env(), s.runCmd(store)...)
	holder := fmt.Sprintf("store is locked by pid %d", first.cmd.Process.Pid)
	if r.code != 3 || !strings.Contains(r.stderr, holder) || !strings.Contains(r.stderr, "(citynets run)") {
		t.Errorf("second run: exit %d, stderr %q; want exit 3 with %q", r.code, tail(r.stderr, 500), holder)
	}
	if snapshotCount(store) != 1 {
		t.Error("the refused run wrote a snapshot")
	}

	waited := s.exec(context.Background(), fake.Env(), s.runCmd(store, "--wait")...)
	<-first.exited
	if code := first.cmd.ProcessState.ExitCode(); code != 0 || waited.code != 0 {
		t.Fatalf("first run exit %d, waiting run exit %d\n%s", code, waited.code, tail(waited.stderr, 2000))
	}
	st, _ := output.OpenStoreReadOnly(store)
	ids, _ := st.List()
	if len(ids) != 3 {
		t.Fatalf("%d snapshots, want 3", len(ids))
	}
	if m, _ := st.Manifest(ids[2]); m.ParentID != ids[1] {
		t.Errorf("the waiting run's parent is %s, want the first run's %s", m.ParentID, ids[1])
	}
	s.checkVerify(t, store)
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}
