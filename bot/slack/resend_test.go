package slack_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	slackgo "github.com/slack-go/slack"

	"github.com/otassess/otassess/bot"
	slackbot "github.com/otassess/otassess/bot/slack"
)

// A question posted just before a crash (the post went out, the process
// died before marking it sent) is found in the conversation's history by
// the metadata it carries when the new process sends it again, and is not
// posted twice.
func TestSender_APostMadeBeforeACrashIsFoundInTheHistoryNotPostedAgain(t *testing.T) {
	fake := newFakeSlack(t, time.Now)
	api := slackgo.New("xoxb-test", slackgo.OptionAPIURL(fake.GetAPIURL()))
	q := &bot.Question{Engagement: "e1", Item: "1-1", Serial: 1, Number: 1, Total: 32, Text: "Q?",
		Choices: []bot.Choice{{Value: "2", Label: "In place"}}}
	before := slackbot.NewSender(api, slog.New(slog.DiscardHandler))
	time.Sleep(time.Millisecond)
	o := bot.Outgoing{ID: 77, Platform: slackbot.Platform, Conversation: spocDM, Reply: bot.Reply{Question: q}, NotBefore: time.Now()}
	if err := before.Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	// The process dies here; a new one starts with the message still queued.
	time.Sleep(time.Millisecond)
	after := slackbot.NewSender(api, slog.New(slog.DiscardHandler))
	if err := after.Send(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if posts := fake.seen("chat.postMessage", spocDM); len(posts) != 1 {
		t.Errorf("%d posts of the question, want 1", len(posts))
	}
	if h := fake.seen("conversations.history", spocDM); len(h) != 1 {
		t.Errorf("%d history reads, want 1 (the message was due before the process started)", len(h))
	}
	// A message queued after the start is not looked up.
	o2 := o
	o2.ID, o2.NotBefore = 78, time.Now().Add(time.Second)
	if err := after.Send(context.Background(), o2); err != nil {
		t.Fatal(err)
	}
	if h := fake.seen("conversations.history", spocDM); len(h) != 1 {
		t.Errorf("%d history reads, want no new one for a message queued after the start", len(h))
	}
}
