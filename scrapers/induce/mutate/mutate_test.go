package mutate

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// loadFixtures reads the repository's fixtures, two folders up from here.
func loadFixtures(t *testing.T) *Fixtures {
	t.Helper()
	fx, err := LoadFixtures("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// pageText is a page's text with element boundaries as spaces, collapsed.
func pageText(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	walk(doc, func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(" " + n.Data + " ")
		}
	})
	return " " + collapse(sb.String()) + " "
}

// The fixture names are read (C40's 97 and the former members its other
// cases name) and every one comes with a country.
func TestFixtures(t *testing.T) {
	fx := loadFixtures(t)
	if n := len(fx.Names("c40")); n < 97 {
		t.Errorf("c40 fixture names: %d, want 97 or more", n)
	}
	for _, id := range Networks() {
		for _, m := range fx.Names(id) {
			if m.Country == "" {
				t.Errorf("%s: %q has no country", id, m.Name)
			}
		}
	}
}

// Generation is a pure function of the seed, and every network's base set
// lists 100 or more members, every one of them on its pages.
func TestGenerateDeterministic(t *testing.T) {
	fx := loadFixtures(t)
	for _, id := range Networks() {
		a, err := Generate(fx, id, 42)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Generate(fx, id, 42)
		c, _ := Generate(fx, id, 43)
		if len(a.Members) < 100 {
			t.Errorf("%s: %d members", id, len(a.Members))
		}
		if !bytes.Equal(a.Pages[0].HTML, b.Pages[0].HTML) {
			t.Errorf("%s: same seed, different pages", id)
		}
		if bytes.Equal(a.Pages[0].HTML, c.Pages[0].HTML) {
			t.Errorf("%s: different seeds, same page", id)
		}
		var onPages int
		for _, p := range a.Pages {
			onPages += len(p.Members)
		}
		if onPages != len(a.Members) {
			t.Errorf("%s: pages list %d members, set %d", id, onPages, len(a.Members))
		}
		for _, m := range a.Reserve {
			for _, p := range a.Members {
				if m.Name == p.Name {
					t.Fatalf("%s: reserve name %q is on the page", id, m.Name)
				}
			}
		}
	}
}

// Every mutation keeps every member on the pages (merged with its country
// where the mutation merges), changes the markup (but for "none"), and is
// deterministic.
func TestMutationsKeepMembers(t *testing.T) {
	fx := loadFixtures(t)
	for _, seed := range []int64{1, 2, 3, 4, 5, 6} {
		for _, id := range Networks() {
			base, err := Generate(fx, id, seed)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range Mutations() {
				s, err := Mutate(base, m)
				if err != nil {
					t.Fatalf("%s/%s/%d: %v", id, m.Name, seed, err)
				}
				again, _ := Mutate(base, m)
				var text strings.Builder
				seen := map[string]bool{}
				for i, p := range s.Pages {
					if !bytes.Equal(p.HTML, again.Pages[i].HTML) {
						t.Errorf("%s/%s/%d: not deterministic", id, m.Name, seed)
					}
					text.WriteString(pageText(t, p.HTML))
					for _, mem := range p.Members {
						seen[mem.Name] = true
					}
				}
				all := text.String()
				for _, mem := range s.Members {
					if !seen[mem.Name] {
						t.Errorf("%s/%s/%d: %q on no page's member list", id, m.Name, seed, mem.Name)
					}
					if !strings.Contains(all, " "+collapse(mem.Name)) {
						t.Errorf("%s/%s/%d: %q not in the pages' text", id, m.Name, seed, mem.Name)
						break
					}
				}
				if m.Name != "none" && bytes.Equal(s.Pages[0].HTML, base.Pages[0].HTML) {
					t.Errorf("%s/%s/%d: page unchanged", id, m.Name, seed)
				}
				if m.Name == "pager" && len(s.Pages) < 2 {
					t.Errorf("%s/pager/%d: still one page", id, seed)
				}
				if _, err := Mutate(s, m); err != ErrNotBase {
					t.Errorf("%s/%s: mutating a mutated set: %v", id, m.Name, err)
				}
			}
		}
	}
}

// The scenario's known set is stale by the numbers.
func TestScenario(t *testing.T) {
	fx := loadFixtures(t)
	for _, id := range Networks() {
		base, _ := Generate(fx, id, 7)
		sc := NewScenario(base)
		onPage := map[string]bool{}
		for _, m := range base.Members {
			onPage[m.Name] = true
		}
		var gone int
		for _, m := range sc.Known {
			if !onPage[m.Name] {
				gone++
			}
		}
		p := len(base.Members)
		if gone != len(sc.Gone) || len(sc.Known) != p-len(sc.New)+len(sc.Gone) {
			t.Errorf("%s: known %d, gone %d/%d, new %d of %d", id, len(sc.Known), gone, len(sc.Gone), len(sc.New), p)
		}
		if len(sc.New)*100 < p*9 || len(sc.Gone)*100 < p*14 {
			t.Errorf("%s: new %d, gone %d of %d", id, len(sc.New), len(sc.Gone), p)
		}
		negs, err := Negatives(fx, base, sc)
		if err != nil {
			t.Fatal(err)
		}
		if len(negs) != 5 {
			t.Errorf("%s: %d negatives", id, len(negs))
		}
	}
}
