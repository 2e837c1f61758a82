package all

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/citynets/citynets/scrapers"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

// BenchmarkParseSample parses every network's sample pages from memory:
// the cost of the spec engine and goquery alone, without fetching. The
// target is a full pass over all five networks under 200 ms.
func BenchmarkParseSample(b *testing.B) {
	type job struct {
		s     *scrapers.Scraper
		pages int
	}
	var jobs []job
	for _, n := range scrapers.All() {
		dir := filepath.Join("..", n.ID, "testdata", "sample")
		f, err := scrapertest.LoadCase(dir)
		if err != nil {
			b.Fatal(err)
		}
		spec, err := scrapers.LoadSpec(n, filepath.Join(dir, "specs"))
		if err != nil {
			b.Fatal(err)
		}
		jobs = append(jobs, job{&scrapers.Scraper{Network: n, Spec: spec, Fetcher: f, AsOf: scrapertest.FetchedAt}, len(f.Pages)})
	}
	b.ReportAllocs()
	members, pages := 0, 0
	for b.Loop() {
		members, pages = 0, 0
		for _, j := range jobs {
			res, err := j.s.Run(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			members += len(res.Members)
			pages += res.Pages
		}
	}
	b.ReportMetric(float64(members), "members")
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkReplaySample runs every network through the real fetching layer
// (colly collector, transport, replay) over the bundled sample archive.
func BenchmarkReplaySample(b *testing.B) {
	replay, err := fetch.OpenReplay("../../examples/sample.warc.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range scrapers.All() {
			spec, err := scrapers.LoadSpec(n, "../../examples/specs")
			if err != nil {
				b.Fatal(err)
			}
			cfg := fetch.Config{AllowedDomains: spec.AllowedDomains, Offline: true}
			f, err := fetch.NewFetcher(cfg, fetch.NewTransport(replay, cfg, nil, nil))
			if err != nil {
				b.Fatal(err)
			}
			s := &scrapers.Scraper{Network: n, Spec: spec, Fetcher: f, AsOf: scrapertest.FetchedAt}
			if _, err := s.Run(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	}
}
