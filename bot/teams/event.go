package teams

import (
	"context"
	"html"
	"log/slog"
	"net/url"
	"regexp"
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
	if ev.Command || ev.DM {
		ev.File = postedFile(act)
		meetingCommand(act, &ev)
	}
	return ev, ev.Text != "" || ev.File != nil
}

// downloadType is the attachment type of a file someone sent the bot in a
// personal chat (Teams has put it in their OneDrive).
const downloadType = "application/vnd.microsoft.teams.file.download.info"

// postedFile is the first file sent with a message, as the engine takes it:
// a file sent in a personal chat (its name and pre-authenticated download
// link), else a picture pasted into the message (inlineImage). It is not
// downloaded here, before the answer; the model worker fetches it through
// Files.
func postedFile(act *activity) *bot.File {
	for _, at := range act.Attachments {
		content, _ := at.Content.(map[string]any)
		link, _ := content["downloadUrl"].(string)
		if at.ContentType == downloadType && strings.HasPrefix(link, "https://") && at.Name != "" {
			return &bot.File{Name: at.Name, URL: link}
		}
	}
	for _, at := range act.Attachments {
		if f := inlineImage(act, at); f != nil {
			return f
		}
	}
	return nil
}

// inlineScheme marks the link of a pasted picture: the Bot Connector serves
// it only with the bot's token.
const inlineScheme = "teams-inline:"

// inlineImage is a picture pasted into a message: an image/* attachment
// whose contentUrl the Bot Connector serves. The bot's token is sent only
// to the origin of the activity's serviceUrl (checked against the
// request's token), so a picture elsewhere is not taken. Teams gives it no
// name; it is called pasted-image with the extension of its type.
func inlineImage(act *activity, at attachment) *bot.File {
	if !strings.HasPrefix(at.ContentType, "image/") || !sameOrigin(at.ContentURL, act.ServiceURL) {
		return nil
	}
	name := at.Name
	if name == "" {
		name = "pasted-image" + imageExt[strings.TrimPrefix(at.ContentType, "image/")]
	}
	return &bot.File{Name: name, URL: inlineScheme + at.ContentURL}
}

// imageExt are the file name extensions of the picture types Teams sends;
// "image/*" gets none (the engine reads the type from the bytes).
var imageExt = map[string]string{"png": ".png", "jpeg": ".jpg", "jpg": ".jpg", "gif": ".gif", "webp": ".webp", "bmp": ".bmp", "heic": ".heic"}

// sameOrigin reports whether link has the scheme and host of base.
func sameOrigin(link, base string) bool {
	l, err := url.Parse(link)
	if err != nil || link == "" {
		return false
	}
	b, err := url.Parse(base)
	return err == nil && b.Host != "" && l.Scheme == b.Scheme && strings.EqualFold(l.Host, b.Host)
}

// meetingCommand turns "summarize meeting [link] [options]" into a
// summarize command whose file is the meeting's transcript: the meeting of
// the link, else the meeting whose chat this is. Without either the
// reference names no meeting, and the person is told how to name one.
func meetingCommand(act *activity, ev *bot.Event) {
	words := strings.Fields(ev.Text)
	if len(words) < 2 || !strings.EqualFold(words[0], "summarize") || !strings.EqualFold(words[1], "meeting") {
		return
	}
	// The link is read from the markup too: Teams may show it under
	// another text (<a href="…">Join</a>).
	ref := meetingRef{Asker: ev.User, JoinURL: joinLink.FindString(html.UnescapeString(act.Text))}
	if ref.JoinURL == "" {
		if ref.MeetingID = act.meetingID(); ref.MeetingID != "" {
			ref.ServiceURL = act.ServiceURL
		}
	}
	rest := []string{"summarize"}
	for _, w := range words[2:] {
		if !joinLink.MatchString(w) {
			rest = append(rest, w)
		}
	}
	ev.Text = strings.Join(rest, " ")
	ev.File = &bot.File{Name: MeetingFileName, URL: ref.fileURL()}
}

// markup is an HTML tag of a message's text.
var markup = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)

// plain removes the HTML markup Teams puts in messages (paragraphs,
// formatting, links) but the <at> mentions, keeping line breaks, so that
// what is stored or read as a command is the text as people see it.
func plain(text string) string {
	return markup.ReplaceAllStringFunc(text, func(tag string) string {
		name := strings.ToLower(markup.FindStringSubmatch(tag)[1])
		switch {
		case name == "at":
			return tag
		case name == "br" || (strings.HasPrefix(tag, "</") && (name == "p" || name == "div" || name == "li")):
			return "\n"
		}
		return ""
	})
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
	text := atTag.ReplaceAllStringFunc(plain(act.Text), func(tag string) string {
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
