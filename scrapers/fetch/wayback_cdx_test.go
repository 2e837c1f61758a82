package fetch

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestParseCDX(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      string
		want    []string // "stamp original status length mime digest"
		wantErr bool
	}{
		{
			name: "documented example",
			in:   `[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],["org,archive)/","19970126045828","http://www.archive.org:80/","text/html","200","Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY","1415"]]`,
			want: []string{"19970126045828 http://www.archive.org:80/ 200 1415 text/html Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY"},
		},
		{
			name: "fields by name, in another order",
			in:   `[["original","statuscode","timestamp"],["http://c40.org/","301","20140301000000"]]`,
			want: []string{"20140301000000 http://c40.org/ 301 0  "},
		},
		{
			name: "dash for status and length",
			in:   `[["timestamp","original","statuscode","length"],["20140301000000","http://c40.org/","-","-"]]`,
			want: []string{"20140301000000 http://c40.org/ 0 0  "},
		},
		{
			name: "numbers instead of strings",
			in:   `[["timestamp","original","statuscode","length"],["20140301000000","http://c40.org/",200,1234]]`,
			want: []string{"20140301000000 http://c40.org/ 200 1234  "},
		},
		{
			name: "resume key after an empty row",
			in:   `[["timestamp","original"],["20140301000000","http://c40.org/"],[],["org%2Cc40%29%2F+20140301000000%21"]]`,
			want: []string{"20140301000000 http://c40.org/ 0 0  "},
		},
		{name: "empty array", in: `[]`},
		{name: "header only", in: `[["urlkey","timestamp","original"]]`},
		{name: "no body", in: " \n"},
		{name: "not JSON", in: `org,c40)/ 20140301000000 http://c40.org/ text/html 200 X 10`, wantErr: true},
		{name: "no timestamp field", in: `[["urlkey","original"],["x","http://c40.org/"]]`, wantErr: true},
		{
			name: "short timestamp completed",
			in:   `[["timestamp","original"],["201403","http://c40.org/"]]`,
			want: []string{"20140301000000 http://c40.org/ 0 0  "},
		},
		{name: "too short a timestamp", in: `[["timestamp","original"],["201","http://c40.org/"]]`, wantErr: true},
		{name: "timestamp not digits", in: `[["timestamp","original"],["2014030100000x","http://c40.org/"]]`, wantErr: true},
		{name: "impossible date", in: `[["timestamp","original"],["20141301000000","http://c40.org/"]]`, wantErr: true},
		{name: "short row", in: `[["timestamp","original","statuscode"],["20140301000000","http://c40.org/"]]`, wantErr: true},
		{name: "bad status", in: `[["timestamp","original","statuscode"],["20140301000000","http://c40.org/","abc"]]`, wantErr: true},
		{name: "negative length", in: `[["timestamp","original","length"],["20140301000000","http://c40.org/","-5"]]`, wantErr: true},
		{name: "empty original", in: `[["timestamp","original"],["20140301000000",""]]`, wantErr: true},
		{name: "object cell", in: `[["timestamp","original"],["20140301000000",{}]]`, wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			caps, err := ParseCDX([]byte(tc.in))
			if tc.wantErr {
				if !errors.Is(err, ErrBadCDX) {
					t.Fatalf("ParseCDX = %v, %v; want ErrBadCDX", caps, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range caps {
				got = append(got, strings.Join([]string{c.Stamp(), c.Original, itoa(c.Status), itoa(int(c.Length)), c.Mime, c.Digest}, " "))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("ParseCDX:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzParseCDX checks that no answer makes the parser panic, and that
// what it accepts is usable: a URL and a real 14-digit time in each row.
func FuzzParseCDX(f *testing.F) {
	f.Add([]byte(`[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],["org,archive)/","19970126045828","http://www.archive.org:80/","text/html","200","Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY","1415"]]`))
	f.Add([]byte(`[["timestamp","original","statuscode","length"],["20140301000000","http://c40.org/","-","-"],[],["key"]]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[[]]`))
	f.Add([]byte(`[["original","timestamp"],[1,2]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		caps, err := ParseCDX(data)
		if err != nil {
			if !errors.Is(err, ErrBadCDX) {
				t.Fatalf("error %v does not match ErrBadCDX", err)
			}
			return
		}
		for _, c := range caps {
			if c.Original == "" || len(c.Stamp()) != 14 || c.Status < 0 || c.Length < 0 {
				t.Fatalf("accepted an unusable row: %+v", c)
			}
		}
	})
}
