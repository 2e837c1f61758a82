package scrapers

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// repairSpec reads <li> names from a page whose markup is about to change;
// its guard wants 30 members.
const repairSpec = `id: t
variants:
  - name: written
    valid_from: 2020-01-01
    sources:
      - name: list
        start: ['https://t/members']
        items: "ul.members li"
        fields: {name: {}}
        member_type: city
guard: {min_members: 30, observed: "40 on a test day", required: [name]}
`

// cityNames are 40 distinct place-like names.
func cityNames() []string {
	base := []string{"Lima", "Oslo", "Accra", "Dakar", "Quito", "Seoul", "Tokyo", "Paris", "Rome", "Cairo",
		"Lagos", "Delhi", "Dhaka", "Hanoi", "Manila", "Berlin", "Vienna", "Prague", "Warsaw", "Madrid",
		"Lisbon", "Dublin", "Athens", "Sofia", "Riga", "Vilnius", "Tallinn", "Helsinki", "Bogotá", "Caracas",
		"Santiago", "Montevideo", "Asunción", "La Paz", "Havana", "Kingston", "Nairobi", "Kampala", "Kigali", "Harare"}
	return base
}

func knownOf(names []string) []KnownMember {
	out := make([]KnownMember, len(names))
	for i, n := range names {
		out[i] = KnownMember{Name: n}
	}
	return out
}

// page renders names as records in the given wrapper, with a menu beside.
func page(open, item, close string, names []string, sidebar []string) string {
	var b strings.Builder
	b.WriteString("<html><body><nav><ul><li>Home</li><li>About</li><li>Contact</li></ul></nav><main>")
	b.WriteString(open)
	for _, n := range names {
		fmt.Fprintf(&b, item, n)
	}
	b.WriteString(close + "</main>")
	if len(sidebar) > 0 {
		b.WriteString(`<aside class="sidebar"><h3>In the news</h3><ul>`)
		for _, n := range sidebar {
			fmt.Fprintf(&b, "<li>%s</li>", n)
		}
		b.WriteString("</ul></aside>")
	}
	b.WriteString("</body></html>")
	return b.String()
}

func TestCollectRepair(t *testing.T) {
	names := cityNames()
	changed := page(`<div class="member-grid">`, `<div class="card"><span class="card-title">%s</span></div>`, `</div>`, names, nil)
	sidebarOnly := page(`<div class="member-grid">`, `<div class="card"><span class="card-title">%s</span></div>`, `</div>`,
		[]string{"Alpha Town", "Beta Town"}, names[:8])
	tests := []struct {
		name         string
		site         pages
		repair       bool
		suggest      bool
		wantErr      string // "" for a repaired pass
		wantRepaired bool
		wantMembers  int
	}{
		{name: "without --repair the network fails as before", site: pages{"https://t/members": changed},
			wantErr: "zero members"},
		{name: "with --repair an induced structure passes", site: pages{"https://t/members": changed}, repair: true,
			wantRepaired: true, wantMembers: 40},
		{name: "suggest reports but keeps the verdict", site: pages{"https://t/members": changed}, suggest: true,
			wantErr: "zero members"},
		{name: "known names only in a sidebar: refused", site: pages{"https://t/members": sidebarOnly}, repair: true,
			wantErr: "repair refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := ParseSpec([]byte(repairSpec))
			if err != nil {
				t.Fatal(err)
			}
			c, err := Collect(t.Context(), Job{Network: Network{ID: "t"}, Spec: spec, AsOf: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
				Fetcher: tt.site, Repair: tt.repair, Suggest: tt.suggest, Known: knownOf(names)})
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if c.Repaired != tt.wantRepaired {
				t.Fatalf("Repaired = %v, want %v", c.Repaired, tt.wantRepaired)
			}
			if (tt.repair || tt.suggest) != (c.Repair != nil) {
				t.Fatalf("Repair = %+v", c.Repair)
			}
			if tt.suggest {
				if c.Repair.Err != nil || len(c.Repair.Spec) == 0 {
					t.Fatalf("suggestion: %v", c.Repair.Err)
				}
				if _, err := ParseSpec(c.Repair.Spec); err != nil {
					t.Fatalf("suggested spec does not load: %v\n%s", err, c.Repair.Spec)
				}
			}
			if !tt.wantRepaired {
				return
			}
			if len(c.Result.Members) != tt.wantMembers || c.Result.Variant != "induced-2026-01-02" {
				t.Fatalf("%d members from %q, want %d", len(c.Result.Members), c.Result.Variant, tt.wantMembers)
			}
			if c.Result.Members[0].MemberType != "city" {
				t.Errorf("member_type %q: the written source's constants were not kept", c.Result.Members[0].MemberType)
			}
			if c.Repair.KnownFound != 40 || c.Repair.Recall() != 1 {
				t.Errorf("found %d of %d", c.Repair.KnownFound, c.Repair.KnownTotal)
			}
			spec2, err := ParseSpec(c.Repair.Spec)
			if err != nil {
				t.Fatal(err)
			}
			if len(spec2.Variants) != 2 || !spec2.Variants[0].ValidFrom.IsZero() || spec2.Variants[1].Name != "written" {
				t.Errorf("spliced spec variants: %+v", spec2.Variants)
			}
			t.Logf("%s", c.Repair.Spec)
		})
	}
}
