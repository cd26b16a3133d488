package teams_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
)

// With the resource-specific consent ChannelMessage.Read.Group, Teams
// delivers every message of the team's channels, not only those that
// mention the bot: they are stored for summaries as in Slack and Discord.

func (h *harness) stored(id string) []bot.ChannelMessage {
	h.tb.Helper()
	var out []bot.ChannelMessage
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		out, err = tx.Messages(id, channelConv, "", time.Time{}, 100)
		return err
	})
	if err != nil {
		h.tb.Fatal(err)
	}
	return out
}

// chatter is a channel message that does not mention the bot: a new post
// when root is "", else a reply in the thread of root.
func (h *harness) chatter(from map[string]any, root, text string) map[string]any {
	act := h.activity(from, inChannel(root), text)
	if root == "" {
		act["conversation"] = inChannel(act["id"].(string))
	}
	return act
}

func TestChannel_MessagesAreStoredWithTheirThreadOnlyWhileAModelIsOn(t *testing.T) {
	h := newHarnessWith(t, bot.Config{Model: bottest.IdleModel{}})
	id := h.engagement()
	root := h.chatter(leadAccount, "", "<p>The OT network is <strong>flat</strong>.</p>") // Teams sends HTML
	h.send(root)
	reply := h.chatter(spocAccount, root["id"].(string), "We will draw zones &amp; conduits.")
	h.send(reply)
	h.send(reply) // redelivered
	own := h.chatter(botAccount, "", "a message by the bot itself")
	h.send(own)
	h.send(h.command(leadAccount, "status")) // a command is not chatter
	got := h.stored(id)
	if len(got) != 2 {
		t.Fatalf("stored %+v, want the two messages by people", got)
	}
	if got[0].Thread != root["id"] || got[1].Thread != root["id"] || got[1].Author != spocOID ||
		got[0].Text != "The OT network is flat." || got[1].Text != "We will draw zones & conduits." {
		t.Errorf("stored %+v: both in the thread of the first, text as written", got)
	}

	off := newHarness(t) // no model: nothing could read them, so nothing is kept
	offID := off.engagement()
	off.send(off.chatter(leadAccount, "", "The OT network is flat."))
	if got := off.stored(offID); len(got) != 0 {
		t.Errorf("stored %d messages without a model", len(got))
	}
}

func TestChannel_SummaryOfStoredMessagesIsPostedAndRetentionApplies(t *testing.T) {
	m := &bottest.SummaryModel{}
	h := newHarnessWith(t, bot.Config{Model: m})
	id := h.engagement()
	h.send(h.chatter(leadAccount, "", "The OT network is flat."))
	h.send(h.chatter(spocAccount, "", "Remote access goes through a jump host."))
	before := len(h.fake.posts(channelConv + ";messageid=900"))
	h.send(h.command(leadAccount, "summarize here en"))
	h.deliver()
	h.work()
	reqs := m.Requests()
	if len(reqs) != 1 || len(reqs[0].Messages) != 2 || !strings.Contains(reqs[0].Messages[1].Text, "jump host") {
		t.Fatalf("model requests = %+v, want the two stored messages", reqs)
	}
	posts := h.fake.posts(channelConv + ";messageid=900")[before:]
	if len(posts) != 2 || !strings.Contains(posts[1].Body["text"].(string), "Zones first") {
		t.Errorf("posts = %v, want the acknowledgement and the summary in the command's thread", posts)
	}
	h.clock.Advance(31 * 24 * time.Hour)
	h.work()
	if got := h.stored(id); len(got) != 0 {
		t.Errorf("%d messages kept past the 30-day retention", len(got))
	}
}
