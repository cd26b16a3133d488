package discord

import (
	"errors"
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
)

// Platform is Discord's platform name in events and stored rows.
const Platform = "discord"

// interactionEvent maps an interaction to the engine's event. A non-nil
// text means the interaction cannot reach the engine and the user is told
// that privately.
func (a *Adapter) interactionEvent(i *discordgo.Interaction) (bot.Event, *text) {
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
	}
	if u == nil {
		return bot.Event{}, &textUnsupported
	}
	ev := bot.Event{
		Key: "discord:interaction:" + i.ID, Platform: Platform, Workspace: a.cfg.AppID,
		Conversation: i.ChannelID, DM: i.GuildID == "", User: u.ID, Locale: lang(string(i.Locale)),
	}
	if parent := a.threadParent(i.ChannelID); parent != "" {
		ev.Conversation, ev.Thread = parent, i.ChannelID
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		txt, err := commandText(i.ApplicationCommandData())
		var oe *optionError
		if errors.As(err, &oe) {
			return ev, &oe.msg
		}
		ev.Text, ev.Command = txt, true
	case discordgo.InteractionMessageComponent:
		p, err := bot.DecodePress(i.MessageComponentData().CustomID)
		if err != nil {
			return ev, &textBadButton
		}
		ev.Press = p
		if i.Message != nil {
			ev.Pressed = i.Message.ID // replaced through the outbox
		}
	default:
		return ev, &textUnsupported
	}
	return ev, nil
}

// messageEvent maps a message to the engine's event: any DM from a person,
// guild messages that mention the bot (then the rest of the message is a
// command) and, with the MESSAGE_CONTENT intent opted in, other guild
// messages as chatter the engine may store for summaries. A message in a
// thread names the thread, and the channel it belongs to as the
// conversation. The bot's own messages and other bots' are ignored.
func (a *Adapter) messageEvent(m *discordgo.Message) (bot.Event, bool) {
	if m.Author == nil || m.Author.Bot || m.WebhookID != "" {
		return bot.Event{}, false
	}
	if m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply {
		return bot.Event{}, false
	}
	me := a.botUserID()
	dm := m.GuildID == ""
	mentioned := me != "" && mentionsUser(m, me)
	if m.Author.ID == me || (!dm && !mentioned && !a.cfg.MessageContent) {
		return bot.Event{}, false
	}
	// Legacy nickname mentions (<@!id>) read as plain ones (<@id>), the form
	// the engine's new options accept.
	txt := strings.TrimSpace(strings.ReplaceAll(m.Content, "<@!", "<@"))
	if mentioned {
		txt = strings.TrimSpace(stripMention(txt, me))
	}
	if txt == "" && (len(m.Attachments) == 0 || (!dm && !mentioned)) {
		return bot.Event{}, false
	}
	ev := bot.Event{
		Key: "discord:message:" + m.ID, Platform: Platform, Workspace: a.cfg.AppID,
		Conversation: m.ChannelID, DM: dm, User: m.Author.ID, Text: txt, Command: mentioned, Message: m.ID,
	}
	if parent := a.threadParent(m.ChannelID); parent != "" {
		ev.Conversation, ev.Thread = parent, m.ChannelID
	}
	return ev, true
}

// threadParent is the channel a thread belongs to, from the gateway's
// state (threads arrive with GUILD_CREATE and THREAD_CREATE), or "" when
// the channel is no thread or unknown.
func (a *Adapter) threadParent(channelID string) string {
	if a.session == nil || a.session.State == nil {
		return ""
	}
	ch, err := a.session.State.Channel(channelID)
	if err != nil || ch == nil || !ch.IsThread() {
		return ""
	}
	return ch.ParentID
}

// postedFile is an attachment as the engine takes it: its name, declared
// size and CDN URL. It is not downloaded here, in the intake; the model
// worker fetches it through Files when it summarises it.
func postedFile(at *discordgo.MessageAttachment) *bot.File {
	return &bot.File{Name: at.Filename, Size: at.Size, URL: at.URL}
}

func mentionsUser(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

// stripMention removes every <@id> and <@!id> of the bot from s.
func stripMention(s, id string) string {
	re := regexp.MustCompile(`<@!?` + regexp.QuoteMeta(id) + `>`)
	return strings.TrimSpace(re.ReplaceAllString(s, ""))
}
