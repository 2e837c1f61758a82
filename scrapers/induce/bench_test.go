package induce

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// syllables build made-up but name-like place names for the benchmark's
// generated page.
var syllables = []string{"ka", "lo", "ber", "min", "sta", "vel", "dor", "ran", "tu", "qui", "mar", "sen", "hol", "bri", "na", "zel"}

func fakeName(i int) string {
	var b strings.Builder
	for k := 0; k < 3; k++ {
		b.WriteString(syllables[(i>>(4*k))&15])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:] + fmt.Sprintf(" %c", 'A'+rune(i>>12))
}

// bigPage is a generated ~2 MB page of n member cards, each with a link, a
// country and a paragraph of text, between a menu and a footer.
func bigPage(n int) ([]byte, []Known) {
	var b strings.Builder
	b.WriteString(`<html><head><title>Members</title><style>.card{margin:0}</style></head><body><nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav><p class="intro"><b>The network has</b><span>3,000</span><i>member cities</i></p><div class="directory"><ul class="cards">`)
	var known []Known
	for i := 0; i < n; i++ {
		name, country := fakeName(i), countryNames[i%len(countryNames)]
		fmt.Fprintf(&b, `<li class="card-item"><div class="card"><div class="card-body"><h3 class="card-title"><a href="/members/member-%d/">%s</a></h3><p class="card-country"><span class="flag flag-%d"></span>%s</p><p class="card-text">Member since %d. A city committed to climate action, clean air, resilient infrastructure and a just transition for all its residents and neighbourhoods, with a plan adopted by its council and reviewed every five years by an independent panel of residents, scientists and officials./p><ul class="tags"><li>climate</li><li>energy</li></ul><a class="btn" href="/members/member-%d/">Read more</a></div></div></li>`+"\n", i, name, i%50, country, 1990+i%30, i)
		// 15 % of the listed members are new; as many known ones have left.
		if i%7 != 0 {
			known = append(known, Known{Name: name, Country: country})
		} else {
			known = append(known, Known{Name: fakeName(i+n) + " Old", Country: country})
		}
	}
	b.WriteString(`</ul></div><footer><a href="/privacy">Privacy</a></footer></body></html>`)
	return []byte(b.String()), known
}

func TestBigPage(t *testing.T) {
	page, known := bigPage(3000)
	r, err := Induce(context.Background(), []Page{{URL: "https://example.org/members", HTML: page}}, known, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Evidence.Records != 3000 || r.Evidence.Claimed != 3000 {
		t.Errorf("records %d claimed %d, want 3000", r.Evidence.Records, r.Evidence.Claimed)
	}
	t.Logf("%d bytes, %+v", len(page), r.Source)
}

// BenchmarkInduce2MB: a generated 2 MB page with 3,000 records and 3,000
// known names.
func BenchmarkInduce2MB(b *testing.B) {
	page, known := bigPage(3000)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Induce(context.Background(), []Page{{URL: "https://example.org/members", HTML: page}}, known, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
