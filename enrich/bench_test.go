package enrich

import "testing"

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
