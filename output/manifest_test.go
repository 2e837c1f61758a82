package output

import (
	"maps"
	"testing"
)

func TestNetworkStatusPassed(t *testing.T) {
	tests := []struct {
		status string
		want   bool
	}{
		{StatusOK, true},
		{StatusRepaired, true},
		{StatusDegraded, true},
		{StatusFailed, false},
		{StatusSkipped, false},
		{"", false},
		{"OK", false},
	}
	m := &Manifest{Networks: map[string]NetworkStatus{}}
	want := map[string]bool{}
	for _, tt := range tests {
		if got := (NetworkStatus{Status: tt.status}).Passed(); got != tt.want {
			t.Errorf("status %q: Passed = %v, want %v", tt.status, got, tt.want)
		}
		m.Networks["net-"+tt.status] = NetworkStatus{Status: tt.status}
		want["net-"+tt.status] = tt.want
	}
	if got := m.Passed(); !maps.Equal(got, want) {
		t.Errorf("Manifest.Passed = %v, want %v", got, want)
	}
	var none *Manifest
	if got := none.Passed(); len(got) != 0 {
		t.Errorf("nil Manifest.Passed = %v", got)
	}
	if got := m.Statuses(); len(got) != len(tests) || got["net-repaired"] != StatusRepaired {
		t.Errorf("Statuses = %v", got)
	}
}
