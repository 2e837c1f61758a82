// Command mksample builds the bundled sample archive from every network's
// testdata/sample fixture case, so `make demo` can run the nightly job
// offline. The pages are reconstructions (see each fixture's first comment),
// not captures.
//
//	go run ./examples/mksample -o examples/sample.warc.gz
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/citynets/citynets/scrapers"
	_ "github.com/citynets/citynets/scrapers/all"
	"github.com/citynets/citynets/scrapers/fetch"
	"github.com/citynets/citynets/scrapers/scrapertest"
)

func main() {
	out := flag.String("o", "examples/sample.warc.gz", "archive to write")
	root := flag.String("scrapers", "scrapers", "the scrapers folder")
	flag.Parse()
	if err := build(*root, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mksample:", err)
		os.Exit(1)
	}
}

func build(root, out string) error {
	var pages []fetch.FixturePage
	for _, id := range scrapers.IDs() {
		ps, err := scrapertest.FixturePages(filepath.Join(root, id, "testdata", "sample"))
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		pages = append(pages, ps...)
	}
	if err := fetch.WriteFixtureWARC(out, pages); err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d pages from %d networks\n", out, len(pages), len(scrapers.IDs()))
	return nil
}
