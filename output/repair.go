package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/citynets/citynets"
)

// ErrNotLocked says an operation that rewrites a committed snapshot was
// called without the store lock.
var ErrNotLocked = errors.New("store lock not held")

// replacedDir holds the previous copy of a snapshot while Repair swaps in
// the repaired one. It is outside tmp/, which a run's Begin empties, and
// outside snapshots/, which users glob: a crash between the two renames
// must leave a complete copy that recovery can put back.
const replacedDir = "replaced"

// RepairRecord is one in-place repair of a snapshot, kept in its manifest
// beside the new file hashes, so the one exception to immutability is
// visible and the previous files can be recognised.
type RepairRecord struct {
	At          time.Time `json:"at"`
	ToolVersion string    `json:"tool_version"`
	// Replaced is how many string values of the four Parquet tables had
	// invalid UTF-8 replaced by U+FFFD.
	Replaced int `json:"replaced"`
	// Files counts the repaired strings per table file (Arrow included).
	Files map[string]int `json:"files"`
	// PreviousFiles is the manifest's files before the repair.
	PreviousFiles map[string]FileInfo `json:"previous_files"`
}

// RepairReport says what Repair did; Replaced is 0, and Files empty, when
// the snapshot had nothing to repair and was left untouched.
type RepairReport struct {
	ID       string
	Replaced int
	Files    map[string]int
}

// Repair rewrites the table files of committed snapshot id with every
// invalid UTF-8 sequence replaced by U+FFFD, the one exception to the
// immutability of snapshots: such a file is unreadable to DuckDB, and to
// every glob over the store that includes it. The raw archive and other
// files are kept as they are. A snapshot with nothing to repair is left
// untouched.
//
// The repaired copy is built and synced in the store's work folder, then
// swapped in: the old folder is renamed aside, the new one into place, and
// the old one removed. A crash at any point leaves the old or the new
// complete snapshot in place once recovery (RollForward, or the next
// Repair) has run. The caller holds the store lock.
func (s *Store) Repair(ctx context.Context, id, toolVersion string) (*RepairReport, error) {
	if s.readOnly {
		return nil, fmt.Errorf("repair %s: %w", id, ErrReadOnly)
	}
	if !s.holdsLock() {
		return nil, fmt.Errorf("repair %s: %w", id, ErrNotLocked)
	}
	if err := s.recoverRepairs(); err != nil {
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	if err := s.mustExist(id); err != nil {
		return nil, err
	}
	dir := s.Path(id)
	m, err := ReadManifest(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	tables, counts, err := readTables(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	rep := &RepairReport{ID: id, Files: counts}
	for _, n := range counts {
		rep.Replaced += n
	}
	for _, name := range []string{MembersArrow, PlacesArrow} {
		n, err := countInvalidStrings(ctx, filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("repair %s: %w", id, err)
		}
		if n > 0 {
			counts[name] = n
		}
	}
	if len(counts) == 0 {
		return rep, nil
	}

	fresh, err := s.repairedCopy(ctx, id, m, RepairRecord{
		At: time.Now().UTC().Truncate(time.Millisecond), ToolVersion: toolVersion,
		Replaced: rep.Replaced, Files: counts, PreviousFiles: m.Files,
	}, tables)
	if err != nil {
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	if err := s.swapIn(id, fresh); err != nil {
		os.RemoveAll(fresh) // gone already if it was moved in
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	if err := s.RefreshCatalog(ctx, id); err != nil {
		return nil, fmt.Errorf("repair %s: %w", id, err)
	}
	return rep, nil
}

// holdsLock reports whether this Store holds the store lock.
func (s *Store) holdsLock() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.locked
}

// repairedCopy writes snapshot id's repaired tables, its other files
// unchanged, and a manifest with the new hashes and rec appended into a
// new synced folder under tmp/, and returns that folder. On error the
// folder is removed.
func (s *Store) repairedCopy(ctx context.Context, id string, m *Manifest, rec RepairRecord, tables *citynets.Tables) (_ string, err error) {
	tmp := filepath.Join(s.dir, tmpDir)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	fresh, err := os.MkdirTemp(tmp, id+".repair.")
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	s.active[fresh] = struct{}{} // not stale while we build it
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.active, fresh)
		s.mu.Unlock()
		if err != nil {
			os.RemoveAll(fresh)
		}
	}()
	if err := os.Chmod(fresh, 0o755); err != nil {
		return "", err
	}

	rows, err := WriteTables(ctx, fresh, id, tables)
	if err != nil {
		return "", err
	}
	if err := copyOtherFiles(s.Path(id), fresh); err != nil {
		return "", err
	}
	for name, f := range m.Files { // the copied files keep their row counts (runs.parquet)
		if _, ok := rows[name]; !ok {
			rows[name] = f.Rows
		}
	}
	files, err := hashFolder(ctx, fresh, rows)
	if err != nil {
		return "", err
	}
	nm := *m
	nm.Files = files
	nm.Repaired = append(slices.Clone(m.Repaired), rec)
	if err := writeManifest(fresh, &nm); err != nil {
		return "", err
	}
	if err := syncDir(fresh); err != nil {
		return "", err
	}
	return fresh, ctx.Err()
}

// copyOtherFiles puts every file of snapshot folder src that is neither a
// table file nor the manifest (the raw archive) into dst, byte for byte:
// as a hard link when the file system allows, else as a synced copy.
func copyOtherFiles(src, dst string) error {
	entries, err := snapshotEntries(src)
	if err != nil {
		return err
	}
	skip := map[string]bool{ManifestFile: true}
	for _, name := range tableFiles() {
		skip[name] = true
	}
	for _, e := range entries {
		if skip[e.name] {
			continue
		}
		if !e.mode.IsRegular() {
			return fmt.Errorf("%w: %s", ErrNotSnapshotContent, e.name)
		}
		from, to := filepath.Join(src, filepath.FromSlash(e.name)), filepath.Join(dst, filepath.FromSlash(e.name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if os.Link(from, to) == nil {
			continue
		}
		if err := copyFile(from, to); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies a file's bytes and mode, synced.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm())
	if err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copy %s: %w", filepath.Base(from), err)
	}
	return nil
}

// asidePath is where swapIn keeps snapshot id's previous folder.
func (s *Store) asidePath(id string) string { return filepath.Join(s.dir, replacedDir, id) }

// swapIn replaces committed snapshot id's folder with fresh: the old
// folder is renamed aside, fresh renamed into place, and the old removed,
// each step synced. Between the two renames no folder is at snapshots/<id>
// but the old one is complete aside, and recoverRepairs puts it back.
func (s *Store) swapIn(id, fresh string) error {
	final, aside := s.Path(id), s.asidePath(id)
	snaps := filepath.Join(s.dir, snapshotsDir)
	if err := os.MkdirAll(filepath.Dir(aside), 0o755); err != nil {
		return err
	}
	if err := os.Rename(final, aside); err != nil {
		return fmt.Errorf("move old copy aside: %w", err)
	}
	if err := syncDirs(snaps, filepath.Dir(aside)); err != nil {
		return putBack(aside, final, err)
	}
	if err := os.Rename(fresh, final); err != nil {
		return putBack(aside, final, fmt.Errorf("move repaired copy in: %w", err))
	}
	if err := syncDirs(snaps, filepath.Dir(fresh)); err != nil {
		return err
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("remove old copy: %w", err)
	}
	os.Remove(filepath.Dir(aside)) // only when empty; best effort
	return syncDir(s.dir)
}

// putBack renames the old copy at aside back to final after the swap
// failed with cause, so the snapshot stays listed without waiting for
// recovery, and returns cause (with where the old copy is, if that fails).
func putBack(aside, final string, cause error) error {
	if err := os.Rename(aside, final); err != nil {
		return fmt.Errorf("%w (and putting the old copy back failed: %w; it is in %s)", cause, err, aside)
	}
	return cause
}

// recoverRepairs finishes swaps a crash interrupted. For each snapshot
// folder left in replaced/: when the snapshot is committed (the repaired
// copy made it into place) the old copy is removed; otherwise the old,
// complete copy is renamed back into snapshots/. The caller holds the
// store lock.
func (s *Store) recoverRepairs() error {
	dir := filepath.Join(s.dir, replacedDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("recover repairs: %w", err)
	}
	for _, e := range entries {
		id := e.Name()
		if checkID(id) != nil || !e.IsDir() {
			continue // not something swapIn leaves; leave it be
		}
		aside := filepath.Join(dir, id)
		if s.committed(id) {
			err = os.RemoveAll(aside)
		} else {
			err = os.Rename(aside, s.Path(id))
		}
		if err != nil {
			return fmt.Errorf("recover repair of %s: %w", id, err)
		}
	}
	if err := syncDirs(filepath.Join(s.dir, snapshotsDir), dir); err != nil {
		return fmt.Errorf("recover repairs: %w", err)
	}
	os.Remove(dir) // only when empty; best effort
	return nil
}

// syncDirs syncs each folder in turn.
func syncDirs(dirs ...string) error {
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}
