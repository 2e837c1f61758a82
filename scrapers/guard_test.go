package scrapers

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers/fetch"
)

func members(n int, country string) []citynets.Member {
	ms := make([]citynets.Member, n)
	for i := range ms {
		ms[i] = citynets.Member{Name: fmt.Sprintf("City %d", i), CountryPublished: country, MemberType: citynets.TypeCity}
	}
	return ms
}

func TestGuardCheck(t *testing.T) {
	g := Guard{MinMembers: 10, Observed: "12 on 2026-11", Required: []string{"name", "country"}}
	cases := []struct {
		name     string
		res      Result
		lastGood int
		want     string // "" = passes
	}{
		{"ok", Result{Members: members(12, "X")}, 12, ""},
		{"zero", Result{}, 0, "zero members parsed"},
		{"below floor", Result{Members: members(9, "X")}, 0, "below the floor of 10 (observed 12 on 2026-11)"},
		{"drop", Result{Members: members(11, "X")}, 20, "down from 20"},
		{"drop within default 20%", Result{Members: members(16, "X")}, 20, ""},
		{"claimed exact", Result{Members: members(12, "X"), Claims: []Claim{{URL: "u", Count: 13, Parsed: 12}}}, 0, "u claims 13 members but 12 were parsed"},
		{"claimed at least", Result{Members: members(12, "X"), Claims: []Claim{{URL: "u", Count: 10, Parsed: 12, AtLeast: true}}}, 0, ""},
		{"claimed at least short", Result{Members: members(12, "X"), Claims: []Claim{{URL: "u", Count: 80, Parsed: 12, AtLeast: true}}}, 0, "claims over 80"},
		{"required", Result{Members: members(12, "")}, 0, "12 of 12 members lack required field country"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := g.Check(&c.res, c.lastGood)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("unexpected failure: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want a failure containing %q", err, c.want)
			}
		})
	}
}

func TestClaimedTolerance(t *testing.T) {
	g := Guard{ClaimedTolerance: 0.05}
	res := &Result{Members: members(96, "X"), Claims: []Claim{{URL: "u", Count: 100, Parsed: 96}}}
	if err := g.Check(res, 0); err != nil {
		t.Errorf("96 of a claimed 100 within 5%%: %v", err)
	}
	res.Claims[0].Parsed = 94
	if err := g.Check(res, 0); err == nil {
		t.Error("94 of a claimed 100 passed a 5% tolerance")
	}
}

func TestReason(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{&fetch.HTTPError{URL: "https://x/", Status: 403}, "blocked: "},
		{fmt.Errorf("fetch: %w", fetch.ErrRobots), "disallowed by robots.txt"},
		{&GuardError{Reason: "zero members parsed"}, "guard: zero members parsed"},
		{&fetch.HTTPError{URL: "https://x/", Status: 500}, "HTTP 500"},
		{errors.Join(errors.New("variant a: boom"), errors.New("variant b: bang")), "variant a: boom; variant b: bang"},
		// Collect's verdict when every variant fails its guard: both
		// variants and both reasons, on one line.
		{errors.Join(fmt.Errorf("variant a: %w", &GuardError{Reason: "2 members"}), fmt.Errorf("variant b: %w", &GuardError{Reason: "1 members"})),
			"variant a: guard: 2 members; variant b: guard: 1 members"},
	}
	for _, c := range cases {
		got := Reason(c.err)
		if !strings.Contains(got, c.want) || strings.Contains(got, "\n") {
			t.Errorf("Reason(%v) = %q, want one line containing %q", c.err, got, c.want)
		}
	}
}
