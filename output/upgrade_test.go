package output

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/citynets/citynets"
)

// TestDiffAgainstLegacyParent: the first run on a store whose parent was
// written with schema version 1 compares only the columns that version
// had, so the upgrade itself reports no modified members, while a change
// in the published data still does.
func TestDiffAgainstLegacyParent(t *testing.T) {
	path := filepath.Join(t.TempDir(), MembersParquet)
	var v1 []column[citynets.Member]
	for _, c := range memberColumns(testID) {
		if !c.optional {
			v1 = append(v1, c)
		}
	}
	parent := sampleMembers()
	if err := writeParquetFile(context.Background(), path, "members", testID, v1, parent); err != nil {
		t.Fatal(err)
	}
	setSchemaVersion(t, path, "1")
	from, err := ReadMembers(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if from[0].MemberID != "c40:london" || from[0].CountryCodePublished != "" {
		t.Fatalf("version-1 row read as %+v", from[0])
	}

	// The child is the same membership, enriched by this build (dates as
	// a file holds them: the sample has one in another zone on purpose).
	child := func(edit func(ms []citynets.Member)) []citynets.Member {
		ms := sampleMembers()
		for i := range ms {
			ms[i].CountryCodePublished, ms[i].CountryName, ms[i].Continent = "GB", "United Kingdom", "Europe"
			if d := ms[i].MemberSince; !d.IsZero() {
				ms[i].MemberSince = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
			}
		}
		if edit != nil {
			edit(ms)
		}
		return ms
	}
	tests := []struct {
		name          string
		fromVersion   string
		to            []citynets.Member
		wantModified  []string // changed_fields of each modified row, joined by ","
		wantAnyOthers bool
	}{
		{"v1 parent, same members", "1", child(nil), nil, false},
		{"v1 parent, a published change", "1", child(func(ms []citynets.Member) { ms[0].Attributes["tier"] = "Global" }), []string{"attributes.tier"}, false},
		{"parent of this version compares every column", citynets.SchemaVersion, child(nil), nil, true},
	}
	nets := okFor("c40", "iclei", "uclg", "wmccc", "metropolis")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes := Diff(DiffInput{FromID: "20261126T020000Z-aaa", ToID: testID, From: from, To: tt.to,
				FromOK: nets, ToOK: nets, FromSchemaVersion: tt.fromVersion})
			var modified []string
			for _, c := range changes {
				if c.Change != citynets.Modified {
					t.Errorf("%s %s: want no joins, leaves or renames", c.Change, c.MemberKey)
					continue
				}
				if slices.ContainsFunc(c.ChangedFields, func(f string) bool {
					return f == "country_code_published" || f == "country_name" || f == "continent"
				}) {
					if !tt.wantAnyOthers {
						t.Errorf("%s modified by new columns: %v", c.MemberKey, c.ChangedFields)
					}
					continue
				}
				modified = append(modified, strings.Join(c.ChangedFields, ","))
			}
			if tt.wantAnyOthers && len(changes) == 0 {
				t.Error("no changes: the new columns were not compared")
			}
			if !tt.wantAnyOthers && !slices.Equal(modified, tt.wantModified) {
				t.Errorf("modified %q, want %q", modified, tt.wantModified)
			}
		})
	}
}

// TestColumnIndexesLegacyOnly: only a file of a legacy schema version may
// lack an optional column or hold one under its former name; a current
// file that does is refused, not read as nulls.
func TestColumnIndexesLegacyOnly(t *testing.T) {
	cols := stamped("", historyColumns())
	var v1 []arrow.Field
	for _, c := range cols {
		switch {
		case c.formerly != "":
			v1 = append(v1, arrow.Field{Name: c.formerly, Type: c.field.Type})
		case !c.optional:
			v1 = append(v1, c.field)
		}
	}
	tests := []struct {
		name    string
		fields  []arrow.Field
		legacy  bool
		wantErr bool
	}{
		{"current file, current columns", fieldsOf(cols), false, false},
		{"legacy file, version-1 columns", v1, true, false},
		{"current file, version-1 columns", v1, false, true},
		{"legacy file missing a required column", v1[1:], true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, err := columnIndexes(arrow.NewSchema(tt.fields, nil), cols, tt.legacy)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			for i, c := range cols {
				if idx[i] < 0 && !(tt.legacy && c.optional) {
					t.Errorf("column %s not found", c.field.Name)
				}
			}
		})
	}
}
