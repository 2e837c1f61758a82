package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
)

// knownFromFile is KnownFrom for members read from a network's known.txt.
const knownFromFile = "known.txt"

// knownMembers are the members self-repair looks for: the network's rows
// in the parent snapshot that were scraped there (else its carried rows,
// which are the last good snapshot's), and without a parent the network's
// known.txt. from names where they came from.
func (p *snapshot) knownMembers(n scrapers.Network) (known []scrapers.KnownMember, from string) {
	rows := p.members(n.ID)
	var fresh, carried []scrapers.KnownMember
	carriedFrom := ""
	for _, m := range rows {
		k := scrapers.KnownMember{Name: m.Name, Country: m.CountryPublished}
		if m.Stale {
			carried, carriedFrom = append(carried, k), m.CarriedFrom
		} else {
			fresh = append(fresh, k)
		}
	}
	switch {
	case len(fresh) > 0:
		return fresh, p.id
	case len(carried) > 0:
		return carried, carriedFrom
	}
	return n.KnownMembers(), knownFromFile
}

// KnownMembers returns the members self-repair would look for in network
// n: its rows in the store's newest snapshot, or its known.txt when the
// store has none (or cannot be read: check must work without a store).
// from names the snapshot, or "known.txt".
func KnownMembers(ctx context.Context, storeDir string, n scrapers.Network) ([]scrapers.KnownMember, string) {
	var parent *snapshot
	if store, err := output.OpenStoreReadOnly(storeDir); err == nil {
		if id, err := store.Latest(); err == nil {
			if snap, err := store.Snapshot(ctx, id); err == nil {
				if t, err := snap.Tables(ctx); err == nil {
					parent = &snapshot{id: snap.ID, manifest: snap.Manifest, tables: t}
				}
			}
		}
	}
	return parent.knownMembers(n)
}

// logRepaired says loudly that a network was read with an induced spec:
// the site changed, and a person should look at the stored spec and turn
// it into a reviewed one.
func logRepaired(log *slog.Logger, oc outcome, path string) {
	rep := oc.collection.Repair
	log.With("network", oc.net.ID).Warn("network repaired: its spec no longer matched the site; an induced structure passed the guard",
		"spec", path, "known_found", rep.KnownFound, "known_total", rep.KnownTotal, "known_from", oc.knownFrom,
		"members", len(oc.result.Members), "failed_variant", rep.Variant)
}

// repairInfo is the manifest's record of a repaired network.
func repairInfo(oc outcome) *output.RepairInfo {
	rep := oc.collection.Repair
	info := &output.RepairInfo{
		Spec: oc.specPath, Variant: rep.Variant, Recall: rep.Recall(),
		KnownFound: rep.KnownFound, KnownTotal: rep.KnownTotal, KnownFrom: oc.knownFrom,
		Records: len(oc.result.Members),
	}
	for _, s := range rep.Sources {
		if !s.Induced {
			continue
		}
		info.Items = append(info.Items, s.Name+": "+s.Items)
		for _, r := range s.Evidence.Samples {
			sample := r.Name
			if r.Country != "" {
				sample += " (" + r.Country + ")"
			}
			info.Samples = append(info.Samples, sample)
		}
		for i, a := range s.Evidence.Alternatives {
			if i == 3 {
				break
			}
			info.Alternatives = append(info.Alternatives, fmt.Sprintf("%s: %s", a.Items, a.Why))
		}
	}
	return info
}

// writeSpecs stores in the snapshot being written the spec each network
// was read with when it was not a reviewed one: the induced spec of a
// repaired network, or the stored spec a rebuild read back, so that the
// snapshot can be rebuilt in turn.
// The run log names each repaired network's spec by the path it will
// have once the snapshot is committed in final.
func (o *Options) writeSpecs(txn *output.Txn, final string, outcomes []outcome) error {
	for i := range outcomes {
		oc := &outcomes[i]
		if oc.storeSpec == nil {
			continue
		}
		p, err := txn.WriteSpec(oc.net.ID, oc.storeSpec)
		if err != nil {
			return err
		}
		oc.specPath = p
		if oc.collection != nil && oc.collection.Repaired {
			logRepaired(o.Logger, *oc, filepath.Join(final, filepath.FromSlash(p)))
		}
	}
	return nil
}

// sha256Hex is the hex SHA-256 of b, as the manifest records spec hashes.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// loadSpecFile reads the spec file path for network n.
func loadSpecFile(n scrapers.Network, path string) (*scrapers.Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read stored spec: %w", err)
	}
	s, err := scrapers.ParseSpec(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.ID != n.ID {
		return nil, fmt.Errorf("%w: %s: spec id %q is not network %q", scrapers.ErrSpec, path, s.ID, n.ID)
	}
	return s, nil
}

// storedSpecs maps each network of a snapshot that was read with a spec
// stored in it to that file.
func storedSpecs(snapDir string, m *output.Manifest) map[string]string {
	files := map[string]string{}
	for id, s := range m.Specs {
		if s.File != "" {
			files[id] = filepath.Join(snapDir, filepath.FromSlash(s.File))
		}
	}
	return files
}
