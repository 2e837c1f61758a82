package enrich

import (
	"testing"

	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/internal/sharedtest"
)

// BenchmarkMatchExact resolves names that match a place's name exactly
// (target: at least 100,000 names per second on one core).
func BenchmarkMatchExact(b *testing.B) {
	m := testMatcher(b)
	names := [][2]string{
		{"London", "United Kingdom"}, {"Paris", "France"}, {"Newark", "United States"},
		{"Teresina", "Brazil"}, {"Surabaya", "Indonesia"}, {"Edmonton", "Canada"},
		{"Madrid", "Spain"}, {"Bologna", "Italy"}, {"Kandahar", "Afghanistan"}, {"Seoul", "KR"},
	}
	for _, n := range names {
		if r := m.Resolve(n[0], n[1]); r.Match.Method != "exact" {
			b.Fatalf("%s: %s", n[0], r.Match.Method)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		n := names[i%len(names)]
		m.Resolve(n[0], n[1])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "names/s")
}

// BenchmarkMatchGovForm resolves names wrapped in government words.
func BenchmarkMatchGovForm(b *testing.B) {
	m := testMatcher(b)
	names := [][2]string{
		{"City of Newark, CA", "United States"}, {"Municipality of Teresina", "Brazil"},
		{"Kalyan Dombivali Municipal Corporation", "India"}, {"Ajuntament de València", "Spain"},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n := names[i%len(names)]
		m.Resolve(n[0], n[1])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "names/s")
}

// missNames match no place: the matcher tries every form, the twin split
// and the fuzzy search before giving up, so they are the slowest names.
var missNames = [][2]string{
	{"Xyzzyville", "United States"}, {"Tenali Municipal Corporation", "India"},
	{"Quarrendonshire", "United Kingdom"}, {"Kowloonbayside", "China"},
	{"Amalgamated Territorial Community of Zzzorivka", "Ukraine"},
	{"Bloemfonteinstad", "South Africa"}, {"Municipalidad de Xochiquetzalco", "Mexico"},
	{"Vrbnikovac Donji", "Croatia"}, {"Gemeinde Oberunterhausenbach", "Germany"},
	{"Comune di Pizzighettonese", "Italy"},
}

// BenchmarkMatchMiss resolves names that match nothing (target: ≤ 100 µs
// a name on one core, run with -cpu 1). The fuzzy indexes of the
// countries are built before timing, as they are after a run's first
// few names.
func BenchmarkMatchMiss(b *testing.B) {
	m := testMatcher(b)
	for _, n := range missNames {
		if r := m.Resolve(n[0], n[1]); r.Match.Resolved() {
			b.Fatalf("%s: matched %s %s", n[0], r.Match.PlaceName, r.Match.Method)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		n := missNames[i%len(missNames)]
		m.Resolve(n[0], n[1])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "names/s")
}

// BenchmarkMatchBatch resolves every row of the eval's dev split (see
// eval_test.go), as geocode --batch does, with a fresh matcher each time so
// the lazily built fuzzy indexes are paid for; the gazetteer itself is
// decoded once. It skips without the shared folder (outside CI).
func BenchmarkMatchBatch(b *testing.B) {
	rows := readEval(b, sharedtest.Path(b, "eval/name_variants.dev.csv"))
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	o, err := DefaultOverrides()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := NewMatcher(g, o)
		for _, r := range rows {
			m.Resolve(r.variant, r.iso2)
		}
	}
	b.ReportMetric(float64(b.N*len(rows))/b.Elapsed().Seconds(), "names/s")
}
