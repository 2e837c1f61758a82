//go:build unix

package output

import (
	"errors"
	"syscall"
)

// oNoFollow makes open(2) fail on a symlink instead of following it.
const oNoFollow = syscall.O_NOFOLLOW

// isSymlinkError reports whether an open with oNoFollow failed because the
// path is a symlink (ELOOP on Linux and the BSDs).
func isSymlinkError(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK)
}

// accessWrite is access(2)'s W_OK.
const accessWrite = 0x2

// checkWritableDir asks the kernel whether this process may create entries
// in dir. Unlike a permission-bit check it also sees read-only mounts and
// the immutable attribute, which bind even root.
func checkWritableDir(dir string) error {
	return syscall.Access(dir, accessWrite)
}
