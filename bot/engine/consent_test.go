package engine_test

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// consentRequest is the consent request sent to u in out, or nil.
func consentRequest(out []bot.Outgoing, u bot.UserRef) *bot.Question {
	for _, o := range out {
		if q := o.Reply.Question; q != nil && q.Item == "consent" && o.User.ID == u.ID {
			return q
		}
	}
	return nil
}

// The capture attack of issue 11: anyone names a victim SPOC of a new
// engagement and starts it. The victim is asked first; until they accept,
// no question of it reaches them and nothing they type goes to it.
func TestConsent_NoQuestionAndNoTypedTextBeforeTheSPOCAccepts(t *testing.T) {
	h := newHarness(t)
	h.setup("") // Plant A, accepted by the SPOC
	h.rec.take()
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "new Plant-C spoc:<@USPOC> lead:<@UOTHER>", Command: true})
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "start", Command: true})
	out := h.rec.take()
	req := consentRequest(out, spoc)
	if req == nil || !strings.Contains(req.Text, "Plant-C") || !strings.Contains(req.Text, "<@UOTHER>") || !strings.Contains(req.Text, "C2") {
		t.Fatalf("consent request = %+v, want one naming the engagement, its channel and its creator", req)
	}
	for _, o := range out {
		if q := o.Reply.Question; q != nil && q.Item != "consent" {
			t.Errorf("a question of Plant-C was sent before consent: %+v", q)
		}
	}
	h.dm(spoc, "2 firewall FortiGate 60F at the plant edge")
	h.rec.take()
	plantC, err := engine.FindEngagement(t.Context(), h.db, "Plant-C")
	if err != nil {
		t.Fatal(err)
	}
	if got := h.answersOf(plantC.ID); len(got) != 0 {
		t.Errorf("Plant-C holds the victim's answers %v", got)
	}
	notes := h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "notes", Command: true})
	if all := texts(h.rec.take()); strings.Contains(all, "FortiGate") || notes.Respond != nil && strings.Contains(notes.Respond.Text, "FortiGate") {
		t.Error("the attacker reads the victim's comment with notes")
	}
	// Declined: still nothing.
	h.event(press(req, spoc, "decline"))
	if posts := channelTexts(h.rec.take(), "C2"); !strings.Contains(posts, "declined") {
		t.Errorf("the channel was not told of the decline: %q", posts)
	}
	h.dm(spoc, "3 reviewed yearly")
	if got := h.answersOf(plantC.ID); len(got) != 0 {
		t.Errorf("Plant-C holds answers after the decline: %v", got)
	}
}

// Accepted, the engagement's greeting and first question follow; with two
// accepted open engagements every question names its engagement, and typed
// text asks which engagement it is for, storing nothing until chosen.
func TestConsent_TwoAcceptedEngagementsNameTheirQuestionsAndAskWhich(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.rec.take()
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "new Plant-C spoc:<@USPOC> lead:<@UOTHER> lang:en", Command: true})
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "start", Command: true})
	req := consentRequest(h.rec.take(), spoc)
	h.event(press(req, spoc, "accept"))
	out := h.rec.take()
	q := lastQuestion(out)
	if q == nil || q.Item != "1-1" || !strings.HasPrefix(q.Category, "Plant-C · ") {
		t.Fatalf("first question after accepting = %+v, want 1-1 naming Plant-C", q)
	}
	if posts := channelTexts(out, "C2"); !strings.Contains(posts, "accepted") {
		t.Errorf("the channel was not told of the acceptance: %q", posts)
	}
	h.dm(spoc, "3 reviewed yearly")
	out = h.rec.take()
	which := lastQuestion(out)
	if which == nil || which.Item != "route" || len(which.Choices) != 2 {
		t.Fatalf("typed text with two engagements: %s, want a choice of two", texts(out))
	}
	plantA, _ := engine.FindEngagement(t.Context(), h.db, "Plant A")
	plantC, _ := engine.FindEngagement(t.Context(), h.db, "Plant-C")
	if len(h.answersOf(plantA.ID))+len(h.answersOf(plantC.ID)) != 0 {
		t.Fatal("an answer was stored before the engagement was chosen")
	}
	forged := h.event(press(which, spoc, "not-mine"))
	if forged.Respond == nil || len(h.answersOf(plantA.ID))+len(h.answersOf(plantC.ID)) != 0 {
		t.Fatalf("a choice of an engagement not accepted: %+v", forged.Respond)
	}
	h.event(press(which, spoc, plantC.ID))
	h.rec.take()
	if got := h.answersOf(plantC.ID); string(got["1-1"].Value) != "3" || len(h.answersOf(plantA.ID)) != 0 {
		t.Errorf("after choosing Plant-C: Plant-C %v, Plant A %v", got, h.answersOf(plantA.ID))
	}
	h.event(press(which, spoc, plantC.ID))
	if got := h.answersOf(plantC.ID); len(got) != 1 {
		t.Errorf("choosing twice stored again: %v", got)
	}
}

// The creator naming themself SPOC has accepted by creating the engagement.
func TestConsent_TheCreatorNamingThemselfIsNotAsked(t *testing.T) {
	h := newHarness(t)
	h.channel(spoc, "new Own spoc:<@USPOC> lead:<@USPOC> lang:en")
	h.channel(spoc, "start")
	out := h.rec.take()
	if consentRequest(out, spoc) != nil || lastQuestion(out) == nil || lastQuestion(out).Item != "1-1" {
		t.Errorf("start by the SPOC themself: %s", texts(out))
	}
}

func channelTexts(out []bot.Outgoing, conv string) string {
	var b strings.Builder
	for _, o := range out {
		if o.Conversation == conv {
			b.WriteString(o.Reply.Text + "\n")
		}
	}
	return b.String()
}

// A file posted in a direct message follows the same rules as typed text:
// never kept for an engagement its sender has not accepted, and with two
// accepted engagements kept only when it replies to a question of one.
func TestConsent_PostedFilesGoOnlyToAnAcceptedEngagementTheyAreTiedTo(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.rec.take()
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "new Plant-C spoc:<@USPOC> lead:<@UOTHER> lang:en", Command: true})
	h.event(bot.Event{Conversation: "C2", User: other.ID, Text: "start", Command: true})
	req := consentRequest(h.rec.take(), spoc)
	plantA, _ := engine.FindEngagement(t.Context(), h.db, "Plant A")
	plantC, _ := engine.FindEngagement(t.Context(), h.db, "Plant-C")
	kept := func(id string) int {
		var n int
		if err := h.db.View(t.Context(), func(tx bot.Tx) error {
			ev, err := tx.EvidenceOf(id)
			n = len(ev)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	photo := func() *bot.File { return &bot.File{Name: "panel.jpg", Size: len(jpeg), Data: jpeg} }
	h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, Engagement: plantC.ID, File: photo()})
	if kept(plantC.ID) != 0 {
		t.Fatal("a file was kept for an engagement its SPOC has not accepted")
	}
	h.event(press(req, spoc, "accept"))
	h.rec.take()
	res := h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, File: photo()})
	if kept(plantA.ID)+kept(plantC.ID) != 0 || res.Respond == nil || !strings.Contains(res.Respond.Text, "panel.jpg is not kept") {
		t.Fatalf("an untied file with two engagements: A %d, C %d kept; told %+v", kept(plantA.ID), kept(plantC.ID), res.Respond)
	}
	h.event(bot.Event{Conversation: "D" + spoc.ID, DM: true, User: spoc.ID, ThreadEngagement: plantC.ID, File: photo()})
	if kept(plantC.ID) != 1 || kept(plantA.ID) != 0 {
		t.Errorf("a file replying to a Plant-C question: A %d, C %d kept, want it in Plant-C", kept(plantA.ID), kept(plantC.ID))
	}
}
