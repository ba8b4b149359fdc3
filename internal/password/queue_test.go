package password

import (
	"context"
	"errors"
	"testing"
)

func TestBusyAtOnceWhenTheQueueIsFull(t *testing.T) {
	h := NewHasherQueue(Params{MemoryKiB: 64, Time: 1, Threads: 1}, 1, 1)
	ctx := context.Background()
	good, err := h.Hash(ctx, "een-goed-wachtwoord")
	if err != nil {
		t.Fatal(err)
	}
	// One hash running and one waiting fill the hasher.
	h.queue <- struct{}{}
	h.queue <- struct{}{}
	if err := h.Verify(ctx, good, "een-goed-wachtwoord"); !errors.Is(err, ErrBusy) {
		t.Fatalf("Verify with a full queue = %v, want ErrBusy", err)
	}
	if _, err := h.Hash(ctx, "x"); !errors.Is(err, ErrBusy) {
		t.Fatalf("Hash with a full queue = %v, want ErrBusy", err)
	}
	// No account: busy too, not a quick "mismatch" that would tell.
	if err := h.Verify(ctx, "", "een-goed-wachtwoord"); !errors.Is(err, ErrBusy) {
		t.Fatalf("Verify of no account with a full queue = %v, want ErrBusy", err)
	}
	<-h.queue
	<-h.queue
	if err := h.Verify(ctx, good, "een-goed-wachtwoord"); err != nil {
		t.Fatalf("Verify after the queue drained = %v", err)
	}
	if len(h.queue) != 0 || len(h.sem) != 0 {
		t.Fatalf("places left taken: queue %d, running %d", len(h.queue), len(h.sem))
	}
	// A waiter whose request ends gives its place back.
	h.sem <- struct{}{}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := h.Verify(cctx, good, "een-goed-wachtwoord"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Verify of an ended request = %v", err)
	}
	<-h.sem
	if len(h.queue) != 0 {
		t.Fatalf("an ended request kept its place in the queue")
	}
}

func TestPriorityIsNeverBusy(t *testing.T) {
	h := NewHasherQueue(Params{MemoryKiB: 64, Time: 1, Threads: 1}, 1, 1)
	ctx := context.Background()
	good, err := h.Hash(ctx, "een-goed-wachtwoord")
	if err != nil {
		t.Fatal(err)
	}
	h.queue <- struct{}{}
	h.queue <- struct{}{}
	if err := h.Verify(ctx, good, "een-goed-wachtwoord"); !errors.Is(err, ErrBusy) {
		t.Fatalf("Verify with a full queue = %v, want ErrBusy", err)
	}
	if err := h.VerifyPriority(ctx, good, "een-goed-wachtwoord"); err != nil {
		t.Fatalf("VerifyPriority with a full queue = %v, want it checked", err)
	}
	if err := h.VerifyPriority(ctx, good, "fout"); !errors.Is(err, ErrMismatch) {
		t.Fatalf("VerifyPriority of a wrong password = %v", err)
	}
	if len(h.queue) != 2 || len(h.sem) != 0 {
		t.Fatalf("after priority hashes: queue %d, running %d; want 2, 0", len(h.queue), len(h.sem))
	}
}
