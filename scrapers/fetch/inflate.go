package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// maxCodings bounds how many stacked Content-Encodings are undone; more
// than this is no honest server's answer.
const maxCodings = 3

// errEncoding marks a body whose content coding cannot be undone: unknown,
// stacked too deep, or corrupt at its start.
var errEncoding = errors.New("cannot decode the body")

// inflated wraps body in readers that undo h's content codings, last
// applied first, and — for a body served as a gzip file (Content-Type
// application/x-gzip or gzip, no Content-Encoding) that starts with the
// gzip magic — the gzip itself, as colly would. Readers stream: memory
// stays bounded however far the body inflates, so the caller's cap on the
// returned reader is a cap on inflated bytes. decoded is false when the
// body is returned as it is.
func inflated(h http.Header, body io.Reader) (r io.Reader, decoded bool, err error) {
	codings := contentCodings(h)
	if len(codings) == 0 && isGzipType(h.Get("Content-Type")) {
		br := bufio.NewReader(body)
		if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			codings = []string{"gzip"}
		}
		body = br
	}
	if len(codings) > maxCodings {
		return nil, false, fmt.Errorf("%w: %d stacked content codings", errEncoding, len(codings))
	}
	r = body
	for i := len(codings) - 1; i >= 0; i-- {
		if r, err = decoder(codings[i], r); err != nil {
			return nil, false, err
		}
	}
	return r, len(codings) > 0, nil
}

// contentCodings lists the Content-Encoding codings in the order applied,
// without "identity".
func contentCodings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			if c != "" && c != "identity" {
				out = append(out, c)
			}
		}
	}
	return out
}

func isGzipType(ct string) bool {
	ct = strings.ToLower(ct)
	return strings.Contains(ct, "application/x-gzip") || strings.Contains(ct, "application/gzip")
}

// decoder undoes one coding.
func decoder(coding string, r io.Reader) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", errEncoding, coding, err)
		}
		return zr, nil
	case "deflate":
		// RFC 9110's deflate is zlib-wrapped; some servers send it raw.
		br := bufio.NewReader(r)
		if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("%w: deflate: %v", errEncoding, err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	case "br":
		return brotli.NewReader(r), nil
	default:
		return nil, fmt.Errorf("%w: unsupported Content-Encoding %q", errEncoding, coding)
	}
}

// markDecoded makes h describe a body whose codings were undone: no
// Content-Encoding, and no Content-Length of the coded body. Go's own
// transport does the same when it inflates a response.
func markDecoded(h http.Header) {
	h.Del("Content-Encoding")
	h.Del("Content-Length")
}
