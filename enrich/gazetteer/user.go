package gazetteer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// UserPath is where a user's own gazetteer lives, written by `citynets
// gazetteer update` (LoadDump then Save) and preferred over the embedded
// default by Load: <user config dir>/citynets/gazetteer.bin.gz.
func UserPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("gazetteer user path: %w", err)
	}
	return filepath.Join(dir, "citynets", "gazetteer.bin.gz"), nil
}

// Load returns the gazetteer saved at path when that file exists, and the
// embedded default when it does not (or when path is empty), so a user's
// update takes effect without a rebuild.
func Load(path string) (*Gazetteer, error) {
	if path == "" {
		return Default()
	}
	g, err := LoadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Default()
	}
	return g, err
}
