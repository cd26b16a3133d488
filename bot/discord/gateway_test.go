package discord

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// privileged are the gateway intents Discord gates behind approval.
const privileged = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

func TestGateway_IdentifiesWithoutPrivilegedIntents(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	id := h.run()
	got := discordgo.Intent(id["intents"].(float64))
	if got&privileged != 0 {
		t.Errorf("Identify intents %b include privileged bits %b", got, got&privileged)
	}
	if want := discordgo.IntentGuilds | discordgo.IntentGuildMessages | discordgo.IntentDirectMessages; got != want {
		t.Errorf("Identify intents = %b, want %b", got, want)
	}
}

func TestRun_RegistersSlashCommandInTheGuild(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	reqs := h.fake.requests("PUT", "/applications/"+appID+"/guilds/"+guildID+"/commands")
	if len(reqs) != 1 {
		t.Fatalf("got %d guild command registrations, want 1", len(reqs))
	}
	var cmds []struct {
		Name    string `json:"name"`
		Options []struct {
			Name    string `json:"name"`
			Type    int    `json:"type"`
			Options []struct {
				Name string `json:"name"`
				Type int    `json:"type"`
			} `json:"options"`
		} `json:"options"`
	}
	if err := json.Unmarshal(reqs[0].Body, &cmds); err != nil || len(cmds) != 1 || cmds[0].Name != "otassess" {
		t.Fatalf("registered %s (%v)", reqs[0].Body, err)
	}
	var subs []string
	for _, s := range cmds[0].Options {
		subs = append(subs, s.Name)
		if s.Name == "ping" && s.Type != 2 {
			t.Errorf("ping has type %d, want a subcommand group (2)", s.Type)
		}
		if s.Name == "new" {
			types := map[string]int{}
			for _, o := range s.Options {
				types[o.Name] = o.Type
			}
			if types["spoc"] != 6 || types["lead"] != 6 || types["name"] != 3 || types["lang"] != 3 {
				t.Errorf("new options = %v, want user options for spoc and lead", types)
			}
		}
	}
	want := "new start status scores review reassess assign report close findings finding drafts approve edit priority summarize notes explain ping llm help lang"
	if got := strings.Join(subs, " "); got != want {
		t.Errorf("subcommands = %q", got)
	}
}

func TestSlashNew_CreatesEngagementBoundToChannel(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	cb := h.gatewayInteraction(newPlant(h.nextID()))
	if cb.Type != 4 || cb.Data == nil || cb.Data.Flags&64 == 0 {
		t.Errorf("response to new = %s, want an ephemeral type 4 acknowledgement", cb.raw)
	}
	h.waitFor("the created post", func() bool { return len(h.fake.messagesTo(channel)) > 0 })
	if post := h.fake.messagesTo(channel)[0].Content; !strings.Contains(post, `Created engagement "Plant-A"`) {
		t.Errorf("channel post = %q", post)
	}
	eng, err := engine.FindEngagement(t.Context(), h.db, "Plant-A")
	if err != nil {
		t.Fatal(err)
	}
	if eng.Workspace != appID || eng.Channel != channel || eng.Platform != Platform {
		t.Errorf("engagement bound to %s/%s/%s, want discord/%s/%s", eng.Platform, eng.Workspace, eng.Channel, appID, channel)
	}
}

// started creates Plant-A and runs /otassess start, and returns the first
// question the SPOC got.
func (h *harness) started() sent {
	h.t.Helper()
	h.gatewayInteraction(newPlant(h.nextID()))
	h.gatewayInteraction(slashPayload(h.nextID(), lead, "start"))
	h.gatewayInteraction(pressPayload(h.nextID(), spoc, h.consentRequest(dmOf(spoc))))
	h.waitFor("the first question in the SPOC's DM", func() bool { return len(h.questions(dmOf(spoc))) == 1 })
	return h.questions(dmOf(spoc))[0]
}

func TestStart_DMsTheSPOCAQuestionWithTwoButtonRows(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	q := h.started()
	opens := h.fake.requests("POST", "/users/@me/channels")
	if len(opens) == 0 || !strings.Contains(string(opens[0].Body), spoc) {
		t.Fatalf("DM opened with %v, want the SPOC %s", opens, spoc)
	}
	if msgs := h.fake.messagesTo(dmOf(spoc)); !strings.Contains(msgs[0].Content, "named you the SPOC") || !strings.Contains(msgs[1].Content, "Hello!") {
		t.Errorf("first DMs = %q, %q, want the consent request, then the greeting", msgs[0].Content, msgs[1].Content)
	}
	if len(q.Components) != 2 || len(q.Components[0].Components) != 5 || len(q.Components[1].Components) != 4 {
		t.Fatalf("question rows = %s, want 5 level buttons and 4 others", q.raw)
	}
	for i, want := range []string{"0", "1", "2", "3", "4"} {
		if b := q.Components[0].Components[i]; b.Label != want || !strings.HasSuffix(b.CustomID, ":"+want) {
			t.Errorf("level button %d = %+v", i, b)
		}
	}
	var second []string
	for _, b := range q.Components[1].Components {
		second = append(second, b.Label)
	}
	if got := strings.Join(second, " · "); got != "Not applicable · Not sure · Skip · Back" {
		t.Errorf("second row = %q", got)
	}
	if len(q.Embeds) != 1 || !strings.HasPrefix(q.Embeds[0].Title, "1/") || !strings.Contains(q.Embeds[0].Title, "· 1-1") {
		t.Errorf("question embed = %+v, want progress and item id", q.Embeds)
	}
	h.waitFor("the started post", func() bool {
		ps := h.fake.messagesTo(channel)
		return len(ps) == 3 && strings.Contains(ps[2].Content, "<@"+spoc+"> accepted being the SPOC")
	})
}

func TestSPOC_AnswersQuestionsByButtons(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	q := h.started()
	press, _ := bot.DecodePress(buttonID(t, q, "0"))
	items := []string{}
	for n, value := range []string{"2", "3", "na"} {
		item := strings.TrimSpace(strings.SplitN(q.Embeds[0].Title, "·", 3)[1])
		items = append(items, item)
		cb := h.gatewayInteraction(pressPayload(h.nextID(), spoc, buttonID(t, q, value)))
		if cb.Type != 6 {
			t.Fatalf("response to press %d = %s, want a deferred update (type 6)", n, cb.raw)
		}
		var edit sent
		h.waitFor("the pressed message's edit", func() bool {
			edits := h.fake.requests("PATCH", "/channels/"+dmOf(spoc)+"/messages/q-msg")[1:] // after the consent request's
			if len(edits) == n+1 {
				edit = decodeSent(t, edits[n].Body)
			}
			return len(edits) == n+1
		})
		if !strings.Contains(edit.Content, "Answer:") || !strings.Contains(edit.raw, `"components":[]`) || !strings.Contains(edit.raw, `"embeds":[]`) {
			t.Errorf("edit %d = %s, want the answer with no buttons and no embed", n, edit.raw)
		}
		h.waitFor("the next question", func() bool { return len(h.questions(dmOf(spoc))) == n+2 })
		q = h.questions(dmOf(spoc))[n+1]
	}
	got := h.answers(press.Engagement)
	for i, want := range []string{"2", "3", "na"} {
		if v := string(got[items[i]].Value); v != want {
			t.Errorf("answer of %s = %q, want %q", items[i], v, want)
		}
	}
	if len(got) != 3 {
		t.Errorf("stored %d answers, want 3", len(got))
	}
	if !strings.HasPrefix(q.Embeds[0].Title, "4/") {
		t.Errorf("fourth question title = %q", q.Embeds[0].Title)
	}
}

func TestPress_ByNonSPOCIsRefusedPrivately(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	q := h.started()
	press, _ := bot.DecodePress(buttonID(t, q, "4"))
	for _, user := range []string{lead, stranger} {
		cb := h.gatewayInteraction(pressPayload(h.nextID(), user, buttonID(t, q, "4")))
		if cb.Type != 4 || cb.Data == nil || cb.Data.Flags&64 == 0 || !strings.Contains(cb.Data.Content, "Only this engagement's SPOC") {
			t.Errorf("response to %s's press = %s, want an ephemeral refusal", user, cb.raw)
		}
	}
	if got := h.answers(press.Engagement); len(got) != 0 {
		t.Errorf("refused presses stored answers: %v", got)
	}
	if n := len(h.questions(dmOf(spoc))); n != 1 {
		t.Errorf("SPOC got %d questions, want still 1", n)
	}
}

func TestInteraction_ReplayedChangesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	q := h.started()
	press, _ := bot.DecodePress(buttonID(t, q, "1"))
	payload := pressPayload(h.nextID(), spoc, buttonID(t, q, "1"))
	h.gatewayInteraction(payload)
	h.waitFor("the second question", func() bool { return len(h.questions(dmOf(spoc))) == 2 })
	h.waitFor("the pressed message's edit", func() bool { return h.queued() == 0 })
	before := h.answers(press.Engagement)

	h.fake.dispatch("INTERACTION_CREATE", payload)
	key := "discord:interaction:" + payload["id"].(string)
	h.waitFor("the replay to be handled", func() bool { n, _ := h.handledTimes(key); return n == 2 })
	if _, dup := h.handledTimes(key); !dup {
		t.Fatal("the replay was not seen as a duplicate")
	}
	if n := len(h.fake.callbacks(payload["id"].(string))); n != 1 {
		t.Errorf("interaction answered %d times, want once", n)
	}
	if after := h.answers(press.Engagement); len(after) != len(before) {
		t.Errorf("answers changed by the replay: %v → %v", before, after)
	}
	if n := h.queued(); n != 0 {
		t.Errorf("the replay queued %d messages", n)
	}
	if n := len(h.questions(dmOf(spoc))); n != 2 {
		t.Errorf("SPOC got %d questions, want 2", n)
	}
}

func TestDMMessage_IsACommentOnTheQuestionShown(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	q := h.started()
	press, _ := bot.DecodePress(buttonID(t, q, "1"))
	before := len(h.fake.messagesTo(dmOf(spoc)))
	h.fake.dispatch("MESSAGE_CREATE", map[string]any{
		"id": h.nextID(), "channel_id": dmOf(spoc), "type": 0, "content": "We review this yearly",
		"author": map[string]any{"id": spoc, "username": "spoc"},
	})
	h.waitFor("the comment receipt", func() bool { return len(h.fake.messagesTo(dmOf(spoc))) == before+1 })
	if got := h.fake.messagesTo(dmOf(spoc))[before].Content; !strings.Contains(got, "Comment saved on item "+press.Item) {
		t.Errorf("reply = %q", got)
	}
	var comments []bot.Comment
	h.db.View(t.Context(), func(tx bot.Tx) error { comments, _ = tx.Comments(press.Engagement); return nil })
	if len(comments) != 1 || comments[0].Text != "We review this yearly" || comments[0].Author.Workspace != appID {
		t.Errorf("comments = %+v", comments)
	}
}

func TestMessages_FromBotsAndUnmentionedGuildChatterAreIgnored(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.run()
	h.gatewayInteraction(newPlant(h.nextID()))
	ignored := []map[string]any{
		{"id": h.nextID(), "channel_id": dmOf(spoc), "content": "echo", "author": map[string]any{"id": botUser, "bot": true}},
		{"id": h.nextID(), "channel_id": channel, "guild_id": guildID, "content": "status", "author": map[string]any{"id": lead}},
	}
	for _, m := range ignored {
		h.fake.dispatch("MESSAGE_CREATE", m)
	}
	mention := map[string]any{"id": h.nextID(), "channel_id": channel, "guild_id": guildID, "content": "<@" + botUser + "> status",
		"author": map[string]any{"id": lead}, "mentions": []any{map[string]any{"id": botUser, "bot": true}}}
	h.fake.dispatch("MESSAGE_CREATE", mention)
	h.waitFor("the status post", func() bool {
		ps := h.fake.messagesTo(channel)
		return len(ps) >= 2 && strings.Contains(ps[len(ps)-1].Content, "Progress: 0 of")
	})
	for _, m := range ignored {
		if n, _ := h.handledTimes("discord:message:" + m["id"].(string)); n != 0 {
			t.Errorf("message %v reached the engine", m)
		}
	}
}
