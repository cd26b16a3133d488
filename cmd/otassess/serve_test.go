package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
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

func TestMetrics_CountsEventsAndOutbox(t *testing.T) {
	db := storagetest.Open(t)
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	engine := bot.NewEngine(db, reg, bot.SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{})
	ev := bot.Event{Key: "x:1", Platform: "x", Workspace: "w", Conversation: "C1", User: "U1", Text: "new Plant spoc:<@U2>", Command: true}
	for range 2 {
		if _, err := engine.Handle(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	metrics(mux, engine, db)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`otassess_events_total{result="handled"} 2`, `otassess_events_total{result="duplicate"} 1`, `otassess_outbox_messages{platform="x"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, body)
		}
	}
}
