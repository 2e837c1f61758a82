package scrapers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const minimalSpec = `id: demo
allowed_domains: [demo.example]
variants:
  - name: old
    valid_to: 2020-01-01
    sources: [{name: list, start: ["https://demo.example/old"], items: li, fields: {name: {}}}]
  - name: new
    valid_from: 2020-01-01
    sources: [{name: list, start: ["https://demo.example/"], items: li, fields: {name: {}}}]
guard: {min_members: 1}
`

func TestParseSpecRejects(t *testing.T) {
	cases := []struct{ name, spec, want string }{
		{"unknown key", "id: x\nvariants: []\nbogus: 1\n", "bogus"},
		{"no variants", "id: x\n", "no variants"},
		{"no id", "variants: [{name: v, sources: [{name: s, start: [u], items: li}]}]\n", "no id"},
		{"no items", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u]}]}]\n", "no items selector"},
		{"bad selector", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: 'li:is('}]}]\n", "selector"},
		{"bad field selector", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: li, fields: {name: {select: 'a[href'}}}]}]\n", "selector"},
		{"bad pattern", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: li, fields: {name: {pattern: '('}}}]}]\n", "pattern"},
		{"unknown field", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: li, fields: {mayor: {}}}]}]\n", "unknown field \"mayor\""},
		{"bad date", "id: x\nvariants: [{name: v, valid_from: 2020-13-45, sources: [{name: s, start: [u], items: li}]}]\n", "YYYY-MM-DD"},
		{"bad merge", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: li, merge: key}]}]\n", "merge"},
		{"optional primary source", "id: x\nvariants: [{name: v, sources: [{name: s, start: [u], items: li, optional: true}]}]\n", "only a source that adds detail"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSpec([]byte(c.spec))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("ParseSpec = %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestVariantsAt(t *testing.T) {
	s, err := ParseSpec([]byte(minimalSpec))
	if err != nil {
		t.Fatal(err)
	}
	for day, want := range map[string]string{"2014-06-01": "old", "2020-01-01": "new", "2026-11-27": "new"} {
		d, _ := time.Parse(time.DateOnly, day)
		vs := s.VariantsAt(d)
		if len(vs) != 1 || vs[0].Name != want {
			t.Errorf("%s: variants %v, want %s", day, vs, want)
		}
	}
}

func TestLoadSpecOverride(t *testing.T) {
	n := Network{ID: "demo", Spec: []byte(minimalSpec)}
	dir := t.TempDir()
	if s, err := LoadSpec(n, dir); err != nil || s.Origin != "" {
		t.Fatalf("no override file: %v, origin %q", err, s.Origin)
	}
	override := strings.Replace(minimalSpec, "min_members: 1", "min_members: 7", 1)
	os.WriteFile(filepath.Join(dir, "demo.yaml"), []byte(override), 0o644)
	s, err := LoadSpec(n, dir)
	if err != nil || s.Guard.MinMembers != 7 || s.Origin != filepath.Join(dir, "demo.yaml") {
		t.Fatalf("override: %v, floor %d, origin %q", err, s.Guard.MinMembers, s.Origin)
	}
	os.WriteFile(filepath.Join(dir, "demo.yaml"), []byte(strings.Replace(minimalSpec, "id: demo", "id: other", 1)), 0o644)
	if _, err := LoadSpec(n, dir); err == nil || !strings.Contains(err.Error(), "is not network") {
		t.Errorf("an override for another network: %v", err)
	}
}
