package enrich

import (
	"sync"
	"testing"

	"github.com/citynets/citynets/enrich/gazetteer"
)

// sharedMatcher is built once per test binary: decoding the gazetteer
// takes a tenth of a second and every test reads the same one.
var sharedMatcher = sync.OnceValues(func() (*Matcher, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	o, err := DefaultOverrides()
	if err != nil {
		return nil, err
	}
	return NewMatcher(g, o), nil
})

func testMatcher(t testing.TB) *Matcher {
	t.Helper()
	m, err := sharedMatcher()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
