package mapview

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestEmbeddedWorld(t *testing.T) {
	if n := len(countriesTxt); n > 200_000 {
		t.Errorf("countries.txt is %d bytes, budget 200 KB", n)
	}
	w, err := parseWorld(countriesTxt)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Countries) < 170 {
		t.Errorf("%d countries, want the ~176 of Natural Earth 1:110m less Antarctica", len(w.Countries))
	}
	vb := strings.Fields(w.ViewBox)
	if len(vb) != 4 {
		t.Fatalf("viewBox %q", w.ViewBox)
	}
	for _, f := range vb {
		if _, err := strconv.ParseFloat(f, 64); err != nil {
			t.Errorf("viewBox %q: %v", w.ViewBox, err)
		}
	}
	names := map[string]bool{}
	for _, c := range w.Countries {
		names[c.Name] = true
		if !strings.HasPrefix(c.Path, "M") || !strings.HasSuffix(c.Path, "z") {
			t.Errorf("%s: path %.30q… is not closed rings", c.Name, c.Path)
		}
	}
	for _, n := range []string{"Canada", "Brazil", "Russia", "Fiji", "Australia", "Iceland"} {
		if !names[n] {
			t.Errorf("no outline for %s", n)
		}
	}
	if names["Antarctica"] {
		t.Error("Antarctica is outside the map's extent and should be left out")
	}
}

func TestParseWorldRejectsBadInput(t *testing.T) {
	good := "# c\nviewbox 0 0 10 10\nsphere\t\tM0 0l1 1z\n1\tA\tM0 0l1 1z\n"
	if _, err := parseWorld(good); err != nil {
		t.Fatalf("good input: %v", err)
	}
	tests := map[string]string{
		"markup in a path": strings.Replace(good, "M0 0l1 1z\n1", `M0 0"/><script>z`+"\n1", 1),
		"missing viewbox":  strings.Replace(good, "viewbox 0 0 10 10\n", "", 1),
		"missing sphere":   strings.Replace(good, "sphere\t\tM0 0l1 1z\n", "", 1),
		"no countries":     strings.Replace(good, "1\tA\tM0 0l1 1z\n", "", 1),
		"two columns":      strings.Replace(good, "1\tA\t", "1\t", 1),
		"bad viewbox":      strings.Replace(good, "viewbox 0 0 10 10", `viewbox 0 0 10 "`, 1),
	}
	for name, in := range tests {
		if _, err := parseWorld(in); !errors.Is(err, errBadWorld) {
			t.Errorf("%s: err = %v, want errBadWorld", name, err)
		}
	}
}
