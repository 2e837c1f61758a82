package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"text/tabwriter"

	"github.com/citynets/citynets/output"
)

// totalCosts adds up what the networks' requests cost; ok is false when
// the run did not count them (a snapshot written before they were).
func totalCosts(m *output.Manifest) (t output.NetworkStatus, ok bool) {
	for _, st := range m.Networks {
		t.Requests += st.Requests
		t.NotModified += st.NotModified
		t.Revisits += st.Revisits
		t.BytesDownloaded += st.BytesDownloaded
		t.BytesStored += st.BytesStored
		t.ReusedPages += st.ReusedPages
	}
	return t, t.Requests > 0
}

// printCostLine is the run summary's line on what fetching cost: how many
// requests went out, how many pages were unchanged, what was downloaded and
// what the archive grew by.
func printCostLine(w io.Writer, m *output.Manifest) {
	t, ok := totalCosts(m)
	if !ok {
		return
	}
	fmt.Fprintf(w, "fetched: %d requests, %d not modified (304), %d stored as revisits, %d pages reused unfetched; %d bytes downloaded, %d bytes archived\n",
		t.Requests, t.NotModified, t.Revisits, t.ReusedPages, t.BytesDownloaded, t.BytesStored)
}

// printCosts is "snapshots show"'s table of the same, per network.
func printCosts(w io.Writer, m *output.Manifest) error {
	t, ok := totalCosts(m)
	if !ok {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NETWORK\tREQUESTS\t304\tREVISITS\tREUSED\tDOWNLOADED\tARCHIVED")
	row := func(name string, st output.NetworkStatus) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", termSafe(name), st.Requests, st.NotModified, st.Revisits, st.ReusedPages, st.BytesDownloaded, st.BytesStored)
	}
	for _, n := range slices.Sorted(maps.Keys(m.Networks)) {
		if st := m.Networks[n]; st.Requests > 0 {
			row(n, st)
		}
	}
	row("total", t)
	return tw.Flush()
}
