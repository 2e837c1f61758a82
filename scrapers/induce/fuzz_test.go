package induce

import (
	"context"
	"testing"
	"time"
)

// FuzzInduce: arbitrary HTML with a few known names never panics and
// finishes in bounded time. The seeds are constructed pages.
func FuzzInduce(f *testing.F) {
	f.Add([]byte(`<ul class="m"><li><a href="/a">Berlin</a>, Germany</li><li><a href="/b">Paris (France)</a></li><li>Rome</li></ul>`), "Berlin")
	f.Add([]byte(`<p><b>C40 has</b><span>97</span><i>member cities</i></p><table><tr><td>Lima</td><td>Peru</td></tr><tr><td>Quito</td><td>Ecuador</td></tr></table>`), "Lima")
	f.Add([]byte(`<div><div><div>Oslo | Norway</div><div>Bonn – Germany</div><a rel="next" href="?page=2">›</a></div></div>`), "City of Oslo")
	f.Add([]byte("<ul><li>\x00</li><li>Ber\xfflin</li><li></li><li><li><li>"), "Berlin, DE")
	f.Fuzz(func(t *testing.T, page []byte, name string) {
		known := []Known{{Name: name}, {Name: "Berlin", Country: "Germany"}, {Name: "Paris"}, {Name: "Rome"}, {Name: "Oslo"}, {Name: "Lima"}}
		fetch := func(context.Context, string) ([]byte, error) { return page, nil }
		start := time.Now()
		r, err := Induce(context.Background(), []Page{{URL: "https://example.org/list?page=1", HTML: page}}, known, Options{Fetch: fetch, MaxPages: 3})
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("induction took %v", d)
		}
		if err == nil {
			if _, err := r.YAML("fuzz"); err != nil {
				t.Fatal(err)
			}
		}
	})
}
