package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFriendlyMessages: what a new user runs into in the first ten minutes
// says what happened and what to do, with the right exit code.
func TestFriendlyMessages(t *testing.T) {
	t.Setenv("CITYNETS_SPECS", "") // the hint is about running without --specs
	store := demoStore(t)
	tmp := t.TempDir()
	names := filepath.Join(tmp, "names.csv")
	if err := os.WriteFile(names, []byte("name,country\nVille de Paris,FR\nZzyzxq,FR\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	few := c40Archive(t, []string{"Lagos", "Lima", "London"}) // below c40's floor of 80
	missing := filepath.Join(tmp, "no-such-store")
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
		not    []string // in neither
	}{
		{"diff of the first snapshot", []string{"diff", "--store", store}, exitUsage,
			nil, []string{"has no parent to diff against: run again, or name two ids: citynets diff FROM TO"}, nil},
		{"check the sample without its specs", []string{"check", "--replay", sampleArchive}, exitNetworkFail,
			[]string{"below the floor"}, []string{"3 of 5 networks failed", "hint: the bundled sample", "citynets check --replay " + sampleArchive + " --specs examples/specs"}, nil},
		{"check the sample with its specs", []string{"check", "--replay", sampleArchive, "--specs", sampleSpecs}, exitOK,
			[]string{"verdict: ok"}, nil, []string{"hint:", "FAIL"}},
		{"check another archive below a floor", []string{"check", "c40", "--replay", few}, exitNetworkFail,
			nil, []string{"hint: 1 networks parsed fewer members than their guard's floor", "--specs"}, nil},
		{"wmccc's fallback variant is not an error", []string{"check", "wmccc", "--replay", sampleArchive, "--specs", sampleSpecs}, exitOK,
			[]string{"note: variant typo3-live not used (", "HTTP 404 Not Found); using variant typo3-wayback-2014"}, nil, []string{"earlier variant failed"}},
		{"geocode: no match exits 1", []string{"geocode", "Zzyzxq", "--country", "FR"}, exitNoMatch,
			nil, []string{`no match for "Zzyzxq" in FR`}, nil},
		{"geocode: a match exits 0", []string{"geocode", "Ville de Paris", "--country", "FR"}, exitOK,
			[]string{"geonames:2988507  Paris, Île-de-France (FR)"}, nil, []string{"Paris,  (FR)"}},
		{"geocode --batch: a status per row, exit 0", []string{"geocode", "--batch", names}, exitOK,
			[]string{"Ville de Paris,FR,geonames:2988507", "Zzyzxq,FR,,,,,,,none,"}, nil, nil},
		{"geocode --batch --json", []string{"geocode", "--batch", names, "--json"}, exitUsage,
			nil, []string{"--batch writes CSV"}, nil},
		// A read command never creates the store it is given.
		{"a mistyped --store", []string{"snapshots", "list", "--store", missing}, exitUsage,
			nil, []string{missing, "no snapshot store"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, out, errOut)
			}
			for _, w := range c.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.stderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range c.not {
				if strings.Contains(out+errOut, w) {
					t.Errorf("output holds %q:\n%s\n%s", w, out, errOut)
				}
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("snapshots list created the mistyped store %s", missing)
	}
}

// TestDemoLogsFallbackAsInfo: the demo's log says the WMCCC's live
// variant was not used, at level INFO, and not that something failed.
func TestDemoLogsFallbackAsInfo(t *testing.T) {
	store := filepath.Join(t.TempDir(), "data")
	code, _, errOut := run(t, "run", "--replay", sampleArchive, "--specs", sampleSpecs, "--store", store, "--log-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var line string
	for l := range strings.Lines(errOut) {
		if strings.Contains(l, "typo3-live") {
			line = l
		}
	}
	if !strings.Contains(line, `"level":"INFO"`) || !strings.Contains(line, "variant typo3-live not used (") ||
		!strings.Contains(line, "using variant typo3-wayback-2014") || strings.Contains(line, "failed") {
		t.Errorf("the fallback from typo3-live is logged as\n%s", line)
	}
}
