package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// The bundled sample and the demo's specs, from this package's folder.
const (
	sampleArchive = "../../examples/sample.warc.gz"
	sampleSpecs   = "../../examples/specs"
)

// demoStore runs the demo (the bundled sample, every network) into a new
// store and returns the store's folder.
func demoStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "data")
	if code, out, errOut := run(t, "run", "--replay", sampleArchive, "--specs", sampleSpecs, "--store", store, "-q"); code != exitOK {
		t.Fatalf("demo run: exit %d\n%s\n%s", code, out, errOut)
	}
	return store
}

// TestJSONOutputs parses each --json output and checks its named fields:
// the same as the table the command prints, snake_case.
func TestJSONOutputs(t *testing.T) {
	store := demoStore(t)
	cases := []struct {
		name  string
		args  []string
		check func(t *testing.T, v any)
	}{
		{"snapshots list", []string{"snapshots", "list", "--json", "--store", store}, func(t *testing.T, v any) {
			row := only(t, v)
			wantKeys(t, row, "id", "created_at", "parent", "members", "networks", "latest")
			if row["parent"] != nil || row["members"] != 150.0 || row["latest"] != true {
				t.Errorf("parent %v, members %v, latest %v; want null, 150 (WMCCC's Bonn is one member), true", row["parent"], row["members"], row["latest"])
			}
			nets, _ := row["networks"].(map[string]any)
			for _, n := range []string{"c40", "iclei", "metropolis", "uclg", "wmccc"} {
				if nets[n] != "ok" {
					t.Errorf("networks[%s] = %v, want ok", n, nets[n])
				}
			}
		}},
		{"snapshots (bare) lists too", []string{"snapshots", "--json", "--store", store}, func(t *testing.T, v any) {
			wantKeys(t, only(t, v), "id", "created_at", "parent", "members", "networks")
		}},
		{"snapshots show", []string{"snapshots", "show", "LATEST", "--json", "--store", store}, func(t *testing.T, v any) {
			m := jsonObject(t, v)
			wantKeys(t, m, "id", "created_at", "tool_version", "gazetteer", "networks", "files")
			c40, _ := m["networks"].(map[string]any)["c40"].(map[string]any)
			if c40["status"] != "ok" || c40["members"] != 97.0 {
				t.Errorf("networks.c40 = %v", c40)
			}
		}},
		{"networks", []string{"networks", "--json"}, func(t *testing.T, v any) {
			for _, n := range jsonArray(t, v) {
				wantKeys(t, jsonObject(t, n), "id", "name", "site", "list_urls")
			}
			if first := jsonObject(t, jsonArray(t, v)[0]); first["id"] != "c40" || len(first["list_urls"].([]any)) == 0 {
				t.Errorf("first network %v, want c40 with its list URLs", first)
			}
		}},
		{"check", []string{"check", "c40", "--replay", sampleArchive, "--specs", sampleSpecs, "--json"}, func(t *testing.T, v any) {
			c := only(t, v)
			wantKeys(t, c, "network", "name", "robots", "variant", "pages", "bytes", "page_reports", "claims", "notes", "members", "verdict")
			if c["network"] != "c40" || c["verdict"] != "ok" || c["members"] != 97.0 || c["robots"] != "allowed" {
				t.Errorf("check c40 = %v", c)
			}
			page := jsonObject(t, jsonArray(t, c["page_reports"])[0])
			wantKeys(t, page, "source", "status", "url", "items", "fields")
			wantKeys(t, jsonObject(t, jsonArray(t, c["claims"])[0]), "url", "count", "at_least", "parsed")
		}},
		{"geocode", []string{"geocode", "Ville de Paris", "--country", "FR", "--json"}, func(t *testing.T, v any) {
			g := jsonObject(t, v)
			wantKeys(t, g, "name", "country_published", "country", "match", "candidates")
			m := jsonObject(t, g["match"])
			wantKeys(t, m, "place_id", "place_name", "country_code", "latitude", "longitude", "population", "method", "score")
			if m["place_id"] != "geonames:2988507" || g["country"] != "FR" {
				t.Errorf("geocode = %v", g)
			}
			wantKeys(t, jsonObject(t, jsonArray(t, g["candidates"])[0]), "place_id", "name", "admin1_name", "country_code", "feature_code", "population", "method", "score", "why")
		}},
		{"gazetteer info", []string{"gazetteer", "info", "--json"}, func(t *testing.T, v any) {
			g := jsonObject(t, v)
			wantKeys(t, g, "name", "sha256", "places", "keys", "source", "divisions")
			if sum, _ := g["sha256"].(string); len(sum) != 64 || g["places"].(float64) < 1000 || g["divisions"].(float64) < 1000 {
				t.Errorf("gazetteer info = %v", g)
			}
		}},
		{"gazetteer (bare)", []string{"gazetteer", "--json"}, func(t *testing.T, v any) {
			wantKeys(t, jsonObject(t, v), "name", "sha256", "places", "keys", "source")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := run(t, append(c.args, "-q")...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, out)
			}
			c.check(t, v)
		})
	}
}

func jsonArray(t *testing.T, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok || len(a) == 0 {
		t.Fatalf("want a non-empty array, got %v", v)
	}
	return a
}

func jsonObject(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want an object, got %v", v)
	}
	return m
}

// only is the single object of a one-element array.
func only(t *testing.T, v any) map[string]any {
	t.Helper()
	a := jsonArray(t, v)
	if len(a) != 1 {
		t.Fatalf("want one element, got %d: %v", len(a), a)
	}
	return jsonObject(t, a[0])
}

func wantKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("no field %q in %v", k, m)
		}
	}
}
