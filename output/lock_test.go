package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestLockContention(t *testing.T) {
	ctx := context.Background()
	first := newStore(t)
	second, err := OpenStore(first.Dir()) // another process, as far as flock(2) can tell
	if err != nil {
		t.Fatal(err)
	}

	unlock, err := first.Lock(ctx, false, "citynets run --networks c40")
	if err != nil {
		t.Fatal(err)
	}

	_, err = second.Lock(ctx, false, "citynets prune")
	var locked *LockedError
	if !errors.As(err, &locked) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock = %v, want LockedError", err)
	}
	for _, want := range []string{"citynets run --networks c40", fmt.Sprintf("pid %d", os.Getpid())} {
		if !strings.Contains(locked.Holder, want) {
			t.Errorf("holder %q does not say %q", locked.Holder, want)
		}
	}

	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	_, err = second.Lock(short, true, "citynets prune")
	if !errors.As(err, &locked) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("waiting Lock past its deadline = %v", err)
	}

	// A waiter gets the lock once the holder lets go.
	go func() {
		time.Sleep(100 * time.Millisecond)
		unlock()
	}()
	waitCtx, cancel2 := context.WithTimeout(ctx, 5*time.Second)
	defer cancel2()
	unlock2, err := second.Lock(waitCtx, true, "citynets prune")
	if err != nil {
		t.Fatalf("waiting Lock after release = %v", err)
	}
	if err := unlock2(); err != nil {
		t.Fatal(err)
	}
	if err := unlock2(); err != nil {
		t.Errorf("second unlock = %v", err)
	}
	if err := unlock(); err != nil {
		t.Errorf("repeated unlock = %v", err)
	}

	// Released: the first can take it again without waiting.
	unlock3, err := first.Lock(ctx, false, "again")
	if err != nil {
		t.Fatalf("Lock after release = %v", err)
	}
	unlock3()
}
