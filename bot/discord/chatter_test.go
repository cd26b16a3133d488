package discord

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
)

// withModel gives the harness's engine a language model (before run).
func (h *harness) withModel() { h.withModelOf(bottest.IdleModel{}) }

// withModelOf gives the harness's engine the model m (before run).
func (h *harness) withModelOf(m bot.Model) {
	reg, err := assessment.NewRegistry()
	if err != nil {
		h.t.Fatal(err)
	}
	h.engine = engine.New(h.store, reg, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), bot.Config{Model: m})
	h.a.engine, h.a.dispatcher.Renderer = h.engine, h.engine
}

func (h *harness) stored(engagement string) []bot.ChannelMessage {
	var out []bot.ChannelMessage
	h.db.View(t0(), func(tx bot.Tx) error { out, _ = tx.Messages(engagement, channel, "", time.Time{}, 100); return nil })
	return out
}

func t0() context.Context { return context.Background() }

func (h *harness) summarizeJobs() []bot.Job {
	var out []bot.Job
	h.db.View(t0(), func(tx bot.Tx) error {
		out, _ = tx.DueJobs(bot.JobSummarize, time.Now().Add(time.Hour), 10)
		return nil
	})
	return out
}

func TestChatter_WithMessageContentOptInIsStoredWithThreads(t *testing.T) {
	t.Parallel()
	h := newHarness(t, withConfig(func(c *Config) { c.MessageContent = true }))
	h.withModel()
	id := h.run()
	if got := discordgo.Intent(id["intents"].(float64)); got&discordgo.IntentMessageContent == 0 {
		t.Errorf("Identify intents %b lack MESSAGE_CONTENT although opted in", got)
	}
	h.gatewayInteraction(newPlant(h.nextID()))
	const thread = "700000000000000099"
	h.fake.dispatch("GUILD_CREATE", map[string]any{"id": guildID, "name": "g", "threads": []any{
		map[string]any{"id": thread, "type": 11, "guild_id": guildID, "parent_id": channel, "name": "zones"}}})
	h.waitFor("the thread in state", func() bool { return h.a.threadParent(thread) == channel })
	root, reply := h.nextID(), h.nextID()
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": root, "channel_id": channel, "guild_id": guildID, "type": 0,
		"content": "the OT network is flat", "author": map[string]any{"id": lead}})
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{"id": reply, "channel_id": thread, "guild_id": guildID, "type": 0,
		"content": "we will draw zones", "author": map[string]any{"id": spoc}})
	h.waitFor("both messages handled", func() bool {
		a, _ := h.handledTimes("discord:message:" + root)
		b, _ := h.handledTimes("discord:message:" + reply)
		return a == 1 && b == 1
	})
	var eng string
	h.db.View(t0(), func(tx bot.Tx) error {
		e, err := tx.OpenEngagementIn(Platform, appID, channel)
		if err == nil {
			eng = e.ID
		}
		return err
	})
	got := h.stored(eng) // handled concurrently: in any order
	byAuthor := map[string]bot.ChannelMessage{}
	for _, m := range got {
		byAuthor[m.Author] = m
	}
	if len(got) != 2 || byAuthor[lead].Thread != root || byAuthor[spoc].Thread != thread || byAuthor[spoc].Conversation != channel {
		t.Errorf("stored %+v: the root message roots its own thread, the reply names the thread", got)
	}
}
