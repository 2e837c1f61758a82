package main

import (
	"strings"
	"testing"
)

// TestDiffTableIsTerminalSafe runs two nights, the second with a member
// named with escape sequences and a bidi override: the JSON diff keeps
// the name as published, the table prints no ESC, BEL or override.
func TestDiffTableIsTerminalSafe(t *testing.T) {
	store := t.TempDir()
	names := nameList(t, "../../scrapers/c40/testdata/sample/names.txt")
	hostile := "Evil\x1b[2J\x1b]0;pwned\x07 Town\u202Egnp"
	for i, list := range [][]string{names, append(append([]string(nil), names[1:]...), hostile)} {
		warc := c40Archive(t, list)
		if code, out, errOut := run(t, "run", "--networks", "c40", "--replay", warc, "--store", store, "-q"); code > exitNetworkFail {
			t.Fatalf("night %d: exit %d\n%s\n%s", i+1, code, out, errOut)
		}
	}
	code, js, errOut := run(t, "diff", "--store", store, "--format", "json")
	if code != exitOK || !strings.Contains(js, `\u001b[2J`) {
		t.Fatalf("diff json: exit %d, want the name kept with its escapes\n%s\n%s", code, js, errOut)
	}
	code, table, errOut := run(t, "diff", "--store", store)
	if code != exitOK {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	if strings.ContainsAny(table, "\x1b\x07\u202E") {
		t.Errorf("diff table carries terminal controls:\n%q", table)
	}
	if !strings.Contains(table, "Evil[2J]0;pwned Towngnp") {
		t.Errorf("diff table lost the member:\n%s", table)
	}
}
