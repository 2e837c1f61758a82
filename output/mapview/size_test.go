package mapview

import (
	"io"
	"testing"
)

// countingWriter counts bytes and keeps none.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

// TestSize3000 holds the size budget: a 3,000-place snapshot renders under
// 2 MB.
func TestSize3000(t *testing.T) {
	var w countingWriter
	if err := Render(&w, syntheticInput(3000)); err != nil {
		t.Fatal(err)
	}
	t.Logf("3000 places: %d bytes", w.n)
	if w.n >= 2<<20 {
		t.Errorf("map.html for 3000 places is %d bytes, budget 2 MB", w.n)
	}
}

// BenchmarkRender3000 measures Render on a 3,000-place snapshot and
// reports the page size.
func BenchmarkRender3000(b *testing.B) {
	in := syntheticInput(3000)
	var size int64
	for b.Loop() {
		var w countingWriter
		if err := Render(&w, in); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(float64(size), "html-bytes")
}

// TestSize3000x20 holds the same budget for a time series: 3,000 places
// over 20 snapshot dates.
func TestSize3000x20(t *testing.T) {
	var w countingWriter
	if err := Render(&w, syntheticSeries(3000, 20)); err != nil {
		t.Fatal(err)
	}
	t.Logf("3000 places × 20 dates: %d bytes", w.n)
	if w.n >= 2<<20 {
		t.Errorf("map.html for 3000 places over 20 dates is %d bytes, budget 2 MB", w.n)
	}
}

// BenchmarkRender3000x20 measures Render on a 3,000-place, 20-date series
// and reports the page size.
func BenchmarkRender3000x20(b *testing.B) {
	in := syntheticSeries(3000, 20)
	var size int64
	for b.Loop() {
		var w countingWriter
		if err := Render(&w, in); err != nil {
			b.Fatal(err)
		}
		size = w.n
	}
	b.ReportMetric(float64(size), "html-bytes")
}
