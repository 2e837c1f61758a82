package output

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"

	"github.com/citynets/citynets/internal/atomicfile"
)

// SpecsDir is the one folder a snapshot may hold: the induced specs of
// networks the run repaired (specs/<id>.yaml), so that a rebuild reads the
// pages with the structure the run used. Its files are listed in the
// manifest as "specs/<id>.yaml" and verified like every other file.
const SpecsDir = "specs"

// RepairInfo records a network the run repaired: its spec failed the
// guard, and a structure induced from the members already known passed
// the same guard. Spec is the induced spec file as stored in the snapshot.
type RepairInfo struct {
	Spec       string   `json:"spec"`    // snapshot-relative path, e.g. specs/c40.yaml
	Variant    string   `json:"variant"` // the failed variant induced from
	Recall     float64  `json:"recall"`  // share of the known names the induced spec read
	KnownFound int      `json:"known_found"`
	KnownTotal int      `json:"known_total"`
	KnownFrom  string   `json:"known_from"` // the snapshot the known names came from, or "known.txt"
	Records    int      `json:"records"`
	Items      []string `json:"items"` // the induced record selector of each induced source
	Samples    []string `json:"samples,omitempty"`
	// Alternatives say why the other structures considered lost.
	Alternatives []string `json:"alternatives,omitempty"`
}

// networkIDPattern is what a network id may be when it names a file.
var networkIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// SpecFile is the snapshot-relative path of a network's stored spec.
func SpecFile(network string) string { return path.Join(SpecsDir, network+".yaml") }

// WriteSpec stores a network's induced spec in the snapshot being written
// and returns its snapshot-relative path; Commit hashes it into the
// manifest's files.
func (t *Txn) WriteSpec(network string, spec []byte) (string, error) {
	if t.done {
		return "", fmt.Errorf("write spec %s: %w", network, ErrTxnDone)
	}
	if !networkIDPattern.MatchString(network) {
		return "", fmt.Errorf("write spec: bad network id %q", network)
	}
	dir := filepath.Join(t.dir, SpecsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("write spec %s: %w", network, err)
	}
	if err := atomicfile.WriteFile(filepath.Join(t.dir, filepath.FromSlash(SpecFile(network))), spec, 0o644); err != nil {
		return "", fmt.Errorf("write spec %s: %w", network, err)
	}
	return SpecFile(network), nil
}

// folderEntry is one file of a snapshot folder: a top-level entry, or a
// file of its specs folder named "specs/<name>".
type folderEntry struct {
	name string // slash-separated, relative to the snapshot folder
	mode fs.FileMode
}

// snapshotEntries lists a snapshot folder's files, descending into its
// specs folder (only when that is a real folder, never a symlink) and
// nowhere else: any other folder is listed as itself, for the caller to
// refuse.
func snapshotEntries(dir string) ([]folderEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []folderEntry
	for _, e := range entries {
		if e.Name() != SpecsDir || !e.IsDir() || e.Type()&fs.ModeSymlink != 0 {
			out = append(out, folderEntry{name: e.Name(), mode: e.Type()})
			continue
		}
		inner, err := os.ReadDir(filepath.Join(dir, SpecsDir))
		if err != nil {
			return nil, err
		}
		for _, f := range inner {
			out = append(out, folderEntry{name: path.Join(SpecsDir, f.Name()), mode: f.Type()})
		}
	}
	return out, nil
}
