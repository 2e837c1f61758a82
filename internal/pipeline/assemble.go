package pipeline

import (
	"context"
	"slices"
	"time"

	"github.com/citynets/citynets"
	"github.com/citynets/citynets/output"
	"github.com/citynets/citynets/scrapers"
)

// assemble turns the outcomes into the snapshot's tables and manifest:
// fresh members for networks that passed, carried-forward rows for those
// that failed or were not selected, then places, changes and history.
func (o *Options) assemble(ctx context.Context, id string, start time.Time, parent *snapshot, j *job, outcomes []outcome) (*citynets.Tables, *output.Manifest) {
	m := &output.Manifest{
		ID: id, CreatedAt: start, ParentID: parent.ID(), ToolVersion: o.ToolVersion,
		SchemaVersion: citynets.SchemaVersion, Gazetteer: j.gazetteer, RebuiltFrom: o.RebuildFrom,
		Networks: map[string]output.NetworkStatus{}, Specs: map[string]output.SpecInfo{},
	}
	if o.RebuildFrom == "" {
		m.Replay = o.Replay
	}
	var members []citynets.Member
	ok := map[string]bool{}
	for _, oc := range outcomes {
		rows, st := o.settle(oc, parent)
		members = append(members, rows...)
		m.Networks[oc.net.ID] = st
		ok[oc.net.ID] = st.Passed()
		m.Specs[oc.net.ID] = specInfo(oc)
	}
	for _, id := range parent.networks() {
		if _, done := m.Networks[id]; !done {
			rows := parent.carry(id)
			members = append(members, rows...)
			st := output.NetworkStatus{Status: output.StatusSkipped, Members: len(rows)}
			if len(rows) > 0 {
				st.CarriedFrom = rows[0].CarriedFrom
			}
			m.Networks[id] = st
		}
	}
	sortByNetwork(members)
	members, places := j.matcher.Enrich(ctx, members)
	in := output.DiffInput{FromID: parent.ID(), ToID: id, From: parent.members0(), To: members, FromOK: parent.ok(), ToOK: ok,
		FromSchemaVersion: parent.schemaVersion()}
	// Ids before the diff and the history: both report and follow them.
	output.AssignMemberIDs(in, parent.history())
	changes := output.Diff(in)
	if o.RebuildFrom != "" {
		for i := range changes {
			changes[i].Cause = citynets.CauseProcessing
		}
	}
	history := output.UpdateHistory(parent.history(), id, members, ok)
	return &citynets.Tables{Members: members, Places: places, Changes: changes, History: history}, m
}

// settle decides a network's rows and status from its outcome.
func (o *Options) settle(oc outcome, parent *snapshot) ([]citynets.Member, output.NetworkStatus) {
	st := output.NetworkStatus{Status: output.StatusOK, DurationMS: oc.duration.Milliseconds()}
	costs(&st, oc.costs)
	if r := oc.result; r != nil {
		st.Pages, st.Bytes, st.ReusedPages = r.Pages, r.Bytes, r.Reused
		st.InvalidUTF8, st.Truncated = r.InvalidUTF8, r.Truncated
		if c := r.Claimed(); c >= 0 {
			st.Claimed = c
		}
	}
	if oc.err == nil {
		st.Members = len(oc.result.Members)
		if oc.collection != nil && oc.collection.Repaired {
			st.Status, st.Repair = output.StatusRepaired, repairInfo(oc)
		} else if d := oc.result.Degraded; len(d) > 0 {
			carried, from := carryDetail(oc.result.Members, parent.members(oc.net.ID), d, parent.ID())
			st.Status, st.Error = output.StatusDegraded, degradedNote(d, carried, from)
		}
		return oc.result.Members, st
	}
	rows := parent.carry(oc.net.ID)
	st.Status, st.Error, st.Members = output.StatusFailed, scrapers.Reason(oc.err), len(rows)
	if len(rows) > 0 {
		st.CarriedFrom = rows[0].CarriedFrom
	}
	return rows, st
}

func specInfo(oc outcome) output.SpecInfo {
	si := output.SpecInfo{SHA256: oc.spec.SHA256, Dir: oc.spec.Origin}
	if oc.result != nil {
		si.Variant = oc.result.Variant
	}
	if oc.specPath != "" {
		// Read with a spec stored in the snapshot, not from a folder.
		si.File, si.Dir = oc.specPath, ""
		if oc.collection != nil && oc.collection.Repaired {
			si.SHA256 = sha256Hex(oc.storeSpec)
		}
	}
	return si
}

// sortByNetwork orders rows by network id, keeping each network's page order.
func sortByNetwork(ms []citynets.Member) {
	slices.SortStableFunc(ms, func(a, b citynets.Member) int {
		switch {
		case a.Network < b.Network:
			return -1
		case a.Network > b.Network:
			return 1
		}
		return 0
	})
}
