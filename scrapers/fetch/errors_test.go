package fetch

import (
	"errors"
	"fmt"
	"testing"
)

func TestHTTPError(t *testing.T) {
	tests := []struct {
		status      int
		wantBlocked bool
		wantText    string
	}{
		{403, true, "https://www.c40.org/cities: HTTP 403 Forbidden"},
		{404, false, "https://www.c40.org/cities: HTTP 404 Not Found"},
		{500, false, "https://www.c40.org/cities: HTTP 500 Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			err := fmt.Errorf("scrape c40: %w", &HTTPError{URL: "https://www.c40.org/cities", Status: tt.status})
			if got := errors.Is(err, ErrBlocked); got != tt.wantBlocked {
				t.Errorf("errors.Is(ErrBlocked) = %v, want %v", got, tt.wantBlocked)
			}
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != tt.status {
				t.Errorf("errors.As lost the status: %v", he)
			}
			if got := he.Error(); got != tt.wantText {
				t.Errorf("Error() = %q, want %q", got, tt.wantText)
			}
		})
	}
}
