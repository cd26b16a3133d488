package teams

import (
	"context"
	"html"
	"log/slog"
	"strings"
	"time"

	"github.com/otassess/otassess/bot"
)

// memberTimeout bounds the lookup of a mentioned user's Entra object id.
const memberTimeout = 3 * time.Second

// event maps a message activity to the engine's event; ok is false for
// messages the engine does not take (the bot's own, empty ones, card
// submits that carry no question press).
func (a *Adapter) event(ctx context.Context, act *activity) (bot.Event, bool) {
	if act.From == nil || act.From.ID == "" || (act.Recipient != nil && act.From.ID == act.Recipient.ID) {
		return bot.Event{}, false
	}
	conv, thread := splitThread(act.Conversation.ID)
	if thread == act.ID {
		thread = "" // a channel post is the root of its own thread, as in Slack
	}
	ev := bot.Event{Key: "teams:activity:" + act.ID, Platform: Platform, Workspace: act.tenant(), Conversation: conv,
		Thread: thread, DM: act.Conversation.ConversationType == "personal", User: userID(act.From),
		Locale: act.Locale, Message: act.ID}
	if act.ID == "" {
		return ev, false // without an id the activity could be handled twice
	}
	if len(act.Value) > 0 {
		p, err := bot.DecodePress(pressValue(act.Value))
		if err != nil {
			a.log.Debug("Teams card submit ignored", slog.String("activity_id", act.ID))
			return ev, false
		}
		ev.Press, ev.Pressed = p, act.ReplyToID
		return ev, true
	}
	text, mentioned := a.mentions(ctx, act)
	ev.Text, ev.Command = text, mentioned
	return ev, ev.Text != ""
}

// mentions rewrites the activity's text for the engine: the bot's own
// <at>…</at> mention is removed (mentioned reports it was there), and a
// mention of a user becomes <@id> with the id the engine knows them by
// (userID), which `new … spoc:@user` reads. A user whose object id cannot
// be found stays as written, which the engine refuses as a mention.
func (a *Adapter) mentions(ctx context.Context, act *activity) (string, bool) {
	botID := ""
	if act.Recipient != nil {
		botID = act.Recipient.ID
	}
	used := make([]bool, len(act.Entities))
	mentioned := false
	text := atTag.ReplaceAllStringFunc(act.Text, func(tag string) string {
		for i, e := range act.Entities {
			if used[i] || e.Type != "mention" || e.Mentioned == nil || e.Text != tag {
				continue
			}
			used[i] = true
			if e.Mentioned.ID == botID {
				mentioned = true
				return ""
			}
			if id := a.objectID(ctx, act, e.Mentioned); id != "" {
				return "<@" + id + ">"
			}
		}
		return tag
	})
	return strings.TrimSpace(html.UnescapeString(strings.ReplaceAll(text, "&nbsp;", " "))), mentioned
}

// objectID is the engine's id of a mentioned account: its aadObjectId
// when the entity carries it or the adapter has seen it, else from the
// conversation's member list; "" when it cannot be found.
func (a *Adapter) objectID(ctx context.Context, act *activity, m *account) string {
	if m.AADObjectID != "" {
		a.names.see(m)
		return m.AADObjectID
	}
	if id, ok := a.names.objectID(m.ID); ok {
		return id
	}
	ctx, cancel := context.WithTimeout(ctx, memberTimeout)
	defer cancel()
	conv, _ := splitThread(act.Conversation.ID)
	member, err := a.conn.member(ctx, act.ServiceURL, conv, m.ID)
	if err != nil || member.AADObjectID == "" {
		a.log.Warn("Mentioned Teams user not resolved", slog.String("activity_id", act.ID), slog.Any("error", err))
		return ""
	}
	if member.Name == "" {
		member.Name = m.Name
	}
	a.names.see(&member)
	return member.AADObjectID
}
