package main

import (
	"io"

	"github.com/citynets/citynets/internal/atomicfile"
)

// writeFileAtomic writes a file through a temporary file in the same folder
// and renames it into place, so a reader never sees half of it. The file is
// readable by all (0644), like the snapshots beside it. A folder that cannot
// take the file is bad input.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return usageError(err)
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return err
	}
	return f.Commit()
}
