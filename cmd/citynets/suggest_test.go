package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// redesignedWARC writes the c40 sample with its homepage redesigned: the
// strip's classes renamed and its list items turned into divs.
func redesignedWARC(t *testing.T) string {
	t.Helper()
	pages, err := scrapertest.FixturePages("../../scrapers/c40/testdata/sample")
	if err != nil {
		t.Fatal(err)
	}
	for i := range pages {
		if pages[i].URL != "https://www.c40.org/" {
			continue
		}
		home := strings.NewReplacer(`class="cities-marquee"`, `class="member-carousel"`, "<ul>", `<div class="slides">`,
			"</ul>", "</div>", "</li>", "</div>").Replace(string(pages[i].Body))
		pages[i].Body = []byte(regexp.MustCompile(`<li>`).ReplaceAllString(home, `<div class="slide">`))
	}
	path := filepath.Join(t.TempDir(), "redesign.warc.gz")
	if err := fetch.WriteFixtureWARC(path, pages); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckSuggest: check --suggest on a redesigned page prints a spec that
// loads and, saved in a --specs folder, makes check pass; --json carries
// it as the suggestion object.
func TestCheckSuggest(t *testing.T) {
	warc := redesignedWARC(t)
	store := t.TempDir() // empty: the known names come from known.txt
	code, out, stderr := run(t, "check", "c40", "--replay", warc, "--store", store, "--suggest")
	if code != 1 {
		t.Fatalf("check --suggest exit %d, want 1 (the verdict is still FAIL)\n%s%s", code, out, stderr)
	}
	for _, want := range []string{"verdict: FAIL", "suggest: induced from 97 known names (known.txt)", "look like member names",
		"passes the guard", "samples: Bengaluru; Vancouver", `"looks like a member name"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	begin := strings.Index(out, "----- suggested spec")
	end := strings.Index(out, specEnd)
	if begin < 0 || end < begin {
		t.Fatalf("no suggested spec in:\n%s", out)
	}
	body := out[strings.Index(out[begin:], "\n")+begin+1 : end]
	if _, err := scrapers.ParseSpec([]byte(body)); err != nil {
		t.Fatalf("suggested spec does not load: %v\n%s", err, body)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c40.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := run(t, "check", "c40", "--replay", warc, "--specs", dir); code != 0 || !strings.Contains(out, "verdict: ok") {
		t.Fatalf("check with the suggested spec: exit %d\n%s%s", code, out, stderr)
	}

	code, out, _ = run(t, "check", "c40", "--replay", warc, "--store", store, "--suggest", "--json")
	var checks []struct {
		Verdict    string `json:"verdict"`
		Suggestion *struct {
			Spec       string `json:"spec"`
			Passes     bool   `json:"passes"`
			KnownFound int    `json:"known_found"`
			Sources    []struct {
				Items   string   `json:"items"`
				Samples []string `json:"samples"`
			} `json:"sources"`
		} `json:"suggestion"`
	}
	if err := json.Unmarshal([]byte(out), &checks); err != nil || code != 1 || len(checks) != 1 {
		t.Fatalf("--json: exit %d, %v\n%s", code, err, out)
	}
	s := checks[0].Suggestion
	if s == nil || !s.Passes || s.Spec == "" || s.KnownFound != 97 || len(s.Sources) != 1 || s.Sources[0].Items == "" {
		t.Fatalf("suggestion = %+v", s)
	}
}

// TestRunRepairExitsZero: a run whose only non-ok network is repaired exits
// 0 and names the stored spec in its summary; without --repair it exits 1.
func TestRunRepairExitsZero(t *testing.T) {
	warc := redesignedWARC(t)
	store := t.TempDir()
	if code, out, _ := run(t, "run", "--replay", warc, "--store", store, "--networks", "c40", "-q"); code != 1 || !strings.Contains(out, "failed") {
		t.Fatalf("without --repair: exit %d\n%s", code, out)
	}
	code, out, stderr := run(t, "run", "--replay", warc, "--store", store, "--networks", "c40", "--repair", "-q")
	if code != 0 {
		t.Fatalf("with --repair: exit %d\n%s%s", code, out, stderr)
	}
	if !regexp.MustCompile(`c40 +repaired +97 .*repaired: induced spec in snapshots/\S+/specs/c40\.yaml`).MatchString(out) {
		t.Errorf("summary does not name the repair:\n%s", out)
	}
	if code, out, _ := run(t, "snapshots", "verify", "--store", store); code != 0 {
		t.Errorf("verify: exit %d\n%s", code, out)
	}
}
