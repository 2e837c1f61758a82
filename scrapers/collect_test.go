package scrapers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets/scrapers/fetch"
)

// twoVariantSpec has variants "first" and "second", each reading <li> names
// from its own page, and a guard floor of 3 members.
const twoVariantSpec = `id: t
variants:
  - name: first
    sources: [{name: s, start: ['https://first/'], items: li, fields: {name: {}}}]
  - name: second
    sources: [{name: s, start: ['https://second/'], items: li, fields: {name: {}}}]
guard: {min_members: 3, observed: "3 on a test day"}
`

// refused is a Fetcher that robots.txt refuses for one URL and serves the
// rest from pages.
type refused struct {
	pages
	url string
}

func (r refused) Fetch(ctx context.Context, u string) (*fetch.Page, error) {
	if u == r.url {
		return nil, fmt.Errorf("fetch %s: %w", u, fetch.ErrRobots)
	}
	return r.pages.Fetch(ctx, u)
}

func TestCollectGuardsEachVariant(t *testing.T) {
	const three, two, one = "<li>A</li><li>B</li><li>C</li>", "<li>A</li><li>B</li>", "<li>A</li>"
	tests := []struct {
		name     string
		site     fetch.Fetcher
		lastGood int
		// want is the kept variant and its member count; wantErr the
		// phrases the verdict must hold ("" for a pass).
		wantVariant  string
		wantMembers  int
		wantErr      []string
		wantAttempts []string // per attempt: a phrase of its error, "" for the kept one
		wantNotes    []string // phrases among the kept result's notes
		wantIs       error
	}{
		{name: "first passes, second never tried",
			site:        pages{"https://first/": three, "https://second/": three},
			wantVariant: "first", wantMembers: 3, wantAttempts: []string{""}},
		{name: "first short, second passes",
			site:        pages{"https://first/": two, "https://second/": three},
			wantVariant: "second", wantMembers: 3,
			wantAttempts: []string{"variant first: guard: 2 members, below the floor of 3", ""},
			wantNotes:    []string{"an earlier variant failed: variant first: guard: 2 members, below the floor of 3"}},
		{name: "first fails to fetch, second passes",
			site:        pages{"https://second/": three},
			wantVariant: "second", wantMembers: 3,
			wantAttempts: []string{"not in the archive", ""},
			wantNotes:    []string{"an earlier variant failed: variant first: "}},
		{name: "neither passes: failed with both reasons, the first judged kept",
			site:        pages{"https://first/": two, "https://second/": one},
			wantVariant: "first", wantMembers: 2,
			wantErr: []string{"variant first: guard: 2 members, below the floor of 3",
				"variant second: guard: 1 members, below the floor of 3"},
			wantAttempts: []string{"below the floor", "below the floor"}},
		{name: "a drop against the last good snapshot fails a variant",
			site:     pages{"https://first/": three, "https://second/": three + "<li>D</li>"},
			lastGood: 5, wantVariant: "second", wantMembers: 4,
			wantAttempts: []string{"down from 5", ""}},
		{name: "robots refusal stays an ErrRobots beside a guard failure",
			site:        refused{pages: pages{"https://second/": two}, url: "https://first/"},
			wantVariant: "second", wantMembers: 2,
			wantErr:      []string{"variant first: source s: fetch https://first/: disallowed by robots.txt", "variant second: guard: 2 members"},
			wantAttempts: []string{"robots.txt", "below the floor"}, wantIs: fetch.ErrRobots},
		{name: "every variant fails to fetch: no result",
			site:    pages{},
			wantErr: []string{"variant first: ", "variant second: "}, wantAttempts: []string{"not in the archive", "not in the archive"},
			wantIs: fetch.ErrNotInArchive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := ParseSpec([]byte(twoVariantSpec))
			if err != nil {
				t.Fatal(err)
			}
			c, err := Collect(context.Background(), Job{Network: Network{ID: "t"}, Spec: spec, Fetcher: tt.site,
				AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), LastGood: tt.lastGood})
			if c == nil {
				t.Fatal("nil Collection")
			}
			switch {
			case len(tt.wantErr) == 0 && err != nil:
				t.Fatalf("verdict %v, want a pass", err)
			case len(tt.wantErr) > 0 && err == nil:
				t.Fatalf("verdict passed, want %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(Reason(err), w) {
					t.Errorf("reason %q lacks %q", Reason(err), w)
				}
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
			if tt.wantVariant == "" {
				if c.Result != nil {
					t.Errorf("result %+v, want none", c.Result)
				}
			} else if c.Result == nil || c.Result.Variant != tt.wantVariant || len(c.Result.Members) != tt.wantMembers {
				t.Fatalf("kept %+v, want variant %s with %d members", c.Result, tt.wantVariant, tt.wantMembers)
			}
			if len(c.Attempts) != len(tt.wantAttempts) {
				t.Fatalf("%d attempts %+v, want %d", len(c.Attempts), c.Attempts, len(tt.wantAttempts))
			}
			for i, a := range c.Attempts {
				switch w := tt.wantAttempts[i]; {
				case w == "" && a.Err != nil:
					t.Errorf("attempt %s: %v, want it kept", a.Variant, a.Err)
				case w != "" && (a.Err == nil || !strings.Contains(a.Err.Error(), w)):
					t.Errorf("attempt %s: %v, want %q", a.Variant, a.Err, w)
				}
			}
			if got := strings.Join(noteList(c.Result), "\n"); len(tt.wantNotes) > 0 {
				for _, w := range tt.wantNotes {
					if !strings.Contains(got, w) {
						t.Errorf("notes %q lack %q", got, w)
					}
				}
			}
		})
	}
}

func noteList(r *Result) []string {
	if r == nil {
		return nil
	}
	return r.Notes
}

// TestCollectBuildsPoliteFetcher: without a Fetcher, Collect builds the
// fetch layer itself from Job.Fetch and Job.Base, with the spec's allowed
// domains, so robots.txt is obeyed and its refusal is ErrRobots.
func TestCollectBuildsPoliteFetcher(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /members\n")
			return
		}
		fmt.Fprint(w, "<li>A</li><li>B</li><li>C</li>")
	}))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	spec, err := ParseSpec([]byte(fmt.Sprintf(`id: t
allowed_domains: [%s]
variants:
  - name: members
    sources: [{name: s, start: ['%s/members'], items: li, fields: {name: {}}}]
  - name: list
    sources: [{name: s, start: ['%s/list'], items: li, fields: {name: {}}}]
guard: {min_members: 3}
`, u.Hostname(), srv.URL, srv.URL)))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Collect(context.Background(), Job{Network: Network{ID: "t"}, Spec: spec, AsOf: time.Now(),
		Fetch: fetch.Config{Delay: -1, Retries: -1}, Base: srv.Client().Transport})
	if err != nil || c.Result == nil || c.Result.Variant != "list" {
		t.Fatalf("Collect = %+v, %v; want variant list", c.Result, err)
	}
	if len(c.Attempts) != 2 || !errors.Is(c.Attempts[0].Err, fetch.ErrRobots) {
		t.Errorf("first attempt %+v, want a robots.txt refusal", c.Attempts[0])
	}
}
