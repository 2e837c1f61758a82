package output

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/atomicfile"
)

// Sentinel errors of the store; typed errors below unwrap to them.
var (
	ErrNoStore            = errors.New("no snapshot store")
	ErrNoSnapshots        = errors.New("no snapshots in store")
	ErrUnknownSnapshot    = errors.New("unknown snapshot")
	ErrAmbiguousSnapshot  = errors.New("ambiguous snapshot prefix")
	ErrSnapshotExists     = errors.New("snapshot already exists")
	ErrInvalidID          = errors.New("invalid snapshot id")
	ErrTxnDone            = errors.New("transaction already committed or aborted")
	ErrDanglingLatest     = errors.New("LATEST names a snapshot that is not committed")
	ErrReadOnly           = errors.New("store opened read-only")
	ErrStoreNotWritable   = errors.New("store is not writable")
	ErrLocked             = errors.New("store is locked by another process")
	ErrSchemaVersion      = errors.New("unsupported schema version")
	ErrVerify             = errors.New("snapshot verification failed")
	ErrInvalidKeep        = errors.New("prune must keep at least one snapshot")
	ErrNotSnapshotContent = errors.New("unexpected folder in snapshot")
	ErrUnsafeStore        = errors.New("unsafe store: a symlink where the store keeps its own files")
)

// UnknownSnapshotError says a snapshot id did not name a committed
// snapshot, and lists the nearest committed ids so the user can correct it.
type UnknownSnapshotError struct {
	ID      string
	Nearest []string
}

// Error names the id and the nearest committed ids.
func (e *UnknownSnapshotError) Error() string {
	if len(e.Nearest) == 0 {
		return fmt.Sprintf("unknown snapshot %q (the store has no snapshots)", e.ID)
	}
	return fmt.Sprintf("unknown snapshot %q; nearest: %s", e.ID, strings.Join(e.Nearest, ", "))
}

// Unwrap lets callers test for ErrUnknownSnapshot.
func (e *UnknownSnapshotError) Unwrap() error { return ErrUnknownSnapshot }

// AmbiguousSnapshotError says a prefix matched more than one snapshot.
type AmbiguousSnapshotError struct {
	Prefix  string
	Matches []string
}

// Error lists every snapshot the prefix matched.
func (e *AmbiguousSnapshotError) Error() string {
	return fmt.Sprintf("snapshot prefix %q matches %d snapshots: %s", e.Prefix, len(e.Matches), strings.Join(e.Matches, ", "))
}

// Unwrap lets callers test for ErrAmbiguousSnapshot.
func (e *AmbiguousSnapshotError) Unwrap() error { return ErrAmbiguousSnapshot }

// Store is a folder of immutable snapshots plus the LATEST pointer. One
// process writes at a time (see Lock); any number may read.
type Store struct {
	dir      string
	readOnly bool

	mu     sync.Mutex
	locked bool                // this Store holds the store lock
	active map[string]struct{} // temp folders of this Store's open transactions
}

const (
	snapshotsDir = "snapshots"
	tmpDir       = "tmp"
	latestFile   = "LATEST"
)

// OpenStore opens the store at dir for reading and writing, creating dir
// and dir/snapshots if needed. It fails early, with ErrStoreNotWritable,
// when dir cannot be written, rather than at the end of a long run.
//
// The store's own entries (snapshots/, tmp/, LATEST, .lock) must not be
// symlinks: OpenStore refuses such a store with ErrUnsafeStore.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w: %w", dir, ErrStoreNotWritable, err)
	}
	if err := checkLayout(dir); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	if err := ensureDir(filepath.Join(dir, snapshotsDir)); err != nil {
		return nil, fmt.Errorf("open store %s: %w: %w", dir, ErrStoreNotWritable, err)
	}
	probe, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w: %w", dir, ErrStoreNotWritable, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return &Store{dir: dir, active: map[string]struct{}{}}, nil
}

// OpenStoreReadOnly opens an existing store for reading only (a shared or
// mounted store an analyst cannot write); Begin, Lock and Prune fail. It
// creates nothing: when dir is not a folder holding snapshots/ it fails
// with ErrNoStore, so a mistyped path is reported, not made into a store.
// A symlinked snapshots/ is refused (ErrUnsafeStore); see CheckSafe for
// the store's other entries.
func OpenStoreReadOnly(dir string) (*Store, error) {
	fi, err := os.Stat(dir) // the root may be a symlink (see safe.go)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && !fi.IsDir()):
		return nil, fmt.Errorf("%w at %s", ErrNoStore, dir)
	case err != nil:
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	err = checkEntry(filepath.Join(dir, snapshotsDir), true)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%w at %s (it has no %s/ folder)", ErrNoStore, dir, snapshotsDir)
	case err != nil:
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return &Store{dir: dir, readOnly: true, active: map[string]struct{}{}}, nil
}

// CheckSafe fails with ErrUnsafeStore when one of the store's own entries
// (snapshots/, tmp/, LATEST, .lock) is a symlink or of the wrong kind, as
// OpenStore does. A read-only store does not refuse such a store by itself,
// since reading the snapshots never touches tmp/ or .lock; the CLI calls
// this so that every command refuses an unsafe store alike.
func (s *Store) CheckSafe() error {
	if err := checkLayout(s.dir); err != nil {
		return fmt.Errorf("open store %s: %w", s.dir, err)
	}
	return nil
}

// CheckWritable fails with ErrStoreNotWritable when a snapshot could not
// be committed: it creates and removes a probe in the work folder and asks
// whether snapshots/ may be written. The pipeline calls it before a scrape,
// so an unwritable store is found in a second, not after an hour's work.
func (s *Store) CheckWritable(ctx context.Context) error {
	if s.readOnly {
		return fmt.Errorf("check store: %w", ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp := filepath.Join(s.dir, tmpDir)
	if err := ensureDir(tmp); err != nil {
		return fmt.Errorf("check store %s: %w", s.dir, err)
	}
	probe, err := os.CreateTemp(tmp, ".probe-*")
	if err != nil {
		return fmt.Errorf("check store %s: %w: %w", s.dir, ErrStoreNotWritable, err)
	}
	probe.Close()
	if err := os.Remove(probe.Name()); err != nil {
		return fmt.Errorf("check store %s: %w: %w", s.dir, ErrStoreNotWritable, err)
	}
	snaps := filepath.Join(s.dir, snapshotsDir)
	if err := checkEntry(snaps, true); err != nil {
		return fmt.Errorf("check store %s: %w", s.dir, err)
	}
	if err := checkWritableDir(snaps); err != nil {
		return fmt.Errorf("check store %s: %w: %s: %w", s.dir, ErrStoreNotWritable, snaps, err)
	}
	return nil
}

// exists reports whether anything at all sits at snapshots/<id>.
func (s *Store) exists(id string) bool {
	_, err := os.Lstat(s.Path(id))
	return err == nil
}

// Dir is the store's root folder.
func (s *Store) Dir() string { return s.dir }

// Path is the folder of snapshot id (whether or not it exists).
func (s *Store) Path(id string) string { return filepath.Join(s.dir, snapshotsDir, id) }

// idLayout is the UTC start-time part of a snapshot id.
const idLayout = "20060102T150405Z"

// NewSnapshotID returns the id of a run started at start: its UTC time to
// the second plus three random [a-z0-9], so ids sort in time order and two
// runs started in the same second do not collide.
func NewSnapshotID(start time.Time) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b [3]byte
	rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return start.UTC().Format(idLayout) + "-" + string(b[:])
}

// validIDPattern admits ids that are safe as a folder name. Ids need not
// follow NewSnapshotID's layout (a backfill may choose its own), but they
// must sort in time order for LATEST and Prune to be right.
var validIDPattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._-]*$`)

func checkID(id string) error {
	if !validIDPattern.MatchString(id) || id == latestFile || len(id) > 128 {
		return fmt.Errorf("%w: %q", ErrInvalidID, id)
	}
	return nil
}

// Txn is a snapshot being written: its files go into a temporary folder
// that only Commit moves into snapshots/.
type Txn struct {
	s    *Store
	id   string
	dir  string
	done bool
}

// Begin starts writing snapshot id in a fresh folder <store>/tmp/<id>.<rand>/.
// When this Store holds the store lock, it first removes temp folders left
// by crashed runs (without the lock it cannot know they are dead).
func (s *Store) Begin(ctx context.Context, id string) (*Txn, error) {
	if s.readOnly {
		return nil, fmt.Errorf("begin snapshot: %w", ErrReadOnly)
	}
	if err := checkID(id); err != nil {
		return nil, fmt.Errorf("begin snapshot: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, err := os.Lstat(s.Path(id)); err == nil {
		return nil, fmt.Errorf("begin snapshot %s: %w", id, ErrSnapshotExists)
	}
	tmp := filepath.Join(s.dir, tmpDir)
	if err := ensureDir(tmp); err != nil {
		return nil, fmt.Errorf("begin snapshot: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.locked {
		if err := s.removeStaleLocked(); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp(tmp, id+".")
	if err != nil {
		return nil, fmt.Errorf("begin snapshot: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return nil, fmt.Errorf("begin snapshot: %w", err)
	}
	s.active[dir] = struct{}{}
	return &Txn{s: s, id: id, dir: dir}, nil
}

// removeStaleLocked removes everything in tmp/ that is not an open
// transaction of this Store, and half-written LATEST temp files. The caller
// holds s.mu and the store lock.
func (s *Store) removeStaleLocked() error {
	tmp := filepath.Join(s.dir, tmpDir)
	if err := checkEntry(tmp, true); err != nil {
		return fmt.Errorf("clean temp folders: %w", err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return fmt.Errorf("clean temp folders: %w", err)
	}
	for _, e := range entries {
		p := filepath.Join(tmp, e.Name())
		if _, ok := s.active[p]; ok {
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("clean temp folders: %w", err)
		}
	}
	// Older builds named the temp file .LATEST-*.
	for _, pattern := range []string{atomicfile.TempPattern(latestFile), ".LATEST-*"} {
		stale, _ := filepath.Glob(filepath.Join(s.dir, pattern))
		for _, p := range stale {
			os.Remove(p)
		}
	}
	return nil
}

// ID is the snapshot id being written.
func (t *Txn) ID() string { return t.id }

// Dir is the temporary folder of the snapshot; the pipeline writes
// raw.warc.gz here while fetching.
func (t *Txn) Dir() string { return t.dir }

// Commit writes the six table files, runs.parquet (from m) and
// schema.json, hashes every file in the folder
// (including raw.warc.gz) into m.Files, writes manifest.json, syncs it all,
// renames the folder into snapshots/<id> and then points LATEST at it and
// refreshes the store's catalog (index.json).
// LATEST is only moved forward: committing an id older than the current
// LATEST (a backfill) leaves LATEST alone. A crash at any point leaves
// the previous snapshots and LATEST intact.
func (t *Txn) Commit(ctx context.Context, m *Manifest, tables *citynets.Tables) error {
	if t.done {
		return fmt.Errorf("commit %s: %w", t.id, ErrTxnDone)
	}
	if m == nil {
		return fmt.Errorf("commit %s: nil manifest", t.id)
	}
	if m.ID == "" {
		m.ID = t.id
	} else if m.ID != t.id {
		return fmt.Errorf("commit %s: manifest id is %q", t.id, m.ID)
	}
	if m.SchemaVersion == "" {
		m.SchemaVersion = citynets.SchemaVersion
	}
	if m.CreatedAt.IsZero() {
		m.CreatedAt = time.Now().UTC().Truncate(time.Millisecond)
	}
	rows, err := WriteTables(ctx, t.dir, t.id, tables)
	if err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if rows[RunsParquet], err = writeRuns(ctx, t.dir, t.id, m); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if err := t.writeSchemaJSON(); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if m.Files, err = hashFolder(ctx, t.dir, rows); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if err := writeManifest(t.dir, m); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if err := syncDir(t.dir); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	if err := checkEntry(filepath.Join(t.s.dir, snapshotsDir), true); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	final := t.s.Path(t.id)
	if _, err := os.Lstat(final); err == nil {
		return fmt.Errorf("commit %s: %w", t.id, ErrSnapshotExists)
	}
	if err := os.Rename(t.dir, final); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	t.finish()
	if err := syncDir(filepath.Join(t.s.dir, snapshotsDir)); err != nil {
		return fmt.Errorf("commit %s: %w", t.id, err)
	}
	syncDir(filepath.Join(t.s.dir, tmpDir)) // the folder left tmp/; best effort
	if err := t.s.advanceLatest(t.id); err != nil {
		return fmt.Errorf("commit %s: snapshot committed but LATEST not updated: %w", t.id, err)
	}
	if err := t.s.RefreshCatalog(ctx); err != nil {
		return fmt.Errorf("commit %s: snapshot committed but %s not updated: %w", t.id, IndexFile, err)
	}
	return nil
}

// Abort removes the temporary folder. It is a no-op after Commit, so
// `defer txn.Abort()` is always safe.
func (t *Txn) Abort() error {
	if t.done {
		return nil
	}
	t.finish()
	if err := os.RemoveAll(t.dir); err != nil {
		return fmt.Errorf("abort %s: %w", t.id, err)
	}
	return nil
}

func (t *Txn) finish() {
	t.done = true
	t.s.mu.Lock()
	delete(t.s.active, t.dir)
	t.s.mu.Unlock()
}

// hashFolder hashes and fsyncs every file in dir except the manifest.
// rows gives the row counts of the table files.
func hashFolder(ctx context.Context, dir string, rows map[string]int64) (map[string]FileInfo, error) {
	entries, err := snapshotEntries(dir)
	if err != nil {
		return nil, fmt.Errorf("hash files: %w", err)
	}
	files := make(map[string]FileInfo, len(entries))
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if e.name == ManifestFile {
			continue
		}
		if !e.mode.IsRegular() {
			return nil, fmt.Errorf("%w: %s", ErrNotSnapshotContent, e.name)
		}
		sum, n, err := hashFile(filepath.Join(dir, filepath.FromSlash(e.name)), true)
		if err != nil {
			return nil, err
		}
		files[e.name] = FileInfo{SHA256: sum, Rows: rows[e.name], Bytes: n}
	}
	if _, err := os.Lstat(filepath.Join(dir, SpecsDir)); err == nil {
		if err := syncDir(filepath.Join(dir, SpecsDir)); err != nil {
			return nil, fmt.Errorf("hash files: %w", err)
		}
	}
	return files, nil
}

// hashFile returns a file's SHA-256 and size, fsyncing it first when asked
// (files the pipeline wrote, like raw.warc.gz, may not be synced yet).
func hashFile(path string, sync bool) (string, int64, error) {
	f, err := openNoFollow(path, os.O_RDONLY, 0)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	if sync {
		if err := f.Sync(); err != nil {
			return "", 0, fmt.Errorf("sync %s: %w", filepath.Base(path), err)
		}
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", filepath.Base(path), err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// syncDir fsyncs a folder so renames and creations in it are durable.
func syncDir(dir string) error { return atomicfile.SyncDir(dir) }

// advanceLatest points LATEST at id unless it already names a newer
// committed snapshot. A LATEST that names nothing committed (garbage, or a
// snapshot that is gone) is overwritten: it must not pin LATEST forever.
func (s *Store) advanceLatest(id string) error {
	cur, err := s.readLatest()
	if err != nil && !errors.Is(err, ErrNoSnapshots) {
		return err
	}
	if cur > id && s.committed(cur) {
		return nil
	}
	return s.writeLatest(id)
}

// writeLatest points LATEST at id atomically: a temp file renamed over it
// (rename replaces a symlink rather than writing through it).
func (s *Store) writeLatest(id string) error {
	if err := atomicfile.WriteFile(filepath.Join(s.dir, latestFile), []byte(id+"\n"), 0o644); err != nil {
		return fmt.Errorf("write LATEST: %w", err)
	}
	return nil
}

// maxLatest bounds what is read of LATEST: an id is at most 128 bytes.
const maxLatest = 1 << 10

// readLatest returns what LATEST says, without checking it names a
// committed snapshot; ErrUnsafeStore when LATEST is a symlink.
func (s *Store) readLatest() (string, error) {
	b, err := readSmall(filepath.Join(s.dir, latestFile), maxLatest)
	if errors.Is(err, fs.ErrNotExist) {
		return "", ErrNoSnapshots
	}
	if err != nil {
		return "", fmt.Errorf("read LATEST: %w", err)
	}
	id := strings.TrimSpace(string(b))
	if id == "" {
		return "", ErrNoSnapshots
	}
	return id, nil
}

// Latest is the newest committed snapshot id, as LATEST names it;
// ErrNoSnapshots when nothing was committed yet.
func (s *Store) Latest() (string, error) {
	id, err := s.readLatest()
	if err != nil {
		return "", err
	}
	if !s.committed(id) {
		return "", fmt.Errorf("%w: %q", ErrDanglingLatest, id)
	}
	return id, nil
}

// committed reports whether id is a committed snapshot (its folder is in
// snapshots/ with a manifest, which is written before the rename).
//
// Neither the folder nor the manifest may be a symlink.
func (s *Store) committed(id string) bool {
	if checkID(id) != nil || checkEntry(s.Path(id), true) != nil {
		return false
	}
	return checkEntry(filepath.Join(s.Path(id), ManifestFile), false) == nil
}

// List returns the committed snapshot ids, oldest first. Temp folders of
// running or crashed transactions live outside snapshots/ and never appear.
// A symlink in snapshots/ makes List fail with ErrUnsafeStore: it is not
// the store's own, and must be neither read nor pruned.
func (s *Store) List() ([]string, error) {
	dir := filepath.Join(s.dir, snapshotsDir)
	if err := checkEntry(dir, true); err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list snapshots: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("list snapshots: %w", unsafeError(filepath.Join(dir, e.Name()), "is a symlink"))
		}
		if e.IsDir() && s.committed(e.Name()) {
			ids = append(ids, e.Name())
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// Manifest reads the manifest of committed snapshot id.
func (s *Store) Manifest(id string) (*Manifest, error) {
	if err := s.mustExist(id); err != nil {
		return nil, err
	}
	return ReadManifest(filepath.Join(s.Path(id), ManifestFile))
}

// Read reads the tables of committed snapshot id.
func (s *Store) Read(ctx context.Context, id string) (*citynets.Tables, error) {
	if err := s.mustExist(id); err != nil {
		return nil, err
	}
	if err := checkFiles(s.Path(id)); err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", id, err)
	}
	t, err := ReadTables(ctx, s.Path(id))
	if err != nil {
		return nil, fmt.Errorf("read snapshot %s: %w", id, err)
	}
	return t, nil
}

// checkFiles refuses a snapshot folder holding anything but regular files
// (a symlinked table would be read from wherever it points).
func checkFiles(dir string) error {
	entries, err := snapshotEntries(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.mode.IsRegular() {
			return unsafeError(filepath.Join(dir, filepath.FromSlash(e.name)), "is not a regular file")
		}
	}
	return nil
}

// mustExist returns an UnknownSnapshotError when id is not committed.
func (s *Store) mustExist(id string) error {
	if s.committed(id) {
		return nil
	}
	ids, err := s.List()
	if err != nil {
		return err
	}
	return &UnknownSnapshotError{ID: id, Nearest: nearestIDs(ids, id)}
}

// Resolve turns what a user typed into a committed snapshot id: an exact
// id, "LATEST" (any case), or a unique prefix. A prefix may be written as
// an ISO time ("2026-11-27T02:00") and is matched in the id layout. An
// unknown id gives an UnknownSnapshotError listing the nearest ids.
func (s *Store) Resolve(idOrPrefix string) (string, error) {
	q := strings.TrimSpace(idOrPrefix)
	if q == "" {
		return "", fmt.Errorf("resolve snapshot: %w: empty", ErrInvalidID)
	}
	if strings.EqualFold(q, latestFile) {
		return s.Latest()
	}
	ids, err := s.List()
	if err != nil {
		return "", err
	}
	if _, ok := slices.BinarySearch(ids, q); ok {
		return q, nil
	}
	compact := compactTime(q)
	var matches []string
	for _, id := range ids {
		if strings.HasPrefix(id, q) || (compact != "" && strings.HasPrefix(id, compact)) {
			matches = append(matches, id)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		if compact != "" {
			q = compact
		}
		return "", &UnknownSnapshotError{ID: idOrPrefix, Nearest: nearestIDs(ids, q)}
	default:
		return "", &AmbiguousSnapshotError{Prefix: idOrPrefix, Matches: matches}
	}
}

// nearestIDs returns up to three ids around where q would sort: since ids
// sort by time, these are the snapshots taken just before and after.
func nearestIDs(ids []string, q string) []string {
	const n = 3
	i, _ := slices.BinarySearch(ids, q)
	lo := max(0, i-1)
	hi := min(len(ids), lo+n)
	lo = max(0, hi-n)
	return slices.Clone(ids[lo:hi])
}

// compactTime rewrites an ISO date or time ("2026-11-27", "2026-11-27T02:00",
// "2026-11-27T02:00:00Z") in the compact layout of snapshot ids, or returns
// "" when q is not one.
func compactTime(q string) string {
	for _, l := range []struct{ in, out string }{
		{time.RFC3339, idLayout},
		{"2006-01-02T15:04:05", "20060102T150405"},
		{"2006-01-02T15:04", "20060102T1504"},
		{"2006-01-02T15", "20060102T15"},
		{"2006-01-02", "20060102"},
	} {
		if t, err := time.Parse(l.in, q); err == nil {
			if l.in == time.RFC3339 {
				t = t.UTC()
			}
			return t.Format(l.out)
		}
	}
	return ""
}
