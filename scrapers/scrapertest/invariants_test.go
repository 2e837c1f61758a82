package scrapertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
)

// recorder is a testing.TB that keeps the failures it is told of.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckInvariants checks that each broken invariant is reported, and a
// sound member is not.
func TestCheckInvariants(t *testing.T) {
	const src = "https://example.org/members"
	served := map[string]*fetch.Page{src: {URL: src}}
	good := citynets.Member{Network: "x", Name: "Bonn", MemberKey: "bonn", MemberType: citynets.TypeCity,
		SourceURL: src, SourceSHA256: "ab", MemberSince: time.Date(2003, 1, 1, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		name string
		edit func(*citynets.Member)
		want string // "" when nothing may be reported
	}{
		{"sound", func(*citynets.Member) {}, ""},
		{"network", func(m *citynets.Member) { m.Network = "y" }, "member of network"},
		{"empty name", func(m *citynets.Member) { m.Name = "" }, "not clean"},
		{"unclean name", func(m *citynets.Member) { m.Name = "Bad  Godesberg" }, "not clean"},
		{"no key", func(m *citynets.Member) { m.MemberKey = "" }, "no key"},
		{"type", func(m *citynets.Member) { m.MemberType = "town" }, "member type"},
		{"unserved source", func(m *citynets.Member) { m.SourceURL = src + "/2" }, "never served"},
		{"no hash", func(m *citynets.Member) { m.SourceSHA256 = "" }, "no source hash"},
		{"local date", func(m *citynets.Member) { m.MemberSince = m.MemberSince.In(time.FixedZone("CET", 3600)) }, "not a UTC date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			tt.edit(&m)
			other := good
			other.Name, other.MemberKey = "Kyoto", "kyoto"
			r := &recorder{TB: t}
			CheckInvariants(r, scrapers.Network{ID: "x"}, &scrapers.Result{Members: []citynets.Member{other, m}}, served)
			switch {
			case tt.want == "" && len(r.errs) > 0:
				t.Errorf("reported %q for a sound member", r.errs)
			case tt.want != "" && (len(r.errs) != 1 || !strings.Contains(r.errs[0], tt.want)):
				t.Errorf("reported %q, want one failure containing %q", r.errs, tt.want)
			}
		})
	}
}

// TestCheckInvariantsKeyTwice checks that a key given to two members is
// reported once, at the second.
func TestCheckInvariantsKeyTwice(t *testing.T) {
	const src = "https://example.org/members"
	m := citynets.Member{Network: "x", Name: "Bonn", MemberKey: "bonn", MemberType: citynets.TypeCity, SourceURL: src, SourceSHA256: "ab"}
	r := &recorder{TB: t}
	CheckInvariants(r, scrapers.Network{ID: "x"}, &scrapers.Result{Members: []citynets.Member{m, m}},
		map[string]*fetch.Page{src: {URL: src}})
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], `key "bonn" twice`) {
		t.Errorf("reported %q, want the key twice", r.errs)
	}
}
