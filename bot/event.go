package bot

import (
	"fmt"
	"strconv"
	"strings"
)

// Event is something a person did, as an adapter saw it.
type Event struct {
	// Key identifies the event for processing-once, as platform:kind:id.
	// Empty means the event cannot be delivered twice (the console).
	Key          string
	Platform     string
	Workspace    string
	Conversation string
	DM           bool
	User         string
	// Locale is the user's platform locale (e.g. "ja-JP"), if known.
	Locale string
	// Locales are the platform locales of users the text mentions, by user
	// id, where the adapter knows them (Slack's users.info): a SPOC named
	// on new is first addressed in their own language.
	Locales map[string]string
	// Name is the author's name as people know it, when the adapter knows
	// it better than a mention does (the console's OS user).
	Name string
	// Text is what the user typed, or the arguments of a slash command.
	Text string
	// Command is true when Text came through an explicit command (slash
	// command or mention), so it is never taken as a comment.
	Command bool
	// Press is set when the user pressed a button on a question message.
	Press *Press
	// Engagement, when set, names the engagement directly; adapters that
	// serve a single engagement (the console) use it instead of routing.
	Engagement string
	// Thread is the thread the message was written in (Slack thread_ts, a
	// Discord thread's channel id), "" outside a thread; Conversation is
	// then the channel the thread belongs to.
	Thread string
	// Message is the platform's id of the message itself (Slack ts, Discord
	// message id), "" when unknown: a thread started on it has that id.
	Message string
	// ThreadEngagement is the engagement whose question message started
	// the thread a DM was written in, when the adapter can tell (Slack
	// reads it from the thread root's metadata): typed text there is tied
	// to it if its author accepted it, instead of asking which.
	ThreadEngagement string
	// Pressed, with Press, is the platform's id of the message whose
	// button was pressed (Slack ts, Discord message id, Teams card
	// activity id): the answered question replaces it through the outbox.
	// Empty: the answer goes back as the event's direct response.
	Pressed string
	// File is a file posted with the message (a transcript), if any.
	File *File
}

// UserRef is the event's author.
func (ev Event) UserRef() UserRef {
	return UserRef{Platform: ev.Platform, Workspace: ev.Workspace, ID: ev.User}
}

// Press is a button press on a question message.
type Press struct {
	Engagement string
	Item       string
	Serial     int
	Value      string // a scale value or a control word (unsure, skip, back)
}

// EncodePress packs a question's identity and a choice into a button value
// (engagement:item:serial:value); every platform allows at least 100 bytes.
func EncodePress(q *Question, value string) string {
	return fmt.Sprintf("%s:%s:%d:%s", q.Engagement, q.Item, q.Serial, value)
}

// DecodePress reads a value written by EncodePress.
func DecodePress(s string) (*Press, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 4 {
		return nil, fmt.Errorf("bot: malformed button value %q", s)
	}
	serial, err := strconv.Atoi(parts[2])
	if err != nil {
		return nil, fmt.Errorf("bot: malformed button serial %q", parts[2])
	}
	return &Press{Engagement: parts[0], Item: parts[1], Serial: serial, Value: parts[3]}, nil
}
