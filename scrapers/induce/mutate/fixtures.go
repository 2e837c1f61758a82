package mutate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// Fixtures holds the real member names found in the repository's fixture
// cases, per network, in a stable order (the sample case first).
type Fixtures struct {
	names map[string][]Member
}

// LoadFixtures reads every network's fixture names under root, the
// repository's top folder: scrapers/<id>/testdata/*/names.txt (one name a
// line) and expected.jsonl (name, country_published). Reading the files,
// rather than importing the scrapers, keeps this package free of the
// framework it tests. Cases named "malformed" are skipped: their names are
// broken on purpose.
func LoadFixtures(root string) (*Fixtures, error) {
	return LoadFixturesFS(os.DirFS(root))
}

// LoadFixturesFS is LoadFixtures over a file system rooted at the repository.
func LoadFixturesFS(fsys fs.FS) (*Fixtures, error) {
	fx := &Fixtures{names: map[string][]Member{}}
	fill := knownCountries()
	for _, id := range Networks() {
		dir := path.Join("scrapers", id, "testdata")
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, fmt.Errorf("fixtures of %s: %w", id, err)
		}
		var cases []string
		for _, e := range entries {
			if e.IsDir() && e.Name() != "malformed" {
				cases = append(cases, e.Name())
			}
		}
		sort.SliceStable(cases, func(i, j int) bool {
			if (cases[i] == "sample") != (cases[j] == "sample") {
				return cases[i] == "sample"
			}
			return cases[i] < cases[j]
		})
		var list []Member
		at := map[string]int{}
		add := func(name, country string) {
			name = collapse(name)
			if name == "" {
				return
			}
			if i, ok := at[name]; ok {
				if list[i].Country == "" {
					list[i].Country = country
				}
				return
			}
			at[name] = len(list)
			list = append(list, Member{Name: name, Country: country})
		}
		for _, c := range cases {
			if b, err := fs.ReadFile(fsys, path.Join(dir, c, "names.txt")); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					if !strings.HasPrefix(line, "#") {
						add(line, "")
					}
				}
			}
			f, err := fsys.Open(path.Join(dir, c, "expected.jsonl"))
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				var row struct {
					Name    string `json:"name"`
					Country string `json:"country_published"`
				}
				if json.Unmarshal(sc.Bytes(), &row) == nil {
					add(row.Name, row.Country)
				}
			}
			f.Close()
		}
		for i := range list {
			if list[i].Country == "" {
				list[i].Country = fill[list[i].Name]
			}
		}
		fx.names[id] = list
	}
	return fx, nil
}

// Names returns a copy of one network's fixture members.
func (fx *Fixtures) Names(network string) []Member {
	return append([]Member(nil), fx.names[network]...)
}

// collapse trims s and turns every run of white space into one space: the
// comparison the suite uses for names.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Collapse is the whitespace collapsing names are compared after.
func Collapse(s string) string { return collapse(s) }
