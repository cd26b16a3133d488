package engine_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/analysis"
	"github.com/otassess/otassess/bot"
)

// draftAll answers a findings request as a model would: a finding per
// offline draft, citing the same items, with its own words.
func draftAll(req bot.FindingsRequest) []assessment.Finding {
	var out []assessment.Finding
	for _, d := range req.Offline {
		ids := strings.Join(d.Items, ",")
		out = append(out, assessment.Finding{Kind: d.Kind, Items: d.Items,
			Risk:      assessment.Text{JA: "モデル案 " + ids + " である。", EN: "Model draft " + ids},
			Direction: assessment.Text{JA: "対策すべきである。", EN: "Act."}})
	}
	return out
}

func TestFindings_ModelDraftsReplaceDraftsButNeverApproved(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	if got := strings.Join(channelPosts(h.rec.take()), "\n"); !strings.Contains(got, "The language model is redrafting") {
		t.Errorf("completion post lacks the model note: %s", got)
	}
	h.channel(lead, "approve 1") // before the worker runs
	h.rec.take()
	posts := channelPosts(h.tick(w))
	reqs := m.draftRequests()
	if len(reqs) != 1 || !reqs[0].Input.Covered["3-5"] || len(reqs[0].RedactWords) == 0 || reqs[0].Offline[0].Items[0] != "1-2" {
		t.Fatalf("draft requests = %+v, want the approved 3-5 covered", reqs)
	}
	fs := h.findings()
	if fs[0].Number != 1 || fs[0].Status != assessment.FindingApproved || fs[0].Author != assessment.ByOffline {
		t.Fatalf("approved finding changed: %+v", fs[0])
	}
	// The model's draft on 1-2 takes over the offline draft's row and number.
	if fs[1].Number != 2 || fs[1].Author != assessment.ByModel || fs[1].Model != "fake-1" || fs[1].Risk.EN != "Model draft 1-2" ||
		fs[1].Priority != 2 || len(fs[1].Sources) != 1 || fs[1].Sources[0].Value != "0" {
		t.Fatalf("model draft = %+v", fs[1])
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "draft findings from the language model: 10") || !strings.Contains(posts[0], "#2 [DRAFT] Improvement · priority 2 · People · 1-2 (language model fake-1)") {
		t.Errorf("posts = %q", posts)
	}
}

// Drafts that cite an unknown item are refused at once, saying why; the
// offline drafts stand.
func TestFindings_ModelDraftsBreakingTheContractAreRefusedWithTheReason(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = func(req bot.FindingsRequest) []assessment.Finding {
		out := draftAll(req)
		out[0].Items = append(out[0].Items, "9-9")
		return out
	}
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	before := h.findings()
	h.rec.take()
	posts := channelPosts(h.tick(w))
	h.clock.Advance(time.Hour)
	posts = append(posts, channelPosts(h.tick(w))...)
	if len(m.draftRequests()) != 1 {
		t.Errorf("%d attempts, want 1: a contract breach is not retried", len(m.draftRequests()))
	}
	if !sameFindings(before, h.findings()) {
		t.Errorf("findings changed: %+v", h.findings())
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "the language model's drafts were not used because they cited item 9-9, which the checklist does not have") {
		t.Errorf("posts = %q", posts)
	}
	m.drafts = func(req bot.FindingsRequest) []assessment.Finding { return draftAll(req)[1:] }
	h.channel(lead, "drafts")
	h.rec.take()
	if posts := channelPosts(h.tick(w)); len(posts) != 1 || !strings.Contains(posts[0], "because they left out 3-5, one of the top-ranked gaps") {
		t.Errorf("posts = %q", posts)
	}
}

// Items flagged "not sure" are never findings, so drafts that leave them
// out are used (every model draft used to be refused while one was open).
func TestFindings_ModelDraftsAreUsedWhileItemsAreNotSure(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5", "2-8=unsure", "3-7=unsure")
	// Not sure is not answered (issue 16): the round is not complete, so
	// the lead asks for the drafts.
	h.channel(lead, "drafts")
	h.rec.take()
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 || !strings.Contains(posts[0], "draft findings from the language model") {
		t.Fatalf("posts = %q", posts)
	}
	for _, f := range h.findings() {
		if f.Author != assessment.ByModel || slices.Contains(f.Items, "2-8") || slices.Contains(f.Items, "3-7") {
			t.Errorf("finding %+v", f)
		}
	}
}

func TestFindings_ModelFailureIsRetriedThenReported(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	before := h.findings()
	h.rec.take()
	var posts []string
	for range 3 {
		posts = append(posts, channelPosts(h.tick(w))...)
		h.clock.Advance(time.Hour)
	}
	if len(m.draftRequests()) != 3 || !sameFindings(before, h.findings()) {
		t.Errorf("%d attempts, findings %+v", len(m.draftRequests()), h.findings())
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "could not draft the findings") {
		t.Errorf("posts = %q", posts)
	}
}

// A comment written while the model was off for the engagement is never
// sent to it, even after `llm on`: the SPOC was told at the time that no
// model reads their comments.
func TestFindings_CommentsWrittenWithTheModelOffAreNeverSent(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	m.drafts = draftAll
	q := h.setup("")
	h.channel(lead, "llm off")
	h.dm(spoc, "note 1-2 the OT network is flat, nobody may know")
	h.channel(lead, "llm on")
	h.dm(spoc, "note 3-5 only the office firewall exists")
	h.rec.take()
	h.completeSelfRoundAt(q, "3", "1-2", "3-5")
	h.tick(w)
	reqs := m.draftRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d draft requests, want 1", len(reqs))
	}
	var sent []analysis.Remark
	for _, r := range reqs[0].Input.Remarks {
		sent = append(sent, r)
		if r.Item == "1-2" {
			t.Errorf("a comment written with the model off was sent: %+v", r)
		}
	}
	if len(sent) != 1 || sent[0].Item != "3-5" || sent[0].Kind != assessment.SourceClient || sent[0].Text.EN != "only the office firewall exists" {
		t.Errorf("remarks sent = %+v, want the one written with the model on, as the client's", sent)
	}
	for _, c := range m.callTexts() {
		for _, text := range c {
			if strings.Contains(text, "nobody may know") {
				t.Errorf("the off-period comment reached the model: %q", text)
			}
		}
	}
}
