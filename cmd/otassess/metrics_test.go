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
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/storage/storagetest"
)

// refusing is a Sender that refuses every message for good.
type refusing struct{}

func (refusing) Send(context.Context, bot.Outgoing) error {
	return &outbox.PermanentError{Code: "channel_not_found", Err: errors.New("refused")}
}

func TestMetrics_CountsDeadLettersApartFromTheQueue(t *testing.T) {
	db := storagetest.Open(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	en := engine.New(db, reg, bot.SystemClock{}, log, bot.Config{})
	err = db.Update(ctx, func(tx bot.Tx) error {
		for _, c := range []string{"C1", "C2"} {
			if err := tx.Enqueue(bot.Outgoing{Platform: "x", Conversation: c, Reply: bot.Reply{Text: "hi"}, NotBefore: time.Now()}); err != nil {
				return err
			}
		}
		return tx.Enqueue(bot.Outgoing{Platform: "y", Conversation: "C1", Reply: bot.Reply{Text: "hi"}, NotBefore: time.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	d := &outbox.Dispatcher{Store: db, Sender: refusing{}, Platform: "x", Clock: bot.SystemClock{}, Log: log}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	serveMetrics(mux, newProductMetrics(), en, db)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{`otassess_outbox_dead_messages{platform="x"} 2`, `otassess_outbox_messages{platform="y"} 1`, `otassess_outbox_oldest_seconds{platform="y"}`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, body)
		}
	}
	if strings.Contains(body, `otassess_outbox_messages{platform="x"}`) {
		t.Errorf("dead letters are counted as waiting:\n%s", body)
	}
}
