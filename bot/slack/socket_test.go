package slack_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack/slacktest"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
	slackbot "github.com/otassess/otassess/bot/slack"
	"github.com/otassess/otassess/storage/storagetest"
)

// socketDriver plays Slack's side of the Socket Mode WebSocket: it says
// hello, writes the envelopes the test sends and hands back the acks.
type socketDriver struct {
	envelopes chan map[string]any
	acks      chan map[string]any
}

func (d *socketDriver) binder(c slacktest.Customize) {
	c.Handle("/ws", slacktest.Websocket(func(conn *websocket.Conn) {
		if err := conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1}); err != nil {
			return
		}
		closed := make(chan struct{})
		go func() {
			defer close(closed)
			for {
				var m map[string]any
				if err := conn.ReadJSON(&m); err != nil {
					return
				}
				d.acks <- m
			}
		}()
		for {
			select {
			case env := <-d.envelopes:
				if err := conn.WriteJSON(env); err != nil {
					return
				}
			case <-closed:
				return
			}
		}
	}))
}

// send writes an envelope and returns its ack.
func (d *socketDriver) send(t *testing.T, id, kind string, payload any) map[string]any {
	t.Helper()
	d.envelopes <- map[string]any{"type": kind, "envelope_id": id, "payload": payload, "accepts_response_payload": kind == "slash_commands"}
	select {
	case ack := <-d.acks:
		if ack["envelope_id"] != id {
			t.Fatalf("ack for %v, want %s", ack["envelope_id"], id)
		}
		return ack
	case <-time.After(10 * time.Second):
		t.Fatalf("no ack for envelope %s", id)
		return nil
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func slash(user, text, trigger string) map[string]any {
	return map[string]any{"command": "/otassess", "text": text, "team_id": team, "channel_id": channel,
		"user_id": user, "trigger_id": trigger}
}

func TestSocketMode_WholeFlowIsHandledAndAcked(t *testing.T) {
	d := &socketDriver{envelopes: make(chan map[string]any), acks: make(chan map[string]any, 4)}
	fake := newFakeSlack(t, time.Now, d.binder)
	db := storagetest.Open(t)
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	engine := engine.New(db, reg, bot.SystemClock{}, log, bot.Config{})
	a, err := slackbot.Open(slackbot.Settings{BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: strings.TrimSuffix(fake.GetAPIURL(), "/")},
		slackbot.Deps{Engine: engine, Store: db, Clock: bot.SystemClock{}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	d.send(t, "e1", "slash_commands", slash(leadID, newPlantA, "t1"))
	refusal := d.send(t, "e2", "slash_commands", slash(spocID, "start", "t2"))
	if p, _ := refusal["payload"].(map[string]any); p["response_type"] != "ephemeral" || !strings.Contains(p["text"].(string), "assessor") {
		t.Fatalf("refusal ack = %v, want an ephemeral payload", refusal)
	}
	d.send(t, "e3", "slash_commands", slash(leadID, "start", "t3"))
	waitFor(t, "the consent request in the SPOC's DM", func() bool { return len(fake.questions(t, spocDM)) == 1 })
	h := &harness{tb: t}
	press := func(id, action string, q apiCall) map[string]any {
		var payload map[string]any
		if err := json.Unmarshal([]byte(formPayload(t, h.pressBody(spocID, spocDM, q, action))), &payload); err != nil {
			t.Fatal(err)
		}
		d.send(t, id, "interactive", payload)
		return payload
	}
	press("e3-accept", "choice_0", fake.lastQuestion(t, spocDM))
	waitFor(t, "the first question in the SPOC's DM", func() bool { return len(fake.questions(t, spocDM)) == 2 })

	q := fake.lastQuestion(t, spocDM)
	payload := press("e4", "level_3", q)
	d.send(t, "e4-retry", "interactive", payload) // redelivered: acked, changes nothing
	waitFor(t, "the pressed question updated", func() bool { return len(fake.seen("chat.update", spocDM)) == 2 })
	waitFor(t, "the second question", func() bool { return len(fake.questions(t, spocDM)) == 3 })

	var inner map[string]any
	_ = json.Unmarshal(eventBody("EvSock1", dmText(spocID, "1")), &inner)
	d.send(t, "e5", "events_api", inner)
	waitFor(t, "the third question", func() bool { return len(fake.questions(t, spocDM)) == 4 })

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	var eng *bot.Engagement
	var answers map[string]assessment.Answer
	err = db.View(context.Background(), func(tx bot.Tx) error {
		if eng, err = tx.OpenEngagementIn(slackbot.Platform, team, channel); err != nil {
			return err
		}
		answers, err = tx.CurrentAnswers(eng.ID, bot.RoundSelf)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 2 || answers[itemOf(t, q)].Value != "3" {
		t.Fatalf("answers %v, want two with %s = 3", answers, itemOf(t, q))
	}
	if eph := fake.seen("chat.postEphemeral", ""); len(eph) != 0 {
		t.Fatalf("the redelivered press was handled again (%d ephemeral replies)", len(eph))
	}
}

func formPayload(t *testing.T, body []byte) string {
	t.Helper()
	v, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	return v.Get("payload")
}
