package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// sampleWARC writes the c40 sample fixture as an archive.
func sampleWARC(t *testing.T) string {
	t.Helper()
	pages, err := scrapertest.FixturePages("../../scrapers/c40/testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c40.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(t.Context(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodesOnBadInput(t *testing.T) {
	warc := sampleWARC(t)
	tmp := t.TempDir()
	notWARC := filepath.Join(tmp, "notes.warc.gz")
	os.WriteFile(notWARC, []byte("this is not an archive\n"), 0o644)
	truncated := filepath.Join(tmp, "cut.warc.gz")
	b, _ := os.ReadFile(warc)
	os.WriteFile(truncated, b[:len(b)/2], 0o644)
	readOnly := filepath.Join(tmp, "ro")
	os.MkdirAll(readOnly, 0o555)
	if f, err := os.Create(filepath.Join(readOnly, "probe")); err == nil {
		f.Close()
		t.Log("running as a user who can write a 0555 folder (root): using a file as the store instead")
		readOnly = filepath.Join(tmp, "file-not-dir")
		os.WriteFile(readOnly, nil, 0o644)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown network", []string{"run", "--networks", "nope", "--replay", warc}, exitUsage, "known: c40"},
		{"missing archive", []string{"run", "--networks", "c40", "--replay", filepath.Join(tmp, "missing.warc.gz")}, exitUsage, "missing.warc.gz"},
		{"not an archive", []string{"run", "--networks", "c40", "--replay", notWARC}, exitUsage, "notes.warc.gz"},
		{"truncated archive", []string{"run", "--networks", "c40", "--replay", truncated}, exitUsage, "cut.warc.gz"},
		{"unwritable store", []string{"run", "--networks", "c40", "--replay", warc, "--store", filepath.Join(readOnly, "store")}, exitNoWrite, "store"},
		{"unknown flag", []string{"run", "--frobnicate"}, exitUsage, "frobnicate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "store")
			args := append([]string{"--store", store, "-q"}, c.args...)
			code, out, errOut := run(t, args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q\n%s", code, errOut, c.code, c.want, out)
			}
			if ids, _ := os.ReadDir(filepath.Join(store, "snapshots")); len(ids) > 0 {
				t.Errorf("bad input left %d snapshots", len(ids))
			}
		})
	}
}

// TestReplayTwiceIsIdentical: two replays of the bundled sample (all
// networks) give the same tables but for snapshot_id and fetched_at, and the
// second has no changes.
func TestReplayTwiceIsIdentical(t *testing.T) {
	store := t.TempDir()
	var tables [2]*citynets.Tables
	for i := range tables {
		if code, out, errOut := run(t, "run", "--replay", "../../examples/sample.warc.gz", "--specs", "../../examples/specs", "--store", store, "-q"); code != exitOK {
			t.Fatalf("run %d: exit %d\n%s\n%s", i, code, out, errOut)
		}
		s, err := output.OpenStore(store)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := s.Latest()
		if tables[i], err = s.Read(t.Context(), id); err != nil {
			t.Fatal(err)
		}
	}
	a, b := tables[0], tables[1]
	networks := map[string]int{}
	for _, m := range a.Members {
		networks[m.Network]++
	}
	if len(networks) != len(scrapers.IDs()) || networks["c40"] != 97 {
		t.Fatalf("members per network %v, want every network and 97 for c40", networks)
	}
	for i := range a.Members {
		a.Members[i].FetchedAt = b.Members[i].FetchedAt
	}
	if !reflect.DeepEqual(a.Members, b.Members) || !reflect.DeepEqual(a.Places, b.Places) {
		t.Error("members or places differ between two replays of one archive")
	}
	if len(b.Changes) != 0 {
		t.Errorf("second replay has %d changes, want 0", len(b.Changes))
	}
	if len(b.History) != len(a.History) {
		t.Errorf("history rows %d then %d", len(a.History), len(b.History))
	}
}

// TestPruneKeepsHistory: after pruning to one snapshot, the survivor still
// verifies and its history still knows every membership seen before.
func TestPruneKeepsHistory(t *testing.T) {
	store := t.TempDir()
	first := c40Archive(t, []string{"Lagos", "Lima", "London"})
	second := c40Archive(t, []string{"Lagos", "Lima", "Paris"})
	specs := t.TempDir()
	os.WriteFile(filepath.Join(specs, "c40.yaml"), []byte(strings.Replace(readFile(t, "../../scrapers/c40/spec.yaml"), "min_members: 80", "min_members: 1", 1)), 0o644)
	for _, w := range []string{first, second} {
		if code, _, errOut := run(t, "run", "--networks", "c40", "--replay", w, "--specs", specs, "--store", store, "-q"); code != exitOK {
			t.Fatalf("run: %d %s", code, errOut)
		}
	}
	if code, out, errOut := run(t, "snapshots", "prune", "--keep", "1", "--store", store); code != exitOK || !strings.Contains(out, "removed") {
		t.Fatalf("prune: %d %s %s", code, out, errOut)
	}
	s, _ := output.OpenStore(store)
	ids, _ := s.List()
	if len(ids) != 1 {
		t.Fatalf("%d snapshots after prune --keep 1", len(ids))
	}
	if err := s.Verify(t.Context(), ids[0]); err != nil {
		t.Fatal(err)
	}
	tables, err := s.Read(t.Context(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range tables.History {
		seen[h.Name] = h.Present
	}
	if present, ok := seen["London"]; !ok || present {
		t.Errorf("history after prune: London seen=%v present=%v; want seen, not present", ok, present)
	}
	if !seen["Paris"] || !seen["Lagos"] {
		t.Errorf("history lacks current members: %v", seen)
	}
}
