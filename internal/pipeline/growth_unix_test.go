//go:build unix

package pipeline

import (
	"io/fs"
	"syscall"
)

// inode identifies the file behind info (device and inode), so that a file
// linked under several names counts once.
func inode(info fs.FileInfo) ([2]uint64, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return [2]uint64{}, false
	}
	return [2]uint64{uint64(st.Dev), uint64(st.Ino)}, true
}
