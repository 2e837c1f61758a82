package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/citynets/citynets/output"
)

// printManifest is "snapshots show" for a person: the manifest's header,
// then a line per network and per file. --json prints the manifest itself.
func printManifest(w io.Writer, m *output.Manifest, latest bool) error {
	id := termSafe(m.ID)
	if latest {
		id += "  (LATEST)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "snapshot\t%s\n", id)
	fmt.Fprintf(tw, "created\t%s\n", m.CreatedAt.UTC().Format("2006-01-02 15:04:05Z"))
	fmt.Fprintf(tw, "parent\t%s\n", termSafe(orNone(m.ParentID)))
	if m.RebuiltFrom != "" {
		fmt.Fprintf(tw, "rebuilt from\t%s\n", termSafe(m.RebuiltFrom))
	}
	if m.Replay != "" {
		fmt.Fprintf(tw, "replayed from\t%s\n", termSafe(m.Replay))
	}
	fmt.Fprintf(tw, "tool\tcitynets %s, schema %s\n", termSafe(m.ToolVersion), termSafe(m.SchemaVersion))
	fmt.Fprintf(tw, "gazetteer\t%s (sha256 %s)\n", termSafe(m.Gazetteer.Name), short(m.Gazetteer.SHA256))
	for _, r := range m.Repaired {
		fmt.Fprintf(tw, "repaired\t%s by citynets %s: %d invalid strings replaced\n", r.At.UTC().Format(time.RFC3339), termSafe(r.ToolVersion), r.Replaced)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NETWORK\tSTATUS\tMEMBERS\tPAGES\tBYTES\tDURATION\tVARIANT\tNOTE")
	for _, n := range slices.Sorted(maps.Keys(m.Networks)) {
		st := m.Networks[n]
		note := st.Error
		if st.CarriedFrom != "" {
			note = fmt.Sprintf("%s (carried forward from %s)", note, st.CarriedFrom)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\n", termSafe(n), termSafe(st.Status), st.Members, st.Pages, st.Bytes,
			time.Duration(st.DurationMS)*time.Millisecond, termSafe(m.Specs[n].Variant), termSafe(note))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := printCosts(w, m); err != nil {
		return err
	}

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FILE\tROWS\tBYTES\tSHA256")
	for _, name := range slices.Sorted(maps.Keys(m.Files)) {
		f := m.Files[name]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", termSafe(name), f.Rows, f.Bytes, short(f.SHA256))
	}
	return tw.Flush()
}

// short is the first 12 hex digits of a hash: enough to tell two apart at a
// glance; --json and "snapshots verify" have the whole.
func short(sum string) string {
	if len(sum) > 12 {
		return termSafe(sum[:12])
	}
	return termSafe(sum)
}
