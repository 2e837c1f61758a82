package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// schemaDoc is the data dictionary's path, from this package's folder.
var schemaDoc = filepath.Join("..", "docs", "schema.md")

// TestSchemaDocUpToDate fails when docs/schema.md is not what the column
// descriptors generate; go test ./output/ -run Schema -update rewrites it.
func TestSchemaDocUpToDate(t *testing.T) {
	want := SchemaMarkdown()
	if *update {
		if err := os.WriteFile(schemaDoc, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatalf("%v (go test ./output/ -run Schema -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./output/ -run Schema -update", schemaDoc)
	}
}

// TestSchemaDocsComplete checks that every column of every table has a
// description and an example, and that no doc names a column that does
// not exist (a renamed column would leave its doc behind).
func TestSchemaDocsComplete(t *testing.T) {
	used := map[string]bool{}
	docs := columnDocs()
	for _, table := range TableNames() {
		if tableDescriptions()[table] == "" {
			t.Errorf("table %s has no description", table)
		}
		fields, _ := tableFields(table)
		for _, f := range fields {
			d, ok := docFor(docs, table, f.Name)
			if !ok || d.description == "" || d.example == "" {
				t.Errorf("%s.%s has no description or example in columnDocs", table, f.Name)
			}
			used[d.key] = true
		}
	}
	for _, d := range docs {
		if !used[d.key] {
			t.Errorf("columnDocs has %s, which no table uses", d.key)
		}
	}
}

// TestSchemaJSONInSnapshot checks that a committed snapshot holds
// schema.json listing every table and column, hashed in its manifest.
func TestSchemaJSONInSnapshot(t *testing.T) {
	s, id := committedStore(t)
	b, err := os.ReadFile(filepath.Join(s.Path(id), SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	var ds DataSchema
	if err := json.Unmarshal(b, &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds.Tables) != len(TableNames()) {
		t.Fatalf("schema.json has %d tables, want %d", len(ds.Tables), len(TableNames()))
	}
	for _, ts := range ds.Tables {
		fields, _ := tableFields(ts.Name)
		if len(ts.Columns) != len(fields) || ts.Columns[0].Name != "snapshot_id" || ts.Columns[1].Name != "snapshot_date" {
			t.Errorf("schema.json table %s: %+v", ts.Name, ts.Columns)
		}
	}
	m, err := s.Manifest(id)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Files[SchemaJSON]; !ok {
		t.Error("schema.json not in the manifest")
	}
}
