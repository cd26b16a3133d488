package slack

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"time"

	slackgo "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/otassess/otassess/bot"
)

// fromCallback maps an Events API callback (app_mention, message.im,
// message.channels, message.groups) to a bot.Event; ok is false for events
// the engine does not take: messages by bots or with a subtype other than
// a file share or a thread broadcast (the bot's own DMs come back as
// message.im, edits as message_changed), and channel messages that mention
// the bot (their app_mention is the command).
func (a *Adapter) fromCallback(ctx context.Context, ev slackevents.EventsAPIEvent) (bot.Event, target, bool) {
	cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok {
		return bot.Event{}, target{}, false
	}
	out := bot.Event{Key: "slack:event:" + cb.EventID, Platform: Platform, Workspace: cb.TeamID}
	var files []slackgo.File
	switch in := ev.InnerEvent.Data.(type) {
	case *slackevents.AppMentionEvent:
		if in.BotID != "" || in.User == "" {
			return out, target{}, false
		}
		out.Conversation, out.User, out.DM = in.Channel, in.User, isDM(in.Channel, "")
		out.Text, out.Command = stripMention(unescape(in.Text), ""), true
		out.Thread, out.Message, files = threadOf(in.ThreadTimeStamp, in.TimeStamp), in.TimeStamp, in.Files
	case *slackevents.MessageEvent:
		if !a.messageEvent(cb, in, &out) {
			return out, target{}, false
		}
		if in.Message != nil {
			files = in.Message.Files
		}
	default:
		return out, target{}, false
	}
	if len(files) > 0 && (out.DM || out.Command) {
		out.File = postedFile(files[0])
	}
	if out.DM || out.Command {
		// Only what the bot answers needs the author's language: channel
		// chatter, stored for summaries, costs no users.info before the ack.
		out.Locale = a.locales.get(ctx, out.Workspace, out.User)
	}
	if out.Command {
		out.Locales = a.mentionLocales(ctx, out.Workspace, out.Text)
	}
	if out.DM && out.Thread != "" {
		out.ThreadEngagement = a.threadEngagement(ctx, out.Conversation, out.Thread)
	}
	return out, target{channel: out.Conversation, user: out.User, thread: out.Thread}, true
}

// takenSubtypes are the message subtypes that are still a person writing.
var takenSubtypes = map[string]bool{"": true, "file_share": true, "thread_broadcast": true}

// messageEvent fills out from a message event; false means ignore it.
func (a *Adapter) messageEvent(cb *slackevents.EventsAPICallbackEvent, in *slackevents.MessageEvent, out *bot.Event) bool {
	if in.BotID != "" || !takenSubtypes[in.SubType] || in.User == "" {
		return false
	}
	dm := isDM(in.Channel, in.ChannelType)
	if !dm && in.ChannelType != "channel" && in.ChannelType != "group" {
		return false // a group DM (mpim) is no engagement channel
	}
	out.Conversation, out.User, out.DM = in.Channel, in.User, dm
	out.Text = unescape(in.Text)
	out.Thread, out.Message = threadOf(in.ThreadTimeStamp, in.TimeStamp), in.TimeStamp
	self := botUser(cb)
	if self != "" && mentions(out.Text, self) {
		if !dm {
			return false // the app_mention event carries it
		}
		out.Text, out.Command = stripMention(out.Text, self), true
	}
	return true
}

// threadOf is the thread a message is in: its thread_ts, unless that is
// the message itself (the root of its own thread), or none.
func threadOf(threadTS, ts string) string {
	if threadTS == ts {
		return ""
	}
	return threadTS
}

// postedFile is a file posted to the bot as the engine takes it: its name,
// declared size and download URL. It is not downloaded here, before the
// ack; the model worker fetches it through Files when it summarises it.
func postedFile(f slackgo.File) *bot.File {
	url := f.URLPrivateDownload
	if url == "" {
		url = f.URLPrivate
	}
	return &bot.File{Name: f.Name, Size: f.Size, URL: url}
}

// fromCommand maps a slash command; its text is the command line.
func (a *Adapter) fromCommand(ctx context.Context, c slackgo.SlashCommand) bot.Event {
	ev := bot.Event{Platform: Platform, Workspace: c.TeamID, Conversation: c.ChannelID, DM: isDM(c.ChannelID, ""),
		User: c.UserID, Text: unescape(c.Text), Command: true}
	if c.TriggerID != "" {
		ev.Key = "slack:command:" + c.TriggerID
	}
	ev.Locale = a.locales.get(ctx, ev.Workspace, ev.User)
	ev.Locales = a.mentionLocales(ctx, ev.Workspace, ev.Text)
	return ev
}

// fromInteraction maps a block_actions payload whose button carries a
// question press (bot.EncodePress); ok is false for anything else.
func (a *Adapter) fromInteraction(ctx context.Context, ic *slackgo.InteractionCallback) (bot.Event, target, bool) {
	if ic.Type != slackgo.InteractionTypeBlockActions {
		return bot.Event{}, target{}, false
	}
	for _, act := range ic.ActionCallback.BlockActions {
		press, err := bot.DecodePress(act.Value)
		if err != nil {
			continue
		}
		t := target{channel: ic.Container.ChannelID, user: ic.User.ID, messageTS: ic.Container.MessageTs}
		if t.channel == "" {
			t.channel = ic.Channel.ID
		}
		if t.messageTS == "" {
			t.messageTS = ic.Message.Timestamp
		}
		actionTS := act.ActionTs
		if actionTS == "" {
			actionTS = ic.ActionTs
		}
		team := ic.Team.ID
		if team == "" {
			team = ic.User.TeamID
		}
		ev := bot.Event{Key: "slack:action:" + t.messageTS + ":" + t.user + ":" + actionTS, Platform: Platform,
			Workspace: team, Conversation: t.channel, DM: isDM(t.channel, "") || ic.Channel.Name == "directmessage",
			User: t.user, Press: press, Pressed: t.messageTS}
		ev.Locale = a.locales.get(ctx, team, t.user)
		return ev, t, true
	}
	return bot.Event{}, target{}, false
}

// isDM reports a direct message: channel type im, or a D-prefixed id.
func isDM(channel, channelType string) bool {
	return channelType == "im" || strings.HasPrefix(channel, "D")
}

// botUser is the bot's own user id, as the event's authorizations name it.
func botUser(cb *slackevents.EventsAPICallbackEvent) string {
	for _, au := range cb.Authorizations {
		if au.IsBot {
			return au.UserID
		}
	}
	return ""
}

var leadingMention = regexp.MustCompile(`^\s*<@([A-Z0-9]+)(?:\|[^>]*)?>[\s:,]*`)

// stripMention removes a leading user mention (of user, or of anyone when
// user is empty): "<@UBOT> start" is the command "start".
func stripMention(s, user string) string {
	m := leadingMention.FindStringSubmatchIndex(s)
	if m == nil || (user != "" && s[m[2]:m[3]] != user) {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(s[m[1]:])
}

func mentions(s, user string) bool {
	m := leadingMention.FindStringSubmatch(s)
	return m != nil && m[1] == user
}

// locales caches users' Slack locales (users.info include_locale). A
// lookup that fails gives "" (the engagement's language) and is not asked
// again for a minute, so a slow API cannot hold up every ack.
type locales struct {
	client Client
	mu     sync.Mutex
	m      map[string]localeEntry
}

type localeEntry struct {
	locale string
	until  time.Time
}

const (
	localeTTL     = 24 * time.Hour
	localeFailTTL = time.Minute
	localeTimeout = 1500 * time.Millisecond
	localeMax     = 10000
)

func newLocales(c Client) *locales { return &locales{client: c, m: map[string]localeEntry{}} }

func (l *locales) get(ctx context.Context, team, user string) string {
	if user == "" {
		return ""
	}
	key := team + ":" + user
	now := time.Now()
	l.mu.Lock()
	e, ok := l.m[key]
	l.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.locale
	}
	ctx, cancel := context.WithTimeout(ctx, localeTimeout)
	defer cancel()
	e = localeEntry{until: now.Add(localeFailTTL)}
	if u, err := l.client.GetUserInfoContext(ctx, user); err == nil && u != nil {
		e = localeEntry{locale: u.Locale, until: now.Add(localeTTL)}
	}
	l.mu.Lock()
	if len(l.m) >= localeMax {
		clear(l.m)
	}
	l.m[key] = e
	l.mu.Unlock()
	return e.locale
}
