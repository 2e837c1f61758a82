package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryableStatus says whether a status is worth asking again: 429 (the site
// asked us to slow down) and 5xx (the site is having trouble). Every other
// status is the site's answer and is returned as it is.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code <= 599)
}

// retryableError says whether a failed attempt is worth repeating: network
// trouble is, our own refusals, a cancelled run, a bad certificate or an
// unknown host are not.
func retryableError(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	for _, permanent := range []error{ErrTooLarge, ErrNotInArchive, ErrBadArchive, ErrOffsite, ErrTooManyRedirects, ErrRobots, ErrNoCapture, ErrArchiveErrorPage, ErrTruncatedCapture, ErrBadCDX} {
		if errors.Is(err, permanent) {
			return false
		}
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	return true
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date,
// relative to now. ok is false when the header is absent or unreadable.
func retryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(time.Duration(1<<62)/time.Second) {
			secs = int64(time.Duration(1<<62) / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// backoff is the wait before try attempt+1: BackoffBase doubled per failed
// attempt, capped at BackoffMax, with "equal jitter" (half fixed, half
// random) so that many clients do not retry in step.
func (t *Transport) backoff(attempt int) time.Duration {
	d := t.BackoffBase
	for i := 1; i < attempt && d < t.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, t.BackoffMax)
	half := d / 2
	jitter := t.Jitter
	if jitter == nil {
		jitter = randomJitter
	}
	return d - half + min(max(jitter(half), 0), half)
}

// randomJitter returns a uniformly random duration in [0, d].
func randomJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// sleepContext waits d or until ctx is done, whichever comes first, and then
// returns ctx's error if it is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
