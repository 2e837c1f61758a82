package pipeline

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
)

// redesign rewrites the c40 homepage as a redesign might: the strip's
// classes renamed and its list items turned into divs, every name kept.
func redesign(home string) string {
	home = strings.NewReplacer(
		`class="cities-marquee"`, `class="member-carousel"`,
		`class="marquee-track"`, `class="carousel-inner"`,
		"<ul>", `<div class="slides">`, "</ul>", "</div>",
		"</li>", "</span></div>",
	).Replace(home)
	return regexp.MustCompile(`<li>`).ReplaceAllString(home, `<div class="slide"><span class="slide-name">`)
}

// sidebarOnly moves every name out of the list: the strip is gone, and a
// few of the names appear in a news sidebar.
func sidebarOnly(home string) string {
	li := regexp.MustCompile(`(?s)<section class="cities-marquee".*?</section>`)
	strip := li.FindString(home)
	names := regexp.MustCompile(`<li>(.*?)</li>`).FindAllStringSubmatch(strip, 8)
	var aside strings.Builder
	aside.WriteString(`<aside class="sidebar"><h3>Latest news</h3><ul>`)
	for _, n := range names {
		aside.WriteString("<li>" + n[1] + "</li>")
	}
	aside.WriteString("</ul></aside>")
	return strings.Replace(home, strip, aside.String(), 1)
}

func networkRows(t *testing.T, store, id, network string) []citynets.Member {
	t.Helper()
	s, err := output.OpenStoreReadOnly(store)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := s.Read(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []citynets.Member
	for _, m := range tables.Members {
		if m.Network == network {
			out = append(out, m)
		}
	}
	return out
}

// TestRepairRun runs a good night, then nights whose c40 homepage was
// redesigned: without --repair c40 fails and is carried forward; with it
// c40 is repaired, reads the same members, and the snapshot stores the
// induced spec and its evidence. A page whose known names sit only in a
// news sidebar is never repaired.
func TestRepairRun(t *testing.T) {
	const other = "metropolis"
	specs := "../../examples/specs"
	tests := []struct {
		name       string
		edit       func(string) string
		repair     bool
		noParent   bool
		wantStatus string
		wantReason []string
	}{
		{name: "redesign without --repair fails", edit: redesign, wantStatus: output.StatusFailed, wantReason: []string{"zero members"}},
		{name: "redesign with --repair is repaired", edit: redesign, repair: true, wantStatus: output.StatusRepaired},
		{name: "first night: known.txt locates the list", edit: redesign, repair: true, noParent: true, wantStatus: output.StatusRepaired},
		{name: "names only in a sidebar: refused", edit: sidebarOnly, repair: true, wantStatus: output.StatusFailed,
			wantReason: []string{"zero members", "repair refused", "sidebar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := t.TempDir()
			var good *Report
			if !tt.noParent {
				var err error
				good, err = Run(t.Context(), Options{StoreDir: store, Replay: archive(t, nil, "c40", other), SpecsDir: specs, Networks: "c40," + other})
				if err != nil || good.Failed() != 0 {
					t.Fatalf("good night: %v", err)
				}
			}
			var logBuf bytes.Buffer
			rep, err := Run(t.Context(), Options{StoreDir: store, Replay: archive(t, tt.edit, "c40", other), SpecsDir: specs,
				Networks: "c40," + other, Repair: tt.repair, Logger: slog.New(slog.NewTextHandler(&logBuf, nil))})
			if err != nil {
				t.Fatal(err)
			}
			st := rep.Manifest.Networks["c40"]
			if st.Status != tt.wantStatus {
				t.Fatalf("c40 = %+v, want %s", st, tt.wantStatus)
			}
			for _, r := range tt.wantReason {
				if !strings.Contains(st.Error, r) {
					t.Errorf("reason %q lacks %q", st.Error, r)
				}
			}
			verifyStore(t, store)
			if tt.wantStatus == output.StatusFailed {
				if st.Repair != nil || rep.Manifest.Specs["c40"].File != "" {
					t.Errorf("a failed network recorded a repair: %+v", st.Repair)
				}
				if good != nil {
					checkRows(t, store, rep.SnapshotID, good.SnapshotID, other)
				}
				return
			}
			checkRepaired(t, store, rep, good, logBuf.String())
		})
	}
}

// checkRepaired checks a repaired c40: its manifest record, its stored
// spec, its rows against the good night's, and that a rebuild reproduces
// them.
func checkRepaired(t *testing.T, store string, rep, good *Report, log string) {
	t.Helper()
	st := rep.Manifest.Networks["c40"]
	if rep.Failed() != 0 || st.Members != 97 || st.Error != "" || st.CarriedFrom != "" {
		t.Fatalf("c40 = %+v", st)
	}
	info := st.Repair
	if info == nil || info.Spec != "specs/c40.yaml" || info.KnownFound != 97 || info.KnownTotal != 97 || info.Recall != 1 ||
		info.Records != 97 || len(info.Samples) == 0 || len(info.Items) != 1 || !strings.Contains(info.Items[0], "slide") {
		t.Fatalf("repair record = %+v", info)
	}
	wantFrom := "known.txt"
	if good != nil {
		wantFrom = good.SnapshotID
	}
	if info.KnownFrom != wantFrom {
		t.Errorf("known from %q, want %q", info.KnownFrom, wantFrom)
	}
	if si := rep.Manifest.Specs["c40"]; si.File != "specs/c40.yaml" || !strings.HasPrefix(si.Variant, "induced-") {
		t.Errorf("spec info = %+v", si)
	}
	if _, ok := rep.Manifest.Files["specs/c40.yaml"]; !ok {
		t.Errorf("specs/c40.yaml not in the manifest's files: %v", rep.Manifest.Files)
	}
	specPath := filepath.Join(store, "snapshots", rep.SnapshotID, "specs", "c40.yaml")
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scrapers.ParseSpec(b); err != nil {
		t.Errorf("stored spec does not load: %v", err)
	}
	if !strings.Contains(log, "network repaired") || !strings.Contains(log, specPath) {
		t.Errorf("the log does not say so loudly:\n%s", log)
	}
	fresh := networkRows(t, store, rep.SnapshotID, "c40")
	for _, m := range fresh {
		if m.Stale || m.CarriedFrom != "" {
			t.Fatalf("repaired row %q is stale", m.Name)
		}
	}
	if good != nil {
		compareRows(t, "repaired vs good night", networkRows(t, store, good.SnapshotID, "c40"), fresh, true)
	}

	// Rebuild reads the stored spec and reproduces members and places.
	rb, err := Rebuild(t.Context(), rep.SnapshotID, Options{StoreDir: store})
	if err != nil {
		t.Fatal(err)
	}
	if st := rb.Manifest.Networks["c40"]; !st.Passed() || rb.Manifest.Specs["c40"].File != "specs/c40.yaml" {
		t.Fatalf("rebuild: c40 = %+v, spec %+v", st, rb.Manifest.Specs["c40"])
	}
	s, _ := output.OpenStoreReadOnly(store)
	a, err := s.Read(t.Context(), rep.SnapshotID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Read(t.Context(), rb.SnapshotID)
	if err != nil {
		t.Fatal(err)
	}
	compareRows(t, "rebuild members", a.Members, r.Members, false)
	if len(a.Places) != len(r.Places) {
		t.Fatalf("rebuild: %d places, original %d", len(r.Places), len(a.Places))
	}
	if !reflect.DeepEqual(a.Places, r.Places) {
		t.Errorf("rebuild places differ from the original's")
	}
	verifyStore(t, store)
}

// compareRows compares member rows (the tables hold no snapshot id or
// date: those are added when written); acrossPages also ignores what comes
// from the page's bytes, since a redesigned page has another hash and
// fetch time.
func compareRows(t *testing.T, what string, want, got []citynets.Member, acrossPages bool) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%s: %d rows, want %d", what, len(got), len(want))
	}
	norm := func(m citynets.Member) string {
		if acrossPages {
			m.SourceSHA256, m.FetchedAt = "", time.Time{}
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	for i := range want {
		if a, b := norm(want[i]), norm(got[i]); a != b {
			t.Errorf("%s row %d:\n got %s\nwant %s", what, i, b, a)
		}
	}
}
