package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/storage/storagetest"
)

func TestMetrics_CountsEventsAndOutbox(t *testing.T) {
	db := storagetest.Open(t)
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	en := engine.New(db, reg, bot.SystemClock{}, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{})
	ev := bot.Event{Key: "x:1", Platform: "x", Workspace: "w", Conversation: "C1", User: "U1", Text: "new Plant spoc:<@U2>", Command: true}
	for range 2 {
		if _, err := en.Handle(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	serveMetrics(mux, newProductMetrics(), en, db)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`otassess_events_total{result="handled"} 2`, `otassess_events_total{result="duplicate"} 1`, `otassess_outbox_messages{platform="x"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, body)
		}
	}
}
