package output

import (
	"context"
	"testing"
	"time"
)

func TestTmpTiming(t *testing.T) {
	t0 := time.Now()
	tb := syntheticTables(batchRows + 17)
	t.Log("gen", time.Since(t0))
	dir := t.TempDir()
	t0 = time.Now()
	if _, err := WriteTables(context.Background(), dir, testID, tb); err != nil {
		t.Fatal(err)
	}
	t.Log("write", time.Since(t0))
	t0 = time.Now()
	got, err := ReadTables(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("read", time.Since(t0))
	t0 = time.Now()
	diffTables(t, got, normalise(tb))
	t.Log("diff", time.Since(t0))
}
