package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The store never follows a symlink it did not create: a symlinked tmp/
// would have every run delete the folder it points to, a symlinked .lock
// would have every run truncate its target. These helpers check or open
// the store's own entries without following links. The store root itself
// may be a symlink (an admin's choice, as under /var/lib).

// unsafeError names the entry that is a symlink (or of the wrong kind).
func unsafeError(path, why string) error {
	return fmt.Errorf("%w: %s %s", ErrUnsafeStore, path, why)
}

// checkEntry returns an ErrUnsafeStore error when path is a symlink, or is
// not of the kind wanted (a folder when dir, else a regular file). A
// missing entry is fine and reported as fs.ErrNotExist.
func checkEntry(path string, dir bool) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return unsafeError(path, "is a symlink")
	case dir && !fi.IsDir():
		return unsafeError(path, "is not a folder")
	case !dir && !fi.Mode().IsRegular():
		return unsafeError(path, "is not a regular file")
	}
	return nil
}

// ensureDir makes sure the store's own folder path exists as a real
// folder, creating it when missing.
func ensureDir(path string) error {
	err := checkEntry(path, true)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.Mkdir(path, 0o755); errors.Is(err, fs.ErrExist) {
			return checkEntry(path, true) // created meanwhile: check what it is
		}
	}
	return err
}

// openNoFollow opens a file of the store, refusing a symlink at its last
// component, so an attacker's link is never written or read through.
func openNoFollow(path string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, flag|oNoFollow, perm)
	if err != nil && isSymlinkError(err) {
		return nil, unsafeError(path, "is a symlink")
	}
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		f.Close()
		return nil, unsafeError(path, "is not a regular file")
	}
	return f, nil
}

// readSmall reads at most limit bytes of a small store file (LATEST, the
// lock record) without following a symlink: a hostile multi-gigabyte file
// must not be read into memory.
func readSmall(path string, limit int64) ([]byte, error) {
	f, err := openNoFollow(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// checkLayout refuses a store whose own top-level entries are symlinks.
func checkLayout(dir string) error {
	for _, e := range []struct {
		name string
		dir  bool
	}{{snapshotsDir, true}, {tmpDir, true}, {latestFile, false}, {lockFile, false}, {PayloadsDir, true}, {PayloadsFile, false}} {
		if err := checkEntry(filepath.Join(dir, e.name), e.dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
