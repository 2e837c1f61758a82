package induce

import "testing"

func logResult(t *testing.T, r *Result) {
	if testing.Verbose() && r != nil {
		y, _ := r.YAML("debug")
		t.Logf("%s notes=%v alts=%d", y, r.Evidence.Notes, len(r.Evidence.Alternatives))
		for _, a := range r.Evidence.Alternatives {
			t.Logf("  alt %s: %s", a.Items, a.Why)
		}
	}
}
