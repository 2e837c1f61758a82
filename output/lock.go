package output

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// lockFile is the store's lock; while held it records who holds it.
const lockFile = ".lock"

// lockPoll is how often a waiting Lock retries.
const lockPoll = 250 * time.Millisecond

// LockedError says the store is locked by another process, and who it is,
// so a second `citynets run` can tell the user what to wait for or kill.
type LockedError struct {
	Holder string
	Err    error // why waiting stopped (the context's error), if it did
}

// Error names the holder, and why waiting stopped if it did.
func (e *LockedError) Error() string {
	msg := "store is locked by " + e.Holder
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap lets callers test for ErrLocked and for the context error.
func (e *LockedError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrLocked, e.Err}
	}
	return []error{ErrLocked}
}

// lockHolder is what the lock file records while a process holds it.
type lockHolder struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

func (h lockHolder) String() string {
	return fmt.Sprintf("pid %d on %s (%s) since %s", h.PID, h.Host, h.Command, h.Since.UTC().Format(time.RFC3339))
}

// Lock takes the store's exclusive write lock (<store>/.lock, an flock(2)
// lock the kernel releases if the process dies). who describes the command
// for the holder record, e.g. "citynets run". Without wait, a held lock
// returns *LockedError at once; with wait, Lock polls until it gets the lock
// or ctx is done. The returned unlock is safe to call more than once.
func (s *Store) Lock(ctx context.Context, wait bool, who string) (unlock func() error, err error) {
	if s.readOnly {
		return nil, fmt.Errorf("lock store: %w", ErrReadOnly)
	}
	path := filepath.Join(s.dir, lockFile)
	// A symlinked lock file would have its target truncated: refuse it.
	if err := checkEntry(path, false); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("lock store: %w", err)
	}
	fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR|oNoFollow), flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil && isSymlinkError(err) {
		return nil, fmt.Errorf("lock store: %w", unsafeError(path, "is a symlink"))
	}
	if err != nil {
		return nil, fmt.Errorf("lock store: %w", err)
	}
	if !ok && !wait {
		return nil, &LockedError{Holder: readHolder(path)}
	}
	if !ok {
		if ok, err = fl.TryLockContext(ctx, lockPoll); !ok {
			if ctx.Err() != nil {
				return nil, &LockedError{Holder: readHolder(path), Err: ctx.Err()}
			}
			return nil, fmt.Errorf("lock store: %w", err)
		}
	}

	if who == "" {
		who = strings.Join(os.Args, " ")
	}
	host, _ := os.Hostname()
	rec, _ := json.Marshal(lockHolder{PID: os.Getpid(), Host: host, Command: who, Since: time.Now().UTC()})
	if err := writeHolder(path, append(rec, '\n')); err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("lock store: record holder: %w", err)
	}
	s.mu.Lock()
	s.locked = true
	s.mu.Unlock()

	var once sync.Once
	var uerr error
	return func() error {
		once.Do(func() {
			s.mu.Lock()
			s.locked = false
			s.mu.Unlock()
			writeHolder(path, nil) // forget the holder while still holding the lock
			if err := fl.Unlock(); err != nil {
				uerr = fmt.Errorf("unlock store: %w", err)
			}
		})
		return uerr
	}, nil
}

// writeHolder replaces the lock file's record, never through a symlink
// (one planted after the lock was taken included).
func writeHolder(path string, rec []byte) error {
	f, err := openNoFollow(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(rec)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// maxHolder bounds what is read of the lock record.
const maxHolder = 4 << 10

// readHolder describes the process recorded in the lock file.
func readHolder(path string) string {
	b, err := readSmall(path, maxHolder)
	if err != nil || len(strings.TrimSpace(string(b))) == 0 {
		return "another process (not yet recorded)"
	}
	var h lockHolder
	if err := json.Unmarshal(b, &h); err != nil {
		return strings.TrimSpace(string(b))
	}
	return h.String()
}
