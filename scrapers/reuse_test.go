package scrapers

import (
	"fmt"
	"testing"
	"time"
)

// TestRefetchDue simulates nightly runs: whatever its URL, a page is
// fetched at least every N nights, and the refetch nights of many URLs
// spread over the cycle.
func TestRefetchDue(t *testing.T) {
	start := time.Date(2026, 3, 1, 2, 17, 0, 0, time.UTC)
	for _, n := range []int{1, 2, 7, 30} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			perNight := make([]int, n)
			for u := range 200 {
				url := fmt.Sprintf("https://www.c40.org/cities/city-%d/", u)
				last := start
				for night := 1; night <= 4*n; night++ {
					asOf := start.Add(time.Duration(night) * 24 * time.Hour)
					if refetchDue(url, last, asOf, n) {
						if night > n {
							perNight[night%n]++
						}
						last = asOf
					}
					if gap := asOf.Sub(last); gap >= time.Duration(n)*24*time.Hour {
						t.Fatalf("%s not fetched for %s with reuse_nights %d", url, gap, n)
					}
				}
			}
			for i, c := range perNight {
				if n > 1 && c == 0 {
					t.Errorf("no URL is refetched on night %d of the %d-night cycle: %v", i, n, perNight)
				}
			}
		})
	}
	if !refetchDue("https://x/", time.Time{}, start, 7) {
		t.Error("a page with no known fetch date is due")
	}
}
