package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/storage/storagetest"
)

func TestClaimLease_RefusedWhileAnotherServeHoldsIt(t *testing.T) {
	db := storagetest.Open(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := db.AcquireLease(ctx, "serve", "otherhost/42", time.Now(), time.Minute); err != nil {
		t.Fatal(err)
	}
	_, err := claimLease(ctx, db, log)
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "another otassess serve (otherhost/42)") {
		t.Fatalf("err = %v, want a usage error naming the holder", err)
	}
	if err := db.ReleaseLease(ctx, "serve", "otherhost/42"); err != nil {
		t.Fatal(err)
	}
	l, err := claimLease(ctx, db, log)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	cancel()
	if err := l.Run(runCtx); err != nil { // releases on the way out
		t.Fatal(err)
	}
	if err := db.AcquireLease(ctx, "serve", "otherhost/42", time.Now(), time.Minute); err != nil {
		t.Errorf("the lease was not released when serve stopped: %v", err)
	}
}
