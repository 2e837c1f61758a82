package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/citynets/citynets/enrich/gazetteer"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers/fetch"
)

// BenchmarkStoreGrowth measures what a night adds to a store: the archive
// (raw.warc.gz), the tables (Parquet and Arrow) and the store as a whole
// (snapshot folder plus catalog), each per night, as issue 14 asks.
//
// demo-30 commits the demo's night once and then replays the same archive
// (examples/sample.warc.gz with examples/specs, as `make demo`) 30 more
// times: the metrics are the mean of those 30 unchanged nights. members-5000
// is one night of 5,000 members: real places from the embedded gazetteer
// listed as one UCLG ASPAC membership table, read by the real scraper,
// matched and committed. Each file's size is logged too (-v).
//
//	go test -run '^$' -bench StoreGrowth -benchtime 1x -v ./internal/pipeline/
func BenchmarkStoreGrowth(b *testing.B) {
	cases := []struct {
		name   string
		nights int // counted nights, after one uncounted first night
		setup  func(b *testing.B) Options
	}{
		{"demo-30", 30, func(*testing.B) Options {
			return Options{Replay: "../../examples/sample.warc.gz", SpecsDir: "../../examples/specs"}
		}},
		{"members-5000", 0, func(b *testing.B) Options { return largeNight(b, 5000) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			o := c.setup(b)
			for b.Loop() {
				g := measureNights(b, o, c.nights)
				b.ReportMetric(g.archive, "archive_B/night")
				b.ReportMetric(g.tables, "tables_B/night")
				b.ReportMetric(g.store, "store_B/night")
			}
		})
	}
}

// growth is what one night added, in bytes (a mean over nights).
type growth struct{ archive, tables, store float64 }

// measureNights runs o into a fresh store once, then nights more times,
// and returns the mean growth of the counted nights (of the first night
// when nights is 0).
func measureNights(b *testing.B, o Options, nights int) growth {
	b.Helper()
	o.StoreDir = b.TempDir()
	ctx := context.Background()
	var sum growth
	runs := max(nights, 1)
	for i := range nights + 1 {
		before := treeBytes(b, o.StoreDir)
		rep, err := Run(ctx, o)
		if err != nil {
			b.Fatalf("night %d: %v", i, err)
		}
		if nights > 0 && i == 0 {
			continue
		}
		files := snapshotFiles(b, filepath.Join(o.StoreDir, "snapshots", rep.SnapshotID))
		sum.archive += float64(files[output.RawWARC])
		for name, n := range files {
			if strings.HasSuffix(name, ".parquet") || strings.HasSuffix(name, ".arrow") {
				sum.tables += float64(n)
			}
		}
		sum.store += float64(treeBytes(b, o.StoreDir) - before)
		if i == nights {
			logFiles(b, rep, files)
		}
	}
	return growth{sum.archive / float64(runs), sum.tables / float64(runs), sum.store / float64(runs)}
}

// logFiles logs the size of each file of the last night's snapshot.
func logFiles(b *testing.B, rep *Report, files map[string]int64) {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	var lines []string
	for _, name := range names {
		lines = append(lines, fmt.Sprintf("%s %d", name, files[name]))
	}
	members := 0
	for _, n := range rep.Manifest.Networks {
		members += n.Members
	}
	b.Logf("snapshot %s, %d members: %s", rep.SnapshotID, members, strings.Join(lines, ", "))
}

// snapshotFiles returns the size of every file in a snapshot folder, by name.
func snapshotFiles(b *testing.B, dir string) map[string]int64 {
	b.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	out := map[string]int64{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		if info.Mode().IsRegular() {
			out[e.Name()] = info.Size()
		}
	}
	return out
}

// treeBytes sums the sizes of the regular files under dir, each file
// linked under several names (schema.json shared by snapshots) once, as
// du counts them.
func treeBytes(b *testing.B, dir string) int64 {
	b.Helper()
	var n int64
	seen := map[[2]uint64]bool{}
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if key, ok := inode(info); ok {
			if seen[key] {
				return nil
			}
			seen[key] = true
		}
		n += info.Size()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// largeNight returns options for a night of n members: the n most
// populous places of the embedded gazetteer, listed by name and country on
// one UCLG ASPAC membership page archived as the replay, read with that
// source alone (CEMR's page is not in the archive) so the network's guard
// passes.
func largeNight(b *testing.B, n int) Options {
	b.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	places := make([]*gazetteer.Place, g.Len())
	for i := range places {
		places[i] = g.At(i)
	}
	slices.SortStableFunc(places, func(x, y *gazetteer.Place) int { return cmp.Compare(y.Population, x.Population) })
	var page strings.Builder
	page.WriteString(`<html><body><div class="entry-content"><div class="wp-block-group"><h2>Cities and Local Governments</h2><table>` + "\n")
	seen := map[string]bool{}
	count := 0
	for _, p := range places {
		if count == n {
			break
		}
		country := gazetteer.CountryName(p.CountryCode)
		if seen[p.Name+"/"+country] || country == "" {
			continue
		}
		seen[p.Name+"/"+country] = true
		count++
		fmt.Fprintf(&page, "<tr><td>%s</td><td>%s</td></tr>\n", html.EscapeString(country), html.EscapeString(p.Name))
	}
	page.WriteString("</table></div></div></body></html>\n")
	if count < n {
		b.Fatalf("gazetteer has only %d distinct places", count)
	}

	dir := b.TempDir()
	replay := filepath.Join(dir, "large.warc.gz")
	pages := []fetch.FixturePage{{URL: "https://uclg-aspac.org/list-of-members", ContentType: "text/html; charset=utf-8", Body: []byte(page.String())}}
	if err := fetch.WriteFixtureWARC(replay, pages); err != nil {
		b.Fatal(err)
	}
	specs := filepath.Join(dir, "specs")
	if err := os.Mkdir(specs, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(specs, "uclg.yaml"), []byte(largeSpec), 0o644); err != nil {
		b.Fatal(err)
	}
	return Options{Replay: replay, SpecsDir: specs, Networks: "uclg"}
}

// largeSpec is scrapers/uclg/spec.yaml's UCLG ASPAC source alone.
const largeSpec = `id: uclg
allowed_domains: [uclg-aspac.org]
variants:
  - name: aspac-only
    sources:
      - name: uclg-aspac
        start: ["https://uclg-aspac.org/list-of-members"]
        group: ".entry-content .wp-block-group"
        group_fields:
          member_type: {select: "h2, h3", pattern: '^(.+?)(?:\s*\(\d+\))?$'}
        items: "table tr:has(td)"
        fields:
          country: {select: "td:nth-of-type(1)"}
          name: {select: "td:nth-of-type(2)"}
        network_region: "Asia-Pacific (UCLG ASPAC)"
        type_map:
          "Cities and Local Governments": city
        dedupe: true
guard:
  min_members: 80
  max_drop: 0.2
  required: [name, country]
`
