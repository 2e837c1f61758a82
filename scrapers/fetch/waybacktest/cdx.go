package waybacktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// cdxFields are the CDX API's default fields, in its order.
var cdxFields = []string{"urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"}

// serveCDX answers /cdx/search/cdx.
func (s *Server) serveCDX(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	target := q.Get("url")
	if target == "" {
		http.Error(w, "url is required", http.StatusBadRequest)
		return
	}
	prefix := q.Get("matchType") == "prefix"
	if strings.HasSuffix(target, "*") {
		prefix, target = true, strings.TrimSuffix(target, "*")
	}
	filters, err := parseFilters(q["filter"])
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fields := cdxFields
	if fl := q.Get("fl"); fl != "" {
		fields = strings.Split(fl, ",")
	}
	rows := s.match(urlKey(target), prefix, q.Get("from"), q.Get("to"))
	rows = filterRows(rows, filters)
	rows = collapse(rows, q.Get("collapse"))
	rows = limit(rows, q.Get("limit"))
	if q.Get("output") == "json" {
		writeJSON(w, fields, rows, s.cfg.headerEmpty)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	for _, row := range rows {
		_, _ = w.Write([]byte(strings.Join(project(row, fields), " ") + "\n"))
	}
}

// match lists the rows of captures whose key is key (or starts with it),
// between from and to inclusive.
func (s *Server) match(key string, prefix bool, from, to string) []map[string]string {
	lo := from + strings.Repeat("0", 14-min(len(from), 14))
	hi := to + strings.Repeat("9", 14-min(len(to), 14))
	var rows []map[string]string
	for _, c := range s.captures {
		if c.key != key && !(prefix && strings.HasPrefix(c.key, key)) {
			continue
		}
		if (from != "" && c.stamp < lo) || (to != "" && c.stamp > hi) {
			continue
		}
		rows = append(rows, row(c))
	}
	return rows
}

// row is a capture's CDX fields.
func row(c stored) map[string]string {
	mime := "text/html"
	if ct := c.Header.Get("Content-Type"); ct != "" {
		mime = strings.TrimSpace(strings.Split(ct, ";")[0])
	}
	return map[string]string{
		"urlkey":     c.key,
		"timestamp":  c.stamp,
		"original":   c.URL,
		"mimetype":   mime,
		"statuscode": strconv.Itoa(c.Status),
		"digest":     digest(c.Body),
		"length":     strconv.Itoa(len(c.Body)),
	}
}

type rowFilter struct {
	field string
	re    *regexp.Regexp
	not   bool
}

// parseFilters reads filter=[!]field:regex; the regex must match the whole
// field, as Java's matches() does.
func parseFilters(specs []string) ([]rowFilter, error) {
	var out []rowFilter
	for _, f := range specs {
		not := strings.HasPrefix(f, "!")
		field, expr, ok := strings.Cut(strings.TrimPrefix(f, "!"), ":")
		if !ok {
			return nil, &url.Error{Op: "filter", URL: f, Err: http.ErrNotSupported}
		}
		re, err := regexp.Compile("^(?:" + expr + ")$")
		if err != nil {
			return nil, err
		}
		out = append(out, rowFilter{field: field, re: re, not: not})
	}
	return out, nil
}

func filterRows(rows []map[string]string, filters []rowFilter) []map[string]string {
	var out []map[string]string
	for _, r := range rows {
		keep := true
		for _, f := range filters {
			if f.re.MatchString(r[f.field]) == f.not {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, r)
		}
	}
	return out
}

// collapse drops each row whose field (its first N characters with
// field:N) equals that of the row kept before it.
func collapse(rows []map[string]string, spec string) []map[string]string {
	if spec == "" {
		return rows
	}
	field, ns, _ := strings.Cut(spec, ":")
	n, _ := strconv.Atoi(ns)
	cut := func(v string) string {
		if n > 0 && len(v) > n {
			return v[:n]
		}
		return v
	}
	var out []map[string]string
	last := "\x00"
	for _, r := range rows {
		if v := cut(r[field]); v != last {
			out = append(out, r)
			last = v
		}
	}
	return out
}

// limit keeps the first N rows, or the last -N.
func limit(rows []map[string]string, spec string) []map[string]string {
	n, err := strconv.Atoi(spec)
	switch {
	case err != nil || n == 0:
		return rows
	case n > 0 && n < len(rows):
		return rows[:n]
	case n < 0 && -n < len(rows):
		return rows[len(rows)+n:]
	}
	return rows
}

func project(row map[string]string, fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = row[f]
	}
	return out
}

func writeJSON(w http.ResponseWriter, fields []string, rows []map[string]string, headerEmpty bool) {
	out := [][]string{}
	if len(rows) > 0 || headerEmpty {
		out = append(out, fields)
	}
	for _, r := range rows {
		out = append(out, project(r, fields))
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
