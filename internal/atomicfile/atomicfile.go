// Package atomicfile writes files so that a reader, or the next process
// after a crash, sees either the old file or the whole new one, never a
// part: the data goes to a temporary file in the target's folder, which is
// fsynced, renamed over the target, and then the folder is fsynced so the
// rename itself survives a power loss.
//
// It is a leaf package (standard library only) so that every layer of
// citynets (scrapers, enrich, output, cmd) can share one correct version.
// Renaming over the target replaces a symlink there instead of writing
// through it.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// TempPattern is the os.CreateTemp pattern of the temporary file for a
// target named base; a crash can leave one behind, and whoever owns the
// folder may remove matches of it.
func TempPattern(base string) string { return "." + base + ".tmp-*" }

// WriteFile writes data to path atomically. The file gets exactly perm:
// the umask does not apply, as Commit sets the mode itself.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Commit()
}

// File is a file being written atomically: Write streams to a buffered
// temporary file, Commit puts it in place, Abort (or a failed Commit)
// removes it. `defer f.Abort()` right after Create is always safe.
// A File is not safe for concurrent use.
type File struct {
	path string
	perm os.FileMode
	tmp  *os.File
	bw   *bufio.Writer
	done bool
}

// Create starts writing path: it creates the temporary file beside it. The
// folder must exist.
func Create(path string, perm os.FileMode) (*File, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), TempPattern(filepath.Base(path)))
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &File{path: path, perm: perm, tmp: tmp, bw: bufio.NewWriterSize(tmp, 64<<10)}, nil
}

// Write buffers p for the file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, fmt.Errorf("write %s: %w", f.path, os.ErrClosed)
	}
	n, err := f.bw.Write(p)
	if err != nil {
		err = fmt.Errorf("write %s: %w", f.path, err)
	}
	return n, err
}

// Commit flushes and fsyncs the temporary file, gives it its permissions,
// renames it over the target and fsyncs the folder. On failure the
// temporary file is removed and the target is untouched (or, when only the
// folder sync failed, already replaced).
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("commit %s: %w", f.path, os.ErrClosed)
	}
	f.done = true
	err := f.bw.Flush()
	if err == nil {
		err = f.tmp.Chmod(f.perm)
	}
	if err == nil {
		err = f.tmp.Sync()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return SyncDir(filepath.Dir(f.path))
}

// Abort discards the temporary file. It is a no-op after Commit.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	return errors.Join(f.tmp.Close(), os.Remove(f.tmp.Name()))
}

// SyncDir fsyncs a folder, so that the creations, removals and renames of
// its entries are durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
