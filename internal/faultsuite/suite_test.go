package faultsuite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	_ "github.com/citynets/citynets/scrapers/all"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// required are the networks every test needs; others join when their
// sample fixture exists and passes the baseline run.
var required = []string{"c40", "metropolis"}

// runArgs are the fetch settings of every run against the fake: no
// politeness delay to speak of, short timeouts, two retries (three tries).
var runArgs = []string{"--delay", "1ms", "--timeout", "1s", "--retries", "2"}

// suite is what every test shares, built once: the binary, the fixture
// pages, the spec overrides of the samples, a replay archive of them, and
// a baseline store holding one good snapshot (a template: copy it).
type suite struct {
	dir      string
	bin      string
	specs    string
	networks []string
	pages    []fetch.FixturePage
	warc     string
	base     string
	baseID   string
	baseKeys map[string][]string // member keys per network in the baseline
}

var (
	shared     suite
	sharedErr  error
	sharedOnce sync.Once
	sharedDir  string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "citynets-faultsuite-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	sharedDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// setup builds the shared suite on first use.
func setup(t testing.TB) *suite {
	t.Helper()
	sharedOnce.Do(func() { sharedErr = shared.build(sharedDir) })
	if sharedErr != nil {
		t.Fatalf("suite setup: %v", sharedErr)
	}
	return &shared
}

func (s *suite) build(dir string) error {
	s.dir = dir
	s.bin = filepath.Join(dir, "citynets")
	begin := time.Now()
	build := exec.Command("go", "build", "-o", s.bin, "./cmd/citynets")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	fmt.Fprintf(os.Stderr, "faultsuite: built the binary in %s\n", time.Since(begin).Round(time.Millisecond))
	s.specs = filepath.Join(dir, "specs")
	if err := os.MkdirAll(s.specs, 0o755); err != nil {
		return err
	}
	candidates, err := samples(s.specs)
	if err != nil {
		return err
	}
	for {
		if err := s.baseline(candidates); err != nil {
			return err
		}
		failed, err := s.baselineFailures()
		if err != nil {
			return err
		}
		if len(failed) == 0 {
			break
		}
		for _, id := range failed {
			if slices.Contains(required, id) {
				return fmt.Errorf("baseline run: required network %s failed against the fake", id)
			}
			fmt.Fprintf(os.Stderr, "faultsuite: leaving out %s: its sample fails against the fake\n", id)
			delete(candidates, id)
		}
	}
	s.warc = filepath.Join(dir, "sample.warc.gz")
	return fetch.WriteFixtureWARC(s.warc, s.pages)
}

// samples returns the fixture pages of every registered network with a
// testdata/sample case whose guard passes, and copies the cases' spec
// overrides (the samples are shorter than the live lists) into specs.
func samples(specs string) (map[string][]fetch.FixturePage, error) {
	out := map[string][]fetch.FixturePage{}
	for _, id := range scrapers.IDs() {
		dir := filepath.Join("..", "..", "scrapers", id, "testdata", "sample")
		if g, err := os.ReadFile(filepath.Join(dir, "guard.txt")); err != nil || strings.TrimSpace(string(g)) != "ok" {
			continue
		}
		pages, err := scrapertest.FixturePages(dir)
		if err != nil {
			continue
		}
		overrides, _ := filepath.Glob(filepath.Join(dir, "specs", "*.yaml"))
		for _, o := range overrides {
			b, err := os.ReadFile(o)
			if err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(specs, filepath.Base(o)), b, 0o644); err != nil {
				return nil, err
			}
		}
		out[id] = pages
	}
	for _, id := range required {
		if _, ok := out[id]; !ok {
			return nil, fmt.Errorf("network %s has no usable testdata/sample fixture", id)
		}
	}
	return out, nil
}

// baseline makes the template store: one good run against the fake.
func (s *suite) baseline(candidates map[string][]fetch.FixturePage) error {
	s.networks, s.pages = nil, nil
	for id, pages := range candidates {
		s.networks = append(s.networks, id)
		s.pages = append(s.pages, pages...)
	}
	slices.Sort(s.networks)
	s.base = filepath.Join(s.dir, "baseline")
	os.RemoveAll(s.base)
	fake, err := New(s.pages, s.dir)
	if err != nil {
		return err
	}
	defer fake.Close()
	r := s.exec(context.Background(), fake.Env(), s.runCmd(s.base)...)
	if r.code != 0 && r.code != 1 {
		return fmt.Errorf("baseline run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	return nil
}

func (s *suite) baselineFailures() ([]string, error) {
	st, err := output.OpenStoreReadOnly(s.base)
	if err != nil {
		return nil, err
	}
	if s.baseID, err = st.Latest(); err != nil {
		return nil, err
	}
	m, err := st.Manifest(s.baseID)
	if err != nil {
		return nil, err
	}
	var failed []string
	for id, n := range m.Networks {
		if n.Status != output.StatusOK {
			failed = append(failed, id)
		}
	}
	tables, err := st.Read(context.Background(), s.baseID)
	if err != nil {
		return nil, err
	}
	s.baseKeys = map[string][]string{}
	for _, mb := range tables.Members {
		s.baseKeys[mb.Network] = append(s.baseKeys[mb.Network], mb.MemberKey)
	}
	return failed, nil
}

// runCmd is `citynets run` of the suite's networks into store.
func (s *suite) runCmd(store string, extra ...string) []string {
	args := []string{"--store", store, "--log-format", "json", "run", "--networks", strings.Join(s.networks, ","), "--specs", s.specs}
	return append(append(args, runArgs...), extra...)
}

// result is what one process did.
type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
	maxRSS         int64 // bytes, the process's peak resident set
}

// exec runs the binary to completion (at most two minutes).
func (s *suite) exec(ctx context.Context, env []string, args ...string) result {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.bin, args...)
	cmd.Env = env
	if env == nil {
		cmd.Env = offline()
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	begin := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), took: time.Since(begin)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.maxRSS = ru.Maxrss << 10 // Linux reports KiB
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		r.code = -1
		r.stderr += "\n" + err.Error()
	}
	return r
}

// offline is the environment without any proxy: a replayed run must not
// need the network at all.
func offline() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasSuffix(strings.ToUpper(name), "_PROXY") {
			env = append(env, kv)
		}
	}
	return env
}

// copyStore copies the baseline into a fresh folder.
func (s *suite) copyStore(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "store")
	err := filepath.WalkDir(s.base, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.base, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// hashTree maps every file under dir to its SHA-256.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, path)
		sums[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// checkUntouched fails unless the baseline snapshot in store is byte for
// byte what it was.
func (s *suite) checkUntouched(t *testing.T, store string, before map[string]string) {
	t.Helper()
	after := hashTree(t, filepath.Join(store, "snapshots", s.baseID))
	if len(after) != len(before) {
		t.Errorf("the previous snapshot has %d files, had %d", len(after), len(before))
	}
	for name, sum := range before {
		if after[name] != sum {
			t.Errorf("the previous snapshot's %s changed", name)
		}
	}
}

// checkVerify runs `citynets snapshots verify` on store and wants exit 0.
func (s *suite) checkVerify(t *testing.T, store string) {
	t.Helper()
	r := s.exec(context.Background(), nil, "--store", store, "snapshots", "verify")
	if r.code != 0 {
		t.Errorf("snapshots verify: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// checkNoHalfSnapshot fails when a folder under snapshots/ lacks its
// manifest (a half snapshot) or LATEST does not name a committed one.
func checkNoHalfSnapshot(t *testing.T, store string) (latest string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(store, "snapshots"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(store, "snapshots", e.Name(), output.ManifestFile)); err != nil {
			t.Errorf("half snapshot listed: snapshots/%s has no manifest", e.Name())
		}
	}
	st, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	latest, err = st.Latest()
	if err != nil {
		t.Errorf("LATEST: %v", err)
	}
	return latest
}
