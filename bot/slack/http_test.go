package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	slackbot "github.com/otassess/otassess/bot/slack"
)

func TestHTTP_SPOCAnswersByButtonsEachPressedQuestionIsUpdated(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()

	if opens := h.fake.seen("conversations.open", ""); len(opens) != 1 || opens[0].Form.Get("users") != spocID {
		t.Fatalf("conversations.open calls = %+v, want one for %s", opens, spocID)
	}
	presses := []struct{ action, want string }{{"level_2", "2"}, {"level_3", "3"}, {"level_na", "na"}, {"level_0", "0"}}
	base := len(h.fake.seen("chat.update", spocDM)) // the accepted consent request
	wantAnswers := map[string]string{}
	for i, p := range presses {
		q := h.fake.lastQuestion(t, spocDM)
		item := itemOf(t, q)
		h.press(spocID, spocDM, q, p.action)
		wantAnswers[item] = p.want
		h.deliver() // the update goes through the outbox

		ups := h.fake.seen("chat.update", spocDM)[base:]
		if len(ups) != i+1 {
			t.Fatalf("after press %d: %d chat.update calls, want %d", i+1, len(ups), i+1)
		}
		up := ups[i]
		if up.Form.Get("ts") != q.TS {
			t.Errorf("chat.update ts = %q, want the pressed message %q", up.Form.Get("ts"), q.TS)
		}
		if got := up.buttons(t); len(got) != 0 {
			t.Errorf("updated message still has buttons %v", got)
		}
		if !strings.Contains(up.Form.Get("blocks"), item) {
			t.Errorf("updated message does not name item %s: %s", item, up.Form.Get("blocks"))
		}
		if next := h.fake.lastQuestion(t, spocDM); next.TS == q.TS || itemOf(t, next) == item {
			t.Fatalf("after answering %s the next question is %s", item, itemOf(t, next))
		}
	}
	got := h.answers(id)
	if len(got) != len(wantAnswers) {
		t.Fatalf("stored answers %v, want %v", got, wantAnswers)
	}
	for item, v := range wantAnswers {
		if string(got[item].Value) != v {
			t.Errorf("item %s = %q, want %q", item, got[item].Value, v)
		}
	}
}

func TestHTTP_QuestionMessageIsBlockKitWithProgressCategoryAndButtons(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	q := h.fake.lastQuestion(t, spocDM)
	blocks := q.blocks(t).BlockSet
	var kinds []string
	for _, b := range blocks {
		kinds = append(kinds, string(b.BlockType()))
	}
	if want := "header section context actions actions"; strings.Join(kinds, " ") != want {
		t.Fatalf("blocks = %v, want %s", kinds, want)
	}
	if hdr := blocks[0].(*slackgo.HeaderBlock).Text.Text; !strings.HasPrefix(hdr, "1/") || !strings.Contains(hdr, itemOf(t, q)) {
		t.Errorf("header %q lacks progress or item id", hdr)
	}
	buttons := q.buttons(t)
	for _, id := range []string{"level_0", "level_1", "level_2", "level_3", "level_4", "level_na", "control_unsure", "control_skip", "control_back"} {
		if buttons[id] == "" {
			t.Errorf("no button %s in %v", id, buttons)
		}
	}
	if q.Form.Get("text") == "" {
		t.Error("question has no plain-text fallback")
	}
}

func TestHTTP_ForgedSignatureIs401AndStoresNothing(t *testing.T) {
	h := newHarness(t)
	r := request("/slack/commands", h.commandBody(leadID, channel, newPlantA))
	sign(r, "not-the-secret", time.Now(), []byte(h.commandBody(leadID, channel, newPlantA)))
	if w := h.serve(r); w.Code != http.StatusUnauthorized {
		t.Fatalf("forged command: status %d, want 401", w.Code)
	}
	unsigned := request("/slack/events", eventBody("Ev1", dmText(spocID, "2")))
	unsigned.Header.Del("X-Slack-Signature")
	if w := h.serve(unsigned); w.Code != http.StatusUnauthorized {
		t.Fatalf("unsigned event: status %d, want 401", w.Code)
	}
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		_, err := tx.OpenEngagementIn(slackbot.Platform, team, channel)
		return err
	})
	if !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("a forged new created an engagement (err %v)", err)
	}

	id := h.engagement()
	body := h.pressBody(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_4")
	forged := request("/slack/interactions", body)
	forged.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
	if w := h.serve(forged); w.Code != http.StatusUnauthorized {
		t.Fatalf("forged press: status %d, want 401", w.Code)
	}
	if got := h.answers(id); len(got) != 0 {
		t.Fatalf("a forged press stored %v", got)
	}
	if n := h.pending(); n != 0 {
		t.Fatalf("a forged press queued %d messages", n)
	}
}

func TestHTTP_StaleTimestampIs401AndStoresNothing(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	body := h.pressBody(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_1")
	stale := request("/slack/interactions", body)
	sign(stale, secret, time.Now().Add(-6*time.Minute), body) // a correct signature, too old
	if w := h.serve(stale); w.Code != http.StatusUnauthorized {
		t.Fatalf("stale press: status %d, want 401", w.Code)
	}
	if got := h.answers(id); len(got) != 0 {
		t.Fatalf("a stale press stored %v", got)
	}
}

func TestHTTP_SameActionDeliveredTwiceStoresOneAnswer(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	base := len(h.fake.seen("chat.update", ""))
	body := h.pressBody(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_3")
	for i := range 2 { // Slack's retry: the very same payload
		r := request("/slack/interactions", body)
		r.Header.Set("X-Slack-Retry-Num", "1")
		if w := h.serve(r); w.Code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i+1, w.Code)
		}
	}
	h.adapter.Wait()
	h.deliver()
	if hist := h.history(id); len(hist) != 1 {
		t.Fatalf("history has %d rows, want 1", len(hist))
	}
	if ups := h.fake.seen("chat.update", "")[base:]; len(ups) != 1 {
		t.Fatalf("%d chat.update calls, want 1", len(ups))
	}
}

func TestHTTP_SameEventDeliveredTwiceStoresOneAnswer(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	h.press(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "level_1") // the DM is now the SPOC's conversation
	h.deliver()
	body := eventBody("Ev42", dmText(spocID, "3 reviewed every year"))
	for i := range 2 {
		if w := h.serve(request("/slack/events", body)); w.Code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i+1, w.Code)
		}
	}
	if hist := h.history(id); len(hist) != 2 {
		t.Fatalf("history has %d rows, want 2 (one press, one typed answer)", len(hist))
	}
	if got := h.answers(id); len(got) != 2 {
		t.Fatalf("answers %v, want 2 items", got)
	}
}

func TestHTTP_RateLimitedPostArrivesAfterRetryAfter(t *testing.T) {
	h := newHarness(t)
	h.command(leadID, channel, newPlantA)
	h.deliver()
	h.command(leadID, channel, "start")
	h.deliver()
	h.fake.rateLimit(spocDM, 1, 30)
	h.press(spocID, spocDM, h.fake.lastQuestion(t, spocDM), "choice_0") // accept: the greeting and question follow

	limitedAt := h.clock.Now()
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := h.fake.seen("chat.postMessage", spocDM)[1:]; len(got) != 0 {
		t.Fatalf("sent to the DM despite the 429: %d messages", len(got))
	}
	h.clock.Advance(29 * time.Second)
	if _, err := h.disp.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := h.fake.seen("chat.postMessage", spocDM)[1:]; len(got) != 0 {
		t.Fatalf("sent %d messages before Retry-After had passed: %v", len(got), got[0].Form.Get("text"))
	}
	h.clock.Advance(2 * time.Second)
	h.deliver()
	got := h.fake.seen("chat.postMessage", spocDM)[1:] // after the consent request
	if len(got) != 2 {
		t.Fatalf("DM got %d messages, want the greeting and the first question", len(got))
	}
	if wait := got[0].At.Sub(limitedAt); wait < 30*time.Second {
		t.Fatalf("greeting sent %s after the 429, want at least 30s", wait)
	}
	if len(h.fake.questions(t, spocDM)) != 2 || got[1].TS != h.fake.lastQuestion(t, spocDM).TS {
		t.Fatal("the question did not follow the greeting in order")
	}
}

func TestHTTP_PressByNonSPOCIsRefusedEphemerallyAndStoresNothing(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	base := len(h.fake.seen("chat.update", ""))
	q := h.fake.lastQuestion(t, spocDM)
	h.press(leadID, channel, q, "level_4")

	if got := h.answers(id); len(got) != 0 {
		t.Fatalf("a lead's press stored %v", got)
	}
	eph := h.fake.seen("chat.postEphemeral", channel)
	if len(eph) != 1 || eph[0].Form.Get("user") != leadID || !strings.Contains(eph[0].Form.Get("text"), "SPOC") {
		t.Fatalf("ephemeral refusals = %+v, want one to %s naming the SPOC", eph, leadID)
	}
	if ups := h.fake.seen("chat.update", "")[base:]; len(ups) != 0 {
		t.Fatalf("a refused press updated the question: %+v", ups)
	}
}

func TestHTTP_PressOnOldQuestionSaysAlreadyAnsweredAndChangesNothing(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	first := h.fake.lastQuestion(t, spocDM)
	h.press(spocID, spocDM, first, "level_2")
	h.deliver()
	before := h.answers(id)

	h.press(spocID, spocDM, first, "level_4") // a second press on the answered message
	eph := h.fake.seen("chat.postEphemeral", spocDM)
	if len(eph) != 1 || !strings.Contains(eph[0].Form.Get("text"), "already answered") {
		t.Fatalf("ephemeral replies = %+v, want one saying already answered", eph)
	}
	after := h.answers(id)
	if len(after) != len(before) || after[itemOf(t, first)].Value != assessment.Value("2") {
		t.Fatalf("answers changed from %v to %v", before, after)
	}
	h.deliver()
	if again := h.fake.lastQuestion(t, spocDM); itemOf(t, again) == itemOf(t, first) {
		t.Fatal("the current question sent again is the old one")
	}
}

func TestHTTP_SlashCommandRefusalComesBackInTheAck(t *testing.T) {
	h := newHarness(t)
	h.command(leadID, channel, newPlantA)
	w := h.command(spocID, channel, "start")
	var ack struct {
		ResponseType string `json:"response_type"`
		Text         string `json:"text"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &ack); err != nil {
		t.Fatalf("ack body %q: %v", w.Body, err)
	}
	if ack.ResponseType != "ephemeral" || !strings.Contains(ack.Text, "lead or an assessor") {
		t.Fatalf("ack = %+v, want an ephemeral refusal", ack)
	}
}

func TestHTTP_MentionRunsACommandInTheChannel(t *testing.T) {
	h := newHarness(t)
	h.engagement()
	before := len(h.fake.seen("chat.postMessage", channel))
	mention := map[string]any{"type": "app_mention", "channel": channel, "user": leadID,
		"text": "<@" + botID + "> status", "ts": "1700000300.000100", "event_ts": "1700000300.000100"}
	if w := h.serve(request("/slack/events", eventBody("EvMention", mention))); w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	h.deliver()
	posts := h.fake.seen("chat.postMessage", channel)
	if len(posts) != before+1 || !strings.Contains(posts[len(posts)-1].Form.Get("blocks"), "Progress") {
		t.Fatalf("status reply not posted in %s: %d posts", channel, len(posts)-before)
	}
}

func TestHTTP_BotMessagesAndEditsAreIgnored(t *testing.T) {
	h := newHarness(t)
	id := h.engagement()
	own := dmText(spocID, "2")
	own["bot_id"] = "B1"
	edit := dmText(spocID, "2")
	edit["subtype"] = "message_changed"
	for i, inner := range []map[string]any{own, edit} {
		if w := h.serve(request("/slack/events", eventBody("EvIgnored"+string(rune('a'+i)), inner))); w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
	}
	if got := h.answers(id); len(got) != 0 {
		t.Fatalf("ignored messages stored %v", got)
	}
}

func TestHTTP_URLVerificationEchoesTheChallenge(t *testing.T) {
	h := newHarness(t)
	w := h.serve(request("/slack/events", []byte(`{"token":"x","challenge":"c-123","type":"url_verification"}`)))
	if w.Code != http.StatusOK || w.Body.String() != "c-123" {
		t.Fatalf("got %d %q, want 200 c-123", w.Code, w.Body)
	}
}

func TestHTTP_UnreachableSPOCIsReportedInTheChannel(t *testing.T) {
	h := newHarness(t)
	h.fake.refuseDM(spocID, "cannot_dm_bot")
	h.engagement()
	posts := h.fake.seen("chat.postMessage", channel)
	last := posts[len(posts)-1].Form.Get("text")
	if !strings.Contains(last, "<@"+spocID+">") || !strings.Contains(last, "direct message") {
		t.Fatalf("channel was not told the SPOC is unreachable; last post %s", last)
	}
}

func TestHTTP_FailedTransactionIs500SoSlackRetries(t *testing.T) {
	h := newHarness(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := h.commandBody(leadID, channel, newPlantA)
	if w := h.serve(request("/slack/commands", body).WithContext(ctx)); w.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", w.Code)
	}
	if n := h.pending(); n != 0 {
		t.Fatalf("a failed command queued %d messages", n)
	}
	// A retry of the same request then goes through.
	if w := h.serve(request("/slack/commands", body)); w.Code != http.StatusOK || h.pending() != 1 {
		t.Fatalf("retry: status %d, %d queued; want 200 and the created post", w.Code, h.pending())
	}
}

func TestHTTP_OversizedBodyIs413(t *testing.T) {
	h := newHarness(t)
	body := []byte("payload=" + strings.Repeat("x", 2<<20))
	if w := h.serve(request("/slack/interactions", body)); w.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", w.Code)
	}
}
