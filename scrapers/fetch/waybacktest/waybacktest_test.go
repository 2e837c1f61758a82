package waybacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var fixtures = []Capture{
	{URL: "https://www.c40.org/cities/", Time: day(2012, 6, 1), Body: []byte("a")},
	{URL: "https://www.c40.org/cities/", Time: day(2012, 6, 1).Add(time.Hour), Body: []byte("a")},
	{URL: "https://www.c40.org/cities/", Time: day(2014, 3, 1), Body: []byte("b")},
	{URL: "https://www.c40.org/cities/", Time: day(2015, 3, 1), Body: []byte("gone"), Status: 404},
	{URL: "https://www.c40.org/cities/page/2", Time: day(2014, 3, 2), Body: []byte("c")},
}

// getURL fetches u without following redirects.
func getURL(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestCDX(t *testing.T) {
	s := New(t, fixtures)
	for _, tc := range []struct {
		query string
		want  []string // timestamps, in order
	}{
		{"url=c40.org/cities/", []string{"20120601000000", "20120601010000", "20140301000000", "20150301000000"}},
		{"url=https://www.c40.org/cities/&filter=statuscode:200", []string{"20120601000000", "20120601010000", "20140301000000"}},
		{"url=c40.org/cities/&filter=!statuscode:200", []string{"20150301000000"}},
		{"url=c40.org/cities/&collapse=timestamp:8", []string{"20120601000000", "20140301000000", "20150301000000"}},
		{"url=c40.org/cities/&collapse=digest", []string{"20120601000000", "20140301000000", "20150301000000"}},
		{"url=c40.org/cities/&from=2013&to=2014", []string{"20140301000000"}},
		{"url=c40.org/cities/&to=20140301000000&limit=-1", []string{"20140301000000"}},
		{"url=c40.org/cities/&limit=2", []string{"20120601000000", "20120601010000"}},
		{"url=c40.org/cities/&matchType=prefix&from=2014&to=2014", []string{"20140301000000", "20140302000000"}},
		{"url=c40.org/cities/*&from=2014&to=2014", []string{"20140301000000", "20140302000000"}},
		{"url=c40.org/nowhere", nil},
	} {
		resp, body := getURL(t, s.URL()+"/cdx/search/cdx?output=json&"+tc.query)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", tc.query, resp.StatusCode)
		}
		var rows [][]string
		if err := json.Unmarshal([]byte(body), &rows); err != nil {
			t.Fatalf("%s: %v in %q", tc.query, err, body)
		}
		var got []string
		for i, r := range rows {
			if i == 0 {
				if strings.Join(r, ",") != "urlkey,timestamp,original,mimetype,statuscode,digest,length" {
					t.Errorf("%s: header %v", tc.query, r)
				}
				continue
			}
			got = append(got, r[1])
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: got %v, want %v", tc.query, got, tc.want)
		}
	}
	if got := s.Count(CDX); got != 11 {
		t.Errorf("Count(CDX) = %d, want 11", got)
	}
}

func TestCapture(t *testing.T) {
	s := New(t, fixtures)
	resp, body := getURL(t, s.URL()+"/web/20140301000000id_/https://www.c40.org/cities/")
	if resp.StatusCode != 200 || body != "b" || resp.Header.Get("Memento-Datetime") != "Sat, 01 Mar 2014 00:00:00 GMT" {
		t.Errorf("exact capture: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, _ = getURL(t, s.URL()+"/web/2014id_/http://c40.org/cities/")
	if resp.StatusCode != 302 || resp.Header.Get("Location") != s.URL()+"/web/20140301000000id_/https://www.c40.org/cities/" {
		t.Errorf("nearest capture: %d to %q, want a 302 to the 2014-03-01 capture", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = getURL(t, s.URL()+"/web/2014id_/https://www.c40.org/nowhere")
	if resp.StatusCode != 404 || !strings.Contains(body, "Hrm.") {
		t.Errorf("no capture: %d %q", resp.StatusCode, body)
	}
	if got := s.Count(CaptureKind); got != 3 {
		t.Errorf("Count(CaptureKind) = %d, want 3", got)
	}
}

func TestFaults(t *testing.T) {
	s := New(t, fixtures,
		Fail(CDX, 1, 429, "5"),
		Redirect("https://www.c40.org/cities/", day(2014, 3, 1), day(2012, 6, 1)),
		ErrorPage("https://www.c40.org/cities/page/2", time.Time{}),
		ArchiveRobots("User-agent: *\nDisallow:\n"),
	)
	resp, _ := getURL(t, s.URL()+"/cdx/search/cdx?url=c40.org/cities/")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "5" {
		t.Errorf("first CDX: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp, _ = getURL(t, s.URL()+"/cdx/search/cdx?url=c40.org/cities/"); resp.StatusCode != 200 {
		t.Errorf("second CDX: %d", resp.StatusCode)
	}
	resp, _ = getURL(t, s.URL()+"/web/20140301000000id_/https://www.c40.org/cities/")
	if !strings.Contains(resp.Header.Get("Location"), "/web/20120601000000id_/") {
		t.Errorf("redirect: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := getURL(t, s.URL()+"/web/20140302000000id_/https://www.c40.org/cities/page/2")
	if resp.StatusCode != 200 || !strings.Contains(body, "Hrm.") || resp.Header.Get("Memento-Datetime") != "" {
		t.Errorf("error page: %d %q", resp.StatusCode, body)
	}
	if resp, body = getURL(t, s.URL()+"/robots.txt"); resp.StatusCode != 200 || !strings.Contains(body, "Disallow:") {
		t.Errorf("robots.txt: %d %q", resp.StatusCode, body)
	}
	if got := s.Count(Robots); got != 1 {
		t.Errorf("Count(Robots) = %d", got)
	}
}

func TestTruncate(t *testing.T) {
	s := New(t, fixtures, Truncate("https://www.c40.org/cities/", 1))
	u := s.URL() + "/web/20140301000000id_/https://www.c40.org/cities/"
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err == nil {
		t.Error("first fetch read in full, want it cut")
	}
	resp, body := getURL(t, u)
	if resp.StatusCode != 200 || body != "b" {
		t.Errorf("second fetch: %d %q, want it whole", resp.StatusCode, body)
	}
}
