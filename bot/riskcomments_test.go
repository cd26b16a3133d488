package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// riskComments are the first engagement's current risk comments.
func (h *harness) riskComments() []bot.RiskComment {
	var out []bot.RiskComment
	h.view(func(tx bot.Tx, id string) error {
		var err error
		out, err = tx.RiskComments(id)
		return err
	})
	return out
}

func TestRiskComments_CompletionStoresNumberedPackDrafts(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "1-2", "3-5")
	cs := h.riskComments()
	if len(cs) != 2 || cs[0].Number != 1 || cs[0].Category != "org" || cs[1].Items[0] != "3-5" ||
		cs[0].Author != bot.AuthorPack || cs[0].Status != bot.RiskDraft {
		t.Fatalf("stored comments = %+v", cs)
	}
	h.rec.take()
	h.channel(lead, "comments")
	got := texts(h.rec.take())
	if !strings.Contains(got, "#1 [DRAFT] (checklist) People · 1-2") || !strings.Contains(got, "#2 [DRAFT] (checklist) Technology · 3-5") {
		t.Errorf("comments = %q", got)
	}
}

func TestRiskComments_OnlyStaffMayListApproveOrEdit(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "3-5")
	h.rec.take()
	for _, u := range []bot.UserRef{spoc, other} {
		for _, cmd := range []string{"comments", "approve 1", "edit 1 new text", "drafts"} {
			res := h.channel(u, cmd)
			if res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
				t.Errorf("%s %q: respond = %+v", u.ID, cmd, res.Respond)
			}
		}
	}
	if cs := h.riskComments(); len(cs) != 1 || cs[0].Status != bot.RiskDraft || cs[0].Author != bot.AuthorPack {
		t.Errorf("a refused command changed the comments: %+v", cs)
	}
}

func TestRiskComments_BadNumbersChangeNothing(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "3-5")
	h.rec.take()
	for cmd, want := range map[string]string{
		"approve":      "Type approve <number>",
		"approve x":    "Type approve <number>",
		"approve 1 7":  "There is no risk comment number 7",
		"edit 1":       "Type edit <number> <text>",
		"edit 9 words": "There is no risk comment number 9",
	} {
		h.channel(lead, cmd)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q: reply %q, want %q", cmd, got, want)
		}
	}
	if cs := h.riskComments(); cs[0].Status != bot.RiskDraft {
		t.Errorf("approve 1 7 approved #1 although 7 does not exist")
	}
}

func TestRiskComments_RegeneratingKeepsApprovedAndEdited(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "1-2", "3-5")
	h.channel(lead, "approve 1")
	h.channel(lead, "edit 2 The plant network has no zones.")
	h.channel(lead, "reassess 2-1 0 no procedures at all")
	h.rec.take()
	h.channel(lead, "drafts")
	cs := h.riskComments()
	if len(cs) != 3 {
		t.Fatalf("after drafts: %+v", cs)
	}
	if cs[0].Number != 1 || cs[0].Status != bot.RiskApproved || !strings.Contains(cs[0].Text.EN, "1-2") {
		t.Errorf("approved #1 changed: %+v", cs[0])
	}
	if cs[1].Number != 2 || cs[1].Text.EN != "The plant network has no zones." || cs[1].Author != bot.AuthorPerson {
		t.Errorf("edited #2 changed: %+v", cs[1])
	}
	if cs[2].Number != 3 || cs[2].Category != "ops" || cs[2].Items[0] != "2-1" || cs[2].Author != bot.AuthorPack {
		t.Errorf("new draft = %+v", cs[2])
	}
}

func TestRiskComments_EditMarksTheOtherLanguageStale(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "3-5")
	before := h.riskComments()[0]
	h.rec.take()
	h.channel(lead, "edit 1 ゾーン分割がされていません。")
	if got := texts(h.rec.take()); !strings.Contains(got, "the Japanese text is updated; the English text predates the edit") {
		t.Errorf("reply = %q", got)
	}
	c := h.riskComments()[0]
	if c.Text.JA != "ゾーン分割がされていません。" || c.Text.EN != before.Text.EN || c.StaleLang != assessment.EN ||
		c.Author != bot.AuthorPerson || c.ChangedBy != lead {
		t.Errorf("edited = %+v", c)
	}
	h.channel(lead, "approve 1")
	if got := texts(h.rec.take()); !strings.Contains(got, "#1 is approved") || !strings.Contains(got, "English text predates") {
		t.Errorf("approve reply = %q", got)
	}
}

func TestRiskComments_EditWithModelIsTranslated(t *testing.T) {
	h, w := newModelHarness(t, newLangModel())
	h.completeSelfRound(h.setup(""), "3-5")
	h.tick(w) // the model's drafts fail (none set): the pack draft stays
	h.rec.take()
	h.channel(lead, "edit 1 There are no zones.")
	if got := texts(h.rec.take()); !strings.Contains(got, "its Japanese translation was requested") {
		t.Fatalf("reply = %q", got)
	}
	h.tick(w)
	c := h.riskComments()[0]
	if c.Text.JA != "JA(There are no zones.)" || c.StaleLang != "" {
		t.Errorf("after the translation: %+v", c)
	}
}

// draftAll answers a risk request with one draft per category citing the
// asked items.
func draftAll(p *assessment.Pack) func(bot.RiskRequest) []assessment.RiskDraft {
	return func(req bot.RiskRequest) []assessment.RiskDraft {
		var out []assessment.RiskDraft
		for _, c := range p.Categories {
			var items []string
			for _, id := range req.Items {
				if it, _ := p.Item(id); it.Category == c.ID {
					items = append(items, id)
				}
			}
			if len(items) > 0 {
				out = append(out, assessment.RiskDraft{Category: c.ID, Items: items,
					Text: assessment.Text{JA: "モデル案 " + strings.Join(items, ","), EN: "Model draft " + strings.Join(items, ",")}})
			}
		}
		return out
	}
}

func TestRiskComments_ModelDraftsReplaceDraftsButNeverApproved(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll(mustPack(t, h))
	h.completeSelfRound(h.setup(""), "1-2", "3-5")
	if got := strings.Join(channelPosts(h.rec.take()), "\n"); !strings.Contains(got, "The language model is redrafting") {
		t.Errorf("completion post lacks the model note: %s", got)
	}
	h.channel(lead, "approve 1") // before the worker runs
	h.rec.take()
	posts := channelPosts(h.tick(w))
	reqs := m.riskRequests()
	if len(reqs) != 1 || strings.Join(reqs[0].Items, ",") != "3-5" || len(reqs[0].RedactWords) == 0 {
		t.Fatalf("risk requests = %+v, want only the unapproved weak item 3-5", reqs)
	}
	cs := h.riskComments()
	if len(cs) != 2 || cs[0].Status != bot.RiskApproved || cs[0].Author != bot.AuthorPack ||
		cs[1].Number != 3 || cs[1].Author != bot.AuthorModel || cs[1].Model != "fake-1" || cs[1].Text.EN != "Model draft 3-5" {
		t.Fatalf("comments = %+v", cs)
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "the language model drafted 1 risk comments") || !strings.Contains(posts[0], "#3 [DRAFT] (language model fake-1)") {
		t.Errorf("posts = %q", posts)
	}
}

func TestRiskComments_InvalidModelDraftsLeaveThePackDrafts(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = func(bot.RiskRequest) []assessment.RiskDraft {
		return []assessment.RiskDraft{{Category: "tech", Items: []string{"3-5", "9-9"}, Text: assessment.Text{JA: "案", EN: "draft"}}}
	}
	h.completeSelfRound(h.setup(""), "1-2", "3-5")
	h.rec.take()
	var posts []string
	for range 3 {
		posts = append(posts, channelPosts(h.tick(w))...)
		h.clock.Advance(time.Hour)
	}
	if len(m.riskRequests()) != 3 {
		t.Errorf("%d attempts, want 3", len(m.riskRequests()))
	}
	cs := h.riskComments()
	if len(cs) != 2 || cs[0].Author != bot.AuthorPack || cs[1].Author != bot.AuthorPack {
		t.Errorf("comments = %+v, want the pack drafts", cs)
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "could not draft the risk comments") {
		t.Errorf("posts = %q", posts)
	}
}

func TestReport_UsesApprovedCommentsFirstThenDrafts(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRound(h.setup(""), "1-2", "3-5")
	h.channel(lead, "edit 1 Leaders do not fund security.")
	h.channel(lead, "approve 1")
	var id string
	h.view(func(_ bot.Tx, eid string) error { id = eid; return nil })
	rep, err := h.engine.Report(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	cs := rep.Findings
	if len(cs) != 2 || cs[0].Status != assessment.FindingApproved || cs[0].Risk.EN != "Leaders do not fund security." ||
		cs[1].Status != assessment.FindingDraft || cs[1].Items[0] != "3-5" {
		t.Errorf("report findings = %+v", cs)
	}
}

// A comment written while the model was off for the engagement is never
// sent to it, even after `llm on`: the SPOC was told at the time that no
// model reads their comments.
func TestRiskComments_CommentsWrittenWithTheModelOffAreNeverSent(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll(mustPack(t, h))
	q := h.setup("")
	h.channel(lead, "llm off")
	h.dm(spoc, "note 1-2 the OT network is flat, nobody may know")
	h.channel(lead, "llm on")
	h.dm(spoc, "note 3-5 only the office firewall exists")
	h.rec.take()
	h.completeSelfRound(q, "1-2", "3-5")
	h.tick(w)
	reqs := m.riskRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d risk requests, want 1", len(reqs))
	}
	if got := reqs[0].Comments["1-2"]; len(got) != 0 {
		t.Errorf("a comment written with the model off was sent: %q", got)
	}
	if got := reqs[0].Comments["3-5"]; len(got) != 1 || got[0] != "only the office firewall exists" {
		t.Errorf("comments of 3-5 sent = %q, want the one written with the model on", got)
	}
	for _, c := range m.callTexts() {
		for _, text := range c {
			if strings.Contains(text, "nobody may know") {
				t.Errorf("the off-period comment reached the model: %q", text)
			}
		}
	}
}
