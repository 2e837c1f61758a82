package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/internal/atomicfile"
)

// Table names, as export's --table and the data dictionary spell them.
const (
	TableMembers = "members"
	TablePlaces  = "places"
	TableChanges = "changes"
	TableHistory = "history"
	TableRuns    = "runs"
)

// TableNames lists every table of a snapshot, in dictionary order.
func TableNames() []string {
	return []string{TableMembers, TablePlaces, TableChanges, TableHistory, TableRuns}
}

// TableSchema describes one table for people and tools: schema.json in
// every snapshot and docs/schema.md are both made from it.
type TableSchema struct {
	Name        string         `json:"name"`
	File        string         `json:"file"`
	Description string         `json:"description"`
	Columns     []ColumnSchema `json:"columns"`
}

// ColumnSchema describes one column.
type ColumnSchema struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Nullable    bool   `json:"nullable"`
	Description string `json:"description"`
	Example     string `json:"example"`
}

// DataSchema is the machine-readable schema of a snapshot.
type DataSchema struct {
	SchemaVersion string        `json:"schema_version"`
	Tables        []TableSchema `json:"tables"`
}

// tableFields returns the Arrow fields of table name, as written, and
// false for an unknown table.
func tableFields(name string) ([]arrow.Field, bool) {
	switch name {
	case TableMembers:
		return fieldsOf(memberColumns("")), true
	case TablePlaces:
		return fieldsOf(stamped("", placeColumns())), true
	case TableChanges:
		return fieldsOf(stamped("", changeColumns())), true
	case TableHistory:
		return fieldsOf(stamped("", historyColumns())), true
	case TableRuns:
		return fieldsOf(stamped("", runColumns())), true
	}
	return nil, false
}

func fieldsOf[T any](cols []column[T]) []arrow.Field {
	out := make([]arrow.Field, len(cols))
	for i, c := range cols {
		out[i] = c.field
	}
	return out
}

// TableSchemaOf returns the Arrow schema of table name (without per-file
// metadata), and false for an unknown table.
func TableSchemaOf(name string) (*arrow.Schema, bool) {
	f, ok := tableFields(name)
	if !ok {
		return nil, false
	}
	return arrow.NewSchema(f, nil), true
}

// Schema returns the data dictionary: every table and column with its
// type, nullability, meaning and an example. A column without a doc has
// an empty description (TestSchemaDocsComplete forbids it).
func Schema() DataSchema {
	docs := columnDocs()
	descs := tableDescriptions()
	out := DataSchema{SchemaVersion: citynets.SchemaVersion}
	for _, name := range TableNames() {
		fields, _ := tableFields(name)
		ts := TableSchema{Name: name, File: name + ".parquet", Description: descs[name]}
		for _, f := range fields {
			d, _ := docFor(docs, name, f.Name)
			ts.Columns = append(ts.Columns, ColumnSchema{
				Name: f.Name, Type: typeName(f.Type), Nullable: f.Nullable,
				Description: d.description, Example: d.example,
			})
		}
		out.Tables = append(out.Tables, ts)
	}
	return out
}

// typeName spells an Arrow type as the dictionary shows it: the names
// DuckDB and pandas users know, not Arrow's internal ones.
func typeName(t arrow.DataType) string {
	switch t.ID() {
	case arrow.STRING:
		return "string"
	case arrow.INT64:
		return "int64"
	case arrow.INT32:
		return "int32"
	case arrow.FLOAT64:
		return "float64"
	case arrow.FLOAT32:
		return "float32"
	case arrow.BOOL:
		return "bool"
	case arrow.DATE32:
		return "date"
	case arrow.TIMESTAMP:
		return "timestamp (UTC, ms)"
	case arrow.MAP:
		m := t.(*arrow.MapType)
		return fmt.Sprintf("map<%s,%s>", typeName(m.KeyType()), typeName(m.ItemType()))
	case arrow.LIST:
		return fmt.Sprintf("list<%s>", typeName(t.(*arrow.ListType).Elem()))
	}
	return t.String()
}

// SchemaJSONBytes is schema.json as every snapshot holds it.
func SchemaJSONBytes() ([]byte, error) {
	b, err := json.MarshalIndent(Schema(), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode schema: %w", err)
	}
	return append(b, '\n'), nil
}

// writeSchemaJSON writes <dir>/schema.json, synced — or, when the store's
// newest snapshot holds the same bytes, hard-links that file instead.
// schema.json is the same night after night (23 KB of an unchanged night's
// growth); since snapshots are immutable, two of them may share the file's
// inode: prune removes one name, the other snapshot keeps its copy, and
// hashes and reads see the same bytes.
func (t *Txn) writeSchemaJSON() error {
	b, err := SchemaJSONBytes()
	if err != nil {
		return err
	}
	dst := filepath.Join(t.dir, SchemaJSON)
	if src, ok := t.s.sameFileInNewest(SchemaJSON, b); ok && os.Link(src, dst) == nil {
		return nil
	}
	return atomicfile.WriteFile(dst, b, 0o644)
}

// sameFileInNewest returns the path of name in the newest committed
// snapshot when it is a regular file (never a symlink) holding want.
func (s *Store) sameFileInNewest(name string, want []byte) (string, bool) {
	id, err := s.Newest()
	if err != nil {
		return "", false
	}
	p := filepath.Join(s.dir, snapshotsDir, id, name)
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(want)) {
		return "", false
	}
	got, err := os.ReadFile(p)
	return p, err == nil && bytes.Equal(got, want)
}

// SchemaMarkdown renders the data dictionary as docs/schema.md holds it.
func SchemaMarkdown() []byte {
	var b bytes.Buffer
	s := Schema()
	b.WriteString("# citynets data dictionary\n\n")
	b.WriteString("Generated from the column descriptors in `output/schema.go` and `output/schemadoc.go`\n")
	b.WriteString("by `go test ./output/ -run Schema -update`; do not edit by hand.\n")
	fmt.Fprintf(&b, "Schema version %s. Every snapshot also holds this as `schema.json`.\n\n", s.SchemaVersion)
	b.WriteString("Every table carries `snapshot_id` and `snapshot_date`. Timestamps are UTC milliseconds, dates are DATE.\n")
	b.WriteString("Snapshots written before schema version 2 lack some columns; citynets' readers and `citynets export`\n")
	b.WriteString("derive them (snapshot columns from the file's snapshot id, others as null); DuckDB reads a mixed\n")
	b.WriteString("store with `union_by_name = true`.\n")
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "\n## %s (`%s`)\n\n%s\n\n", t.Name, t.File, t.Description)
		b.WriteString("| column | type | null | meaning | example |\n|---|---|---|---|---|\n")
		for _, c := range t.Columns {
			null := "no"
			if c.Nullable {
				null = "yes"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", c.Name, mdCell(c.Type), null, mdCell(c.Description), mdCode(c.Example))
		}
	}
	return b.Bytes()
}

// mdCell escapes what would break a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;").Replace(s)
}

func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}
