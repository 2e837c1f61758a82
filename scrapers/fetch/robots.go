package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"

	"github.com/temoto/robotstxt"
)

// maxRobotsRedirects is how many redirects a robots.txt fetch follows
// (RFC 9309 asks for at least five); beyond them the file counts as
// unavailable, which allows all.
const maxRobotsRedirects = 5

// robotsRules is one host's robots.txt as read.
type robotsRules struct {
	data   *robotstxt.RobotsData
	status int // the final HTTP status of robots.txt
}

// robotsCheck refuses req with ErrRobots when its host's robots.txt
// disallows it. It runs for every request colly sends — the first URL and
// each redirect hop alike — reading each host's own robots.txt once per
// fetcher.
func (f *collyFetcher) robotsCheck(req *http.Request) error {
	if f.ignoreRobots || req.URL.Path == "/robots.txt" {
		return nil
	}
	rules, err := f.robotsOf(req.Context(), req.URL)
	if err != nil {
		return err
	}
	if rules.status >= 500 {
		return fmt.Errorf("%s: %w (robots.txt answered %d, which counts as disallow-all)", req.URL, ErrRobots, rules.status)
	}
	if g := rules.data.FindGroup(f.userAgent); g != nil && !g.Test(robotsPath(req.URL)) {
		return fmt.Errorf("%s: %w", req.URL, ErrRobots)
	}
	return nil
}

// robotsPath is the part of u that robots.txt rules match.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.Query().Encode()
	}
	return p
}

// robotsOf returns the rules of u's scheme and host, fetching them the
// first time through the retrying, archiving transport. A robots.txt that
// could not be fetched at all is not cached: the next page asks again.
func (f *collyFetcher) robotsOf(ctx context.Context, u *url.URL) (*robotsRules, error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	rules, ok := f.robots[key]
	f.mu.Unlock()
	if ok {
		return rules, nil
	}
	rules, err := f.fetchRobots(ctx, key+"/robots.txt")
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.robots[key] = rules
	f.mu.Unlock()
	return rules, nil
}

// fetchRobots reads one robots.txt, following redirects within the allowed
// domains.
func (f *collyFetcher) fetchRobots(ctx context.Context, rawURL string) (*robotsRules, error) {
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			return nil, fmt.Errorf("robots.txt %s: %w", rawURL, err)
		}
		req.Header.Set("User-Agent", f.userAgent)
		resp, err := f.next.RoundTrip(req)
		if err != nil {
			return nil, fmt.Errorf("robots.txt %s: %w", rawURL, err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("robots.txt %s: %w", rawURL, err)
		}
		status := resp.StatusCode
		if status >= 300 && status < 400 {
			next, err := resp.Location()
			if err != nil || hop >= maxRobotsRedirects || !f.allowedHost(next) {
				return &robotsRules{data: allowAllRobots(), status: http.StatusNotFound}, nil
			}
			rawURL = next.String()
			continue
		}
		data, err := robotstxt.FromStatusAndBytes(status, body)
		if err != nil {
			return nil, fmt.Errorf("robots.txt %s: %w", rawURL, err)
		}
		return &robotsRules{data: data, status: status}, nil
	}
}

// allowedHost says whether u is within the allowed domains (any host when
// none are set).
func (f *collyFetcher) allowedHost(u *url.URL) bool {
	return len(f.allowed) == 0 || slices.Contains(f.allowed, u.Hostname())
}

// allowAllRobots is the rule set of a host without a robots.txt.
func allowAllRobots() *robotstxt.RobotsData {
	data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return data
}
