package faultsuite

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkPoliteness measures what a polite run wastes: against the fake
// with a 200 ms delay per request, a run cannot beat (pages of the
// slowest domain × delay), since each domain is fetched one request at a
// time and domains in parallel; waste_% is how far the whole run's wall
// time (process start to exit: start-up, fetching, matching, writing) is
// above that.
//
//	go test -run '^$' -bench Politeness -benchtime 1x ./internal/faultsuite/
func BenchmarkPoliteness(b *testing.B) {
	s := setup(b)
	const delay = 200 * time.Millisecond
	for b.Loop() {
		b.StopTimer()
		fake, err := New(s.pages, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		store := b.TempDir()
		b.StartTimer()
		r := s.exec(context.Background(), fake.Env(), s.runCmd(store, "--delay", delay.String(), "--timeout", "10s")...)
		b.StopTimer()
		if r.code != 0 {
			b.Fatalf("exit %d\n%s", r.code, tail(r.stderr, 2000))
		}
		pages := map[string]int{}
		for _, req := range fake.Requests("") {
			if req.Target != "/robots.txt" {
				pages[req.Host]++
			}
		}
		fake.Close()
		slowest, host := 0, ""
		var hosts []string
		for h, n := range pages {
			hosts = append(hosts, h)
			if n > slowest {
				slowest, host = n, h
			}
		}
		sort.Strings(hosts)
		ideal := time.Duration(slowest) * delay
		waste := 100 * (r.took.Seconds()/ideal.Seconds() - 1)
		b.ReportMetric(r.took.Seconds(), "wall_s")
		b.ReportMetric(ideal.Seconds(), "bound_s")
		b.ReportMetric(waste, "waste_%")
		b.Logf("%d domains in parallel (%s); slowest %s: %d pages × %s = %s; run took %s; waste %.1f%%",
			len(hosts), strings.Join(hosts, ", "), host, slowest, delay, ideal, r.took.Round(time.Millisecond), waste)
		b.StartTimer()
	}
}
