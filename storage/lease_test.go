package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestLease_SecondHolderRefusedUntilExpiryOrRelease(t *testing.T) {
	db := storagetest.Open(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if err := db.AcquireLease(ctx, "serve", "a", now, time.Minute); err != nil {
		t.Fatal(err)
	}
	var held *storage.LeaseHeldError
	if err := db.AcquireLease(ctx, "serve", "b", now.Add(30*time.Second), time.Minute); !errors.As(err, &held) || held.Holder != "a" {
		t.Fatalf("b while a holds: err = %v, want LeaseHeldError naming a", err)
	}
	if err := db.AcquireLease(ctx, "serve", "a", now.Add(50*time.Second), time.Minute); err != nil {
		t.Fatalf("renewal by the holder: %v", err)
	}
	if err := db.AcquireLease(ctx, "serve", "b", now.Add(100*time.Second), time.Minute); err == nil {
		t.Fatal("the renewed lease should still hold at +100s")
	}
	if err := db.AcquireLease(ctx, "serve", "b", now.Add(111*time.Second), time.Minute); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	if err := db.ReleaseLease(ctx, "serve", "a"); err != nil { // not a's any more: no effect
		t.Fatal(err)
	}
	if err := db.AcquireLease(ctx, "serve", "a", now.Add(112*time.Second), time.Minute); err == nil {
		t.Fatal("a released nothing of b's, so a must still be refused")
	}
	if err := db.ReleaseLease(ctx, "serve", "b"); err != nil {
		t.Fatal(err)
	}
	if err := db.AcquireLease(ctx, "serve", "a", now.Add(113*time.Second), time.Minute); err != nil {
		t.Fatalf("after release: %v", err)
	}
}
