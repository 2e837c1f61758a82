package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/citynets/citynets/internal/atomicfile"
)

// rescue is what prune must move out of a snapshot before removing it:
// the records of payloads a kept snapshot refers to and no kept archive
// holds.
type rescue map[string][]ArchiveRecord // by snapshot id

// planRescue finds, for the snapshots about to be removed, the records
// that kept snapshots' revisits need. A payload is taken from the oldest
// removed snapshot holding it, once.
func (s *Store) planRescue(ctx context.Context, kept, doomed []string) (rescue, error) {
	needed, held := map[string]bool{}, map[string]bool{}
	for _, name := range s.keptArchives(kept) {
		recs, err := s.scanArchive(name)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			switch {
			case r.Type == "response":
				held[r.Digest] = true
			case r.Revisit():
				needed[r.Digest] = true
			}
		}
	}
	plan := rescue{}
	for _, id := range doomed {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		recs, err := s.scanArchive(snapshotsDir + "/" + id + "/" + RawWARC)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if r.Type == "response" && needed[r.Digest] && !held[r.Digest] {
				plan[id] = append(plan[id], r)
				held[r.Digest] = true
			}
		}
	}
	return plan, nil
}

// keptArchives are the archives that stay: the kept snapshots' and those
// in payloads/.
func (s *Store) keptArchives(kept []string) []string {
	var out []string
	if moved, err := os.ReadDir(filepath.Join(s.dir, PayloadsDir)); err == nil {
		for _, e := range moved {
			if strings.HasSuffix(e.Name(), ".warc.gz") {
				out = append(out, PayloadsDir+"/"+e.Name())
			}
		}
	}
	for _, id := range kept {
		out = append(out, snapshotsDir+"/"+id+"/"+RawWARC)
	}
	return out
}

// moveRecords copies the records snapshot id must hand on, byte for byte
// (their gzip members, so record ids and digests stay what revisits refer
// to), after its warcinfo record, into payloads/<id>.warc.gz, atomically
// and synced: only then may the snapshot go.
func (s *Store) moveRecords(id string, recs []ArchiveRecord) error {
	if len(recs) == 0 {
		return nil
	}
	raw, err := readSmall(filepath.Join(s.Path(id), RawWARC), maxArchive)
	if err != nil {
		return err
	}
	all, err := ScanArchive(raw)
	if err != nil {
		return err
	}
	if err := ensureDir(filepath.Join(s.dir, PayloadsDir)); err != nil {
		return err
	}
	path := filepath.Join(s.dir, PayloadsDir, id+".warc.gz")
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return err
	}
	defer f.Abort()
	if i := slices.IndexFunc(all, func(r ArchiveRecord) bool { return r.Type == "warcinfo" }); i >= 0 {
		recs = append([]ArchiveRecord{all[i]}, recs...)
	}
	for _, r := range recs {
		if _, err := f.Write(raw[r.Offset : r.Offset+r.Length]); err != nil {
			return err
		}
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("move payloads of %s: %w", id, err)
	}
	return nil
}

// dropUnreferenced removes files of payloads/ that no remaining snapshot
// refers to any more.
func (s *Store) dropUnreferenced(ctx context.Context) error {
	ids, err := s.List()
	if err != nil {
		return err
	}
	needed := map[string]bool{}
	for _, id := range ids {
		recs, err := s.scanArchive(snapshotsDir + "/" + id + "/" + RawWARC)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Revisit() {
				needed[r.Digest] = true
			}
		}
	}
	for _, name := range s.keptArchives(nil) {
		if err := ctx.Err(); err != nil {
			return err
		}
		recs, err := s.scanArchive(name)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(recs, func(r ArchiveRecord) bool { return r.Type == "response" && needed[r.Digest] }) {
			if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(name))); err != nil {
				return err
			}
		}
	}
	return nil
}
