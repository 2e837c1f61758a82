//go:build browser

package mapview

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestScratch(t *testing.T) {
	browser := newBrowser(t)
	file := writePage(t, t.TempDir(), "big.html", syntheticInput(3000))
	tb := openTab(t, browser, file, chromedp.EmulateViewport(1280, 900))
	for _, js := range []string{
		`(() => { document.styleSheets[0].insertRule('#dots circle{transition:none !important}', document.styleSheets[0].cssRules.length); return 0; })()`,
		`(() => { const s = document.getElementById('map-svg'); const t0 = performance.now(); s.classList.toggle('hl'); getComputedStyle(document.querySelector('#dots circle')).fillOpacity; return performance.now() - t0; })()`,
		`(() => { const s = document.getElementById('map-svg'); const t0 = performance.now(); s.classList.toggle('hl'); getComputedStyle(document.querySelector('#dots circle')).fillOpacity; return performance.now() - t0; })()`,
		`(() => { const c = document.querySelectorAll('#dots circle'); const t0 = performance.now(); for (let i = 0; i < 1000; i++) c[i].classList.toggle('on'); getComputedStyle(c[0]).fillOpacity; return performance.now() - t0; })()`,
		`(() => { document.styleSheets[0].insertRule('#dots circle, .land path{vector-effect:none !important}', document.styleSheets[0].cssRules.length); return 0; })()`,
		`(() => { const s = document.getElementById('map-svg'); const t0 = performance.now(); s.classList.toggle('hl'); getComputedStyle(document.querySelector('#dots circle')).fillOpacity; return performance.now() - t0; })()`,
		`(() => { const s = document.getElementById('map-svg'); const t0 = performance.now(); s.classList.toggle('hl'); getComputedStyle(document.querySelector('#dots circle')).fillOpacity; return performance.now() - t0; })()`,
		`(() => { const t0 = performance.now(); document.body.getBoundingClientRect(); return performance.now() - t0; })()`,
		`(() => { const c = document.querySelectorAll('#dots circle'); const t0 = performance.now(); for (let i = 0; i < 1000; i++) c[i].classList.toggle('on'); document.body.getBoundingClientRect(); return performance.now() - t0; })()`,
		`(() => { const t0 = performance.now(); const d = JSON.parse(document.getElementById('citynets-data').textContent); return performance.now() - t0; })()`,
		`(() => { const t0 = performance.now(); for (let i = 0; i < 9000; i++) ('Saint-Étienne-sur-Rivière ' + i).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); return performance.now() - t0; })()`,
	} {
		t.Logf("%.1f ms", eval[float64](tb, js))
	}
}
