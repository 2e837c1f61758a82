//go:build !unix

package output

import "os"

// oNoFollow is unavailable here; checkEntry's Lstat still refuses links.
const oNoFollow = 0

func isSymlinkError(error) bool { return false }

// checkWritableDir creates and removes a probe folder in dir.
func checkWritableDir(dir string) error {
	p, err := os.MkdirTemp(dir, ".probe-")
	if err != nil {
		return err
	}
	return os.Remove(p)
}
