package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"120", 2 * time.Minute, true},
		{" 5 ", 5 * time.Second, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{testNow.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{testNow.Add(-time.Hour).Format(http.TimeFormat), 0, true}, // a date in the past: go now
		{testNow.Add(10 * time.Second).Format(time.RFC850), 10 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			h := http.Header{}
			if tt.value != "" {
				h.Set("Retry-After", tt.value)
			}
			got, ok := retryAfter(h, testNow)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		name    string
		jitter  func(time.Duration) time.Duration
		attempt int
		want    time.Duration
	}{
		{"first, no jitter", func(time.Duration) time.Duration { return 0 }, 1, 500 * time.Millisecond},
		{"first, full jitter", fullJitter, 1, time.Second},
		{"third doubles twice", fullJitter, 3, 4 * time.Second},
		{"capped at max", fullJitter, 20, 10 * time.Second},
		{"capped, no jitter", func(time.Duration) time.Duration { return 0 }, 20, 5 * time.Second},
		{"jitter out of range is clamped", func(d time.Duration) time.Duration { return 10 * d }, 1, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{BackoffBase: time.Second, BackoffMax: 10 * time.Second, Jitter: tt.jitter}
			if got := tr.backoff(tt.attempt); got != tt.want {
				t.Errorf("backoff(%d) = %v, want %v", tt.attempt, got, tt.want)
			}
		})
	}
}

func TestBackoffRandomJitterStaysInRange(t *testing.T) {
	tr := &Transport{BackoffBase: time.Second, BackoffMax: time.Minute}
	for range 200 {
		if d := tr.backoff(2); d < time.Second || d > 2*time.Second {
			t.Fatalf("backoff(2) = %v, want within [1s, 2s]", d)
		}
	}
}

func TestRetryableStatus(t *testing.T) {
	for code, want := range map[int]bool{200: false, 301: false, 403: false, 404: false, 429: true, 500: true, 502: true, 503: true, 504: true} {
		if got := retryableStatus(code); got != want {
			t.Errorf("retryableStatus(%d) = %v, want %v", code, got, want)
		}
	}
}

func TestRetryableError(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want bool
	}{
		{"connection reset", context.Background(), errors.New("read: connection reset by peer"), true},
		{"refused", context.Background(), &net.OpError{Op: "dial", Err: errors.New("connection refused")}, true},
		{"run cancelled", cancelled, context.Canceled, false},
		{"too large", context.Background(), fmt.Errorf("x: %w", ErrTooLarge), false},
		{"not in archive", context.Background(), fmt.Errorf("x: %w", ErrNotInArchive), false},
		{"unknown host", context.Background(), &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}, false},
		{"bad certificate", context.Background(), &tls.CertificateVerificationError{Err: errors.New("x509: unknown authority")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := retryableError(tt.ctx, tt.err); got != tt.want {
				t.Errorf("retryableError(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestSleepContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if time.Since(start) > time.Second {
		t.Error("sleepContext ignored a cancelled context")
	}
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("err = %v", err)
	}
}
