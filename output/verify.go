package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/citynets/citynets"
)

// VerifyError lists everything wrong with one snapshot (or with LATEST,
// when ID is "LATEST"), so one verify run reports all damage at once.
type VerifyError struct {
	ID       string
	Problems []string
}

// Error lists every problem found.
func (e *VerifyError) Error() string {
	return fmt.Sprintf("verify %s: %d problem(s): %s", e.ID, len(e.Problems), strings.Join(e.Problems, "; "))
}

// Unwrap lets callers test for ErrVerify.
func (e *VerifyError) Unwrap() error { return ErrVerify }

// tableFiles are the table files every committed snapshot has, which a
// repair rewrites.
func tableFiles() []string {
	return []string{MembersParquet, PlacesParquet, ChangesParquet, HistoryParquet, MembersArrow, PlacesArrow}
}

// requiredFiles are the files a snapshot of schema version v must list in
// its manifest: the tables, and since version 2 runs.parquet and
// schema.json.
func requiredFiles(v string) []string {
	if slices.Contains(citynets.LegacySchemaVersions(), v) {
		return tableFiles()
	}
	return append(tableFiles(), RunsParquet, SchemaJSON)
}

// Verify re-hashes every file of snapshot id against its manifest, checks
// sizes and row counts (from the Parquet footers and Arrow batches), that
// the tables carry this snapshot's id, that no file is missing or extra,
// that LATEST names a committed snapshot, and that the catalog
// (index.json) lists exactly the committed snapshots as their manifests
// describe them. It returns a *VerifyError
// listing every mismatch.
func (s *Store) Verify(ctx context.Context, id string) error {
	var problems []string
	if err := s.mustExist(id); err != nil {
		return err
	}
	p, err := s.verifySnapshot(ctx, id)
	if err != nil {
		return err
	}
	problems = append(problems, p...)
	problems = append(problems, s.verifyLatest()...)
	cp, err := s.verifyCatalog(ctx)
	if err != nil {
		return err
	}
	problems = append(problems, cp...)
	if len(problems) > 0 {
		return &VerifyError{ID: id, Problems: problems}
	}
	return nil
}

// VerifyAll verifies every committed snapshot and LATEST, and joins the
// errors of all that failed.
func (s *Store) VerifyAll(ctx context.Context) error {
	ids, err := s.List()
	if err != nil {
		return err
	}
	var errs []error
	idx := &lazyIndex{}
	for _, id := range ids {
		p, err := s.verifySnapshotWith(ctx, id, idx)
		if err != nil {
			return err
		}
		if len(p) > 0 {
			errs = append(errs, &VerifyError{ID: id, Problems: p})
		}
	}
	if p := s.verifyLatest(); len(p) > 0 {
		errs = append(errs, &VerifyError{ID: latestFile, Problems: p})
	}
	p, err := s.verifyCatalog(ctx)
	if err != nil {
		return err
	}
	if len(p) > 0 {
		errs = append(errs, &VerifyError{ID: IndexFile, Problems: p})
	}
	return errors.Join(errs...)
}

// verifySnapshot returns the problems of one snapshot; the error is only
// for a cancelled context.
func (s *Store) verifySnapshot(ctx context.Context, id string) ([]string, error) {
	return s.verifySnapshotWith(ctx, id, &lazyIndex{})
}

// verifySnapshotWith is verifySnapshot reading the payload index through
// idx, which VerifyAll shares between snapshots.
func (s *Store) verifySnapshotWith(ctx context.Context, id string, idx *lazyIndex) ([]string, error) {
	dir := s.Path(id)
	m, err := ReadManifest(filepath.Join(dir, ManifestFile))
	if err != nil {
		return []string{err.Error()}, nil
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if m.ID != id {
		add("manifest.json: id %q, folder is %q", m.ID, id)
	}
	problems = append(problems, manifestFieldProblems(m)...)
	for _, name := range requiredFiles(m.SchemaVersion) {
		if _, ok := m.Files[name]; !ok {
			add("%s: not in manifest", name)
		}
	}

	// The folder holds files and one folder, specs/ (induced specs of
	// repaired networks), whose files are listed as specs/<name>.
	entries, err := snapshotEntries(dir)
	if err != nil {
		return append(problems, fmt.Sprintf("read folder: %v", err)), nil
	}
	onDisk := map[string]bool{}
	for _, e := range entries {
		if !e.mode.IsRegular() {
			add("%s: %s, not a regular file", e.name, kindOf(e.mode))
			continue // never hashed or read: it may point outside the store
		}
		onDisk[e.name] = true
		if e.name != ManifestFile {
			if _, ok := m.Files[e.name]; !ok {
				add("%s: not in manifest", e.name)
			}
		}
	}

	for _, name := range slices.Sorted(maps.Keys(m.Files)) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		want := m.Files[name]
		if !onDisk[name] {
			add("%s: missing", name)
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		sum, n, err := hashFile(path, false)
		if err != nil {
			add("%s: %v", name, err)
			continue
		}
		if n != want.Bytes {
			add("%s: %d bytes, manifest says %d", name, n, want.Bytes)
		}
		if sum != want.SHA256 {
			add("%s: sha256 %s, manifest says %s", name, sum, want.SHA256)
		}
		var meta FileMeta
		switch filepath.Ext(name) {
		case ".parquet":
			meta, err = ReadParquetMeta(path)
		case ".arrow":
			meta, err = ReadArrowMeta(path)
		default:
			continue
		}
		if err != nil {
			add("%s: unreadable: %v", name, err)
			continue
		}
		if meta.Rows != want.Rows {
			add("%s: %d rows, manifest says %d", name, meta.Rows, want.Rows)
		}
		if meta.SnapshotID != id {
			add("%s: carries snapshot id %q", name, meta.SnapshotID)
		}
		if err := verifyStrings(ctx, path, add); err != nil {
			return nil, err
		}
	}
	problems = append(problems, s.verifyRevisits(ctx, id, idx)...)
	return problems, nil
}

// verifyLatest returns what is wrong with LATEST: it must name a committed
// snapshot once any snapshot exists.
func (s *Store) verifyLatest() []string {
	_, err := s.Latest()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNoSnapshots):
		if ids, _ := s.List(); len(ids) > 0 {
			return []string{"LATEST is missing but the store has snapshots"}
		}
		return nil
	default:
		return []string{err.Error()}
	}
}

// kindOf names a non-regular folder entry for a problem message.
func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeSymlink != 0:
		return "a symlink"
	case t.IsDir():
		return "a folder"
	}
	return "a special file"
}

// knownStatus reports whether a manifest may hold network status st,
// including those newer code writes (repaired, degraded), so older
// snapshots and newer ones verify alike.
func knownStatus(st string) bool {
	switch st {
	case StatusOK, StatusRepaired, StatusDegraded, StatusFailed, StatusSkipped:
		return true
	}
	return false
}

// sha256Pattern is a lower-case hex SHA-256, as every hash in a manifest.
var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// manifestFieldProblems checks the manifest's own fields, beyond the
// files it lists: a tampered or hand-edited manifest must not pass for a
// snapshot (a parent after its child would loop lineage, a negative count
// would poison the catalog).
func manifestFieldProblems(m *Manifest) []string {
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, "manifest.json: "+fmt.Sprintf(format, args...))
	}
	if checkID(m.ID) != nil {
		add("id %q is not a valid snapshot id", m.ID)
	}
	if m.CreatedAt.IsZero() {
		add("created_at is missing")
	}
	if m.ParentID != "" {
		if checkID(m.ParentID) != nil {
			add("parent_id %q is not a valid snapshot id", m.ParentID)
		} else if m.ParentID >= m.ID {
			add("parent_id %q does not sort before the snapshot's id %q", m.ParentID, m.ID)
		}
	}
	if m.SchemaVersion != citynets.SchemaVersion && !slices.Contains(citynets.LegacySchemaVersions(), m.SchemaVersion) {
		add("schema_version %q is not one this tool knows (%s)", m.SchemaVersion, citynets.SchemaVersion)
	}
	if m.Gazetteer.SHA256 != "" && !sha256Pattern.MatchString(m.Gazetteer.SHA256) {
		add("gazetteer sha256 %q is not 64 lower-case hex digits", m.Gazetteer.SHA256)
	}
	problems = append(problems, networkProblems(m)...)
	return problems
}

// networkProblems checks each network's status and counts, and that the
// members add up to the rows of members.parquet.
func networkProblems(m *Manifest) []string {
	var problems []string
	sum := 0
	for _, id := range slices.Sorted(maps.Keys(m.Networks)) {
		n := m.Networks[id]
		if !knownStatus(n.Status) {
			problems = append(problems, fmt.Sprintf("manifest.json: network %q has unknown status %q", id, n.Status))
		}
		if n.Members < 0 || n.Pages < 0 || n.Bytes < 0 || n.DurationMS < 0 || n.Claimed < 0 {
			problems = append(problems, fmt.Sprintf("manifest.json: network %q has a negative count", id))
		}
		sum += n.Members
	}
	if f, ok := m.Files[MembersParquet]; ok && int64(sum) != f.Rows {
		problems = append(problems, fmt.Sprintf("manifest.json: networks hold %d members, members.parquet has %d rows", sum, f.Rows))
	}
	return problems
}
