package slack

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
)

// outboxEvent is the metadata event type of every message otassess posts,
// with the outbox id and part it delivers: a post that went out just before
// a crash, and that the new process would send again, is found by it in
// the conversation's history.
const outboxEvent = "otassess_outbox"

func partMetadata(o bot.Outgoing, part int) slackgo.MsgOption {
	return slackgo.MsgOptionMetadata(slackgo.SlackMetadata{EventType: outboxEvent,
		EventPayload: map[string]any{"id": strconv.FormatInt(o.ID, 10), "part": part, "engagement": o.Reply.Engagement}})
}

// threadEngagement is the engagement of the message that started thread in
// a DM, read from its metadata when otassess posted it; "" otherwise (or
// when the history cannot be read). A reply in a question's thread is then
// tied to that question's engagement.
func (a *Adapter) threadEngagement(ctx context.Context, channel, thread string) string {
	resp, err := a.client.GetConversationHistoryContext(ctx, &slackgo.GetConversationHistoryParameters{ChannelID: channel,
		Latest: thread, Inclusive: true, Limit: 1, IncludeAllMetadata: true})
	if err != nil {
		a.log.Info("Slack thread root not read", slog.String("channel", channel), slog.Any("error", err))
		return ""
	}
	for _, m := range resp.Messages {
		if m.Timestamp == thread && m.BotID != "" && m.Metadata.EventType == outboxEvent {
			e, _ := m.Metadata.EventPayload["engagement"].(string)
			return e
		}
	}
	return ""
}

// historyMargin is how long before a message was due its history is read:
// clocks of Slack and of this machine differ a little.
const historyMargin = time.Minute

// posted is how many leading posts of o are already in channel. It reads
// the history once per message, and only for messages due before this
// process started (one a crashed process may have been posting); a reply
// in a thread, an edit and an ephemeral post are not looked up (none is in
// the history with our metadata, and an edit may be made twice), nor is
// anything when the history cannot be read.
func (s *Sender) posted(ctx context.Context, channel string, o bot.Outgoing) int {
	s.mu.Lock()
	fresh := o.ID != 0 && !s.checked[o.ID] && o.NotBefore.Before(s.started) && o.Reply.Thread == "" &&
		o.Reply.Edit == "" && !o.Reply.Ephemeral
	if fresh {
		s.checked[o.ID] = true // only the backlog found at start is kept here
	}
	s.mu.Unlock()
	if !fresh {
		return 0
	}
	oldest := o.NotBefore.Add(-historyMargin)
	resp, err := s.client.GetConversationHistoryContext(ctx, &slackgo.GetConversationHistoryParameters{ChannelID: channel,
		Oldest: fmt.Sprintf("%d.%06d", oldest.Unix(), oldest.Nanosecond()/1000), Limit: 200, IncludeAllMetadata: true})
	if err != nil {
		s.log.Info("Slack history not read before a resend", slog.Int64("outbox_id", o.ID), slog.Any("error", err))
		return 0
	}
	n, id := 0, strconv.FormatInt(o.ID, 10)
	for _, m := range resp.Messages {
		if m.Metadata.EventType != outboxEvent || fmt.Sprint(m.Metadata.EventPayload["id"]) != id {
			continue
		}
		if part, ok := m.Metadata.EventPayload["part"].(float64); ok {
			n = max(n, int(part)+1)
		}
	}
	if n > 0 {
		s.log.Info("Slack message already posted before a restart", slog.Int64("outbox_id", o.ID), slog.Int("parts", n))
	}
	return n
}
