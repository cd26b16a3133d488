package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// findings are the first engagement's current findings, by priority.
func (h *harness) findings() []bot.Finding {
	var out []bot.Finding
	h.view(func(tx bot.Tx, id string) error {
		var err error
		out, err = tx.Findings(id)
		return err
	})
	return out
}

// byNumber is the current finding numbered n.
func (h *harness) byNumber(n int) bot.Finding {
	h.t.Helper()
	for _, f := range h.findings() {
		if f.Number == n {
			return f
		}
	}
	h.t.Fatalf("no finding #%d", n)
	return bot.Finding{}
}

// With every other item at the target level 3, 3-5 (weight 3, gap 9) and
// 1-2 (weight 2, gap 6) are the improvements, in that order, then a good
// point per key item.
func TestFindings_CompletionStoresNumberedOfflineDrafts(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	fs := h.findings()
	if len(fs) != 11 || fs[0].Number != 1 || !slices.Equal(fs[0].Items, []string{"3-5"}) || fs[0].Priority != 1 ||
		fs[1].Items[0] != "1-2" || fs[0].Author != assessment.ByOffline || fs[0].Status != assessment.FindingDraft ||
		fs[2].Kind != assessment.Good || fs[2].Priority != 3 {
		t.Fatalf("stored findings = %+v", fs)
	}
	if !strings.Contains(fs[0].Risk.EN, "network segmentation (3-5) at level 0") || !strings.Contains(fs[0].Risk.JA, "である。") {
		t.Errorf("draft text = %+v", fs[0].Risk)
	}
	h.rec.take()
	h.channel(lead, "findings")
	got := texts(h.rec.take())
	for _, want := range []string{"#1 [DRAFT] Improvement · priority 1 · Technology · 3-5 (drafted by otassess)",
		"#2 [DRAFT] Improvement · priority 2 · People · 1-2", "#3 [DRAFT] Good point · priority 3 · People · 1-1"} {
		if !strings.Contains(got, want) {
			t.Errorf("findings list lacks %q:\n%s", want, got)
		}
	}
}

func TestFindings_ListGolden(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5", "3-7=1")
	h.channel(lead, "edit 2 OT と IT の部門間に定例の会議がない（1-2）。")
	h.channel(lead, "approve 1")
	h.rec.take()
	h.channel(lead, "findings")
	en := texts(h.rec.take())
	h.channel(lead, "lang ja")
	h.rec.take()
	h.channel(lead, "findings")
	golden(t, "findings_list.golden", en+"\n"+texts(h.rec.take()))
}

func TestFindings_OnlyStaffMayChangeThem(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	before := h.findings()
	h.rec.take()
	for _, u := range []bot.UserRef{spoc, other} {
		for _, cmd := range []string{"findings", "finding add 3-5 text", "approve 1", "edit 1 new text", "priority 1 2", "drafts"} {
			res := h.channel(u, cmd)
			if res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
				t.Errorf("%s %q: respond = %+v", u.ID, cmd, res.Respond)
			}
		}
	}
	if after := h.findings(); !sameFindings(before, after) {
		t.Errorf("a refused command changed the findings: %+v", after)
	}
}

func sameFindings(a, b []bot.Finding) bool {
	return slices.EqualFunc(a, b, func(x, y bot.Finding) bool {
		return x.Number == y.Number && x.Priority == y.Priority && x.Status == y.Status && x.Risk == y.Risk &&
			x.Direction == y.Direction && slices.Equal(x.Items, y.Items) && x.Author == y.Author
	})
}

func TestFindings_BadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	before := h.findings()
	h.rec.take()
	for cmd, want := range map[string]string{
		"approve":                 "Type approve <number>",
		"approve x":               "Type approve <number>",
		"approve 1 99":            "There is no finding number 99",
		"edit 1":                  "Type edit <number> <text>",
		"edit 99 words":           "There is no finding number 99",
		"edit 1 direction":        "Type edit <number> <text>",
		"edit 1 see 1-9 for this": "The items given (see 1-9 for this) are not all in this checklist",
		"priority 1":              "Type priority <number> <rank>",
		"priority 99 1":           "There is no finding number 99",
		"finding":                 "Type finding add",
		"finding add 3-5":         "Type finding add",
		"finding add 9-9 no item": "The items given (9-9) are not all in this checklist",
		"finding add 2-1~2-6 six": "One finding cites at most 5 items",
		"finding add nowhere x y": "Name one to five items",
		"findings now":            "Type findings to list",
	} {
		h.channel(lead, cmd)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q: reply %q, want %q", cmd, got, want)
		}
	}
	if after := h.findings(); !sameFindings(before, after) {
		t.Errorf("bad input changed the findings: %+v", after)
	}
}

func TestFindings_RegeneratingKeepsApprovedAndEdited(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	h.channel(lead, "approve 1")
	h.channel(lead, "edit 2 The plant network has no zones.")
	h.channel(lead, "reassess 2-1 0 no procedures at all")
	h.rec.take()
	h.channel(lead, "drafts")
	fs := h.findings()
	// 2-1 (key, now 0) leads the new drafts; 2-1 is no longer a good point.
	if fs[0].Number != 1 || fs[0].Status != assessment.FindingApproved || fs[0].Items[0] != "3-5" {
		t.Errorf("approved #1 changed: %+v", fs[0])
	}
	edited := h.byNumber(2)
	if edited.Risk.EN != "The plant network has no zones." || edited.Author != assessment.ByPerson {
		t.Errorf("edited #2 changed: %+v", edited)
	}
	var new []bot.Finding
	for _, f := range fs {
		if f.Number > 11 {
			new = append(new, f)
		}
	}
	if len(new) == 0 || new[0].Items[0] != "2-1" || new[0].Kind != assessment.Improvement || new[0].Author != assessment.ByOffline {
		t.Errorf("new drafts = %+v", new)
	}
	for i, f := range fs {
		if f.Priority != i+1 {
			t.Errorf("priorities are not 1…n: #%d has %d at %d", f.Number, f.Priority, i+1)
		}
		if f.Number > 2 && f.Number <= 11 {
			t.Errorf("superseded draft #%d is still listed", f.Number)
		}
	}
}

func TestFindings_EditMarksTheOtherLanguageStaleAndItemsFollowTheText(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	before := h.byNumber(1)
	h.rec.take()
	h.channel(lead, "edit 1 ゾーン分割がされておらず、リモート接続も無制限である（3-5、3-6）。")
	got := texts(h.rec.take())
	if !strings.Contains(got, "the Japanese risk factor is updated; the English text predates the edit") ||
		!strings.Contains(got, "The cited items now follow the text: 3-5, 3-6.") {
		t.Errorf("reply = %q", got)
	}
	f := h.byNumber(1)
	if f.Risk.EN != before.Risk.EN || !slices.Equal(f.Stale, []assessment.Lang{assessment.EN}) ||
		!slices.Equal(f.Items, []string{"3-5", "3-6"}) || f.Author != assessment.ByPerson || f.ChangedBy != lead {
		t.Errorf("edited = %+v", f)
	}
	h.channel(lead, "edit 1 direction Remote access should go through a jump server.")
	f = h.byNumber(1)
	if f.Direction.EN != "Remote access should go through a jump server." || f.Direction.JA != before.Direction.JA ||
		!slices.Equal(f.Stale, []assessment.Lang{assessment.JA}) || !slices.Equal(f.Items, []string{"3-5", "3-6"}) {
		t.Errorf("after the direction edit = %+v", f)
	}
	h.rec.take()
	h.channel(lead, "approve 1")
	if got := texts(h.rec.take()); !strings.Contains(got, "#1 is approved") || !strings.Contains(got, "its Japanese text predates") {
		t.Errorf("approve reply = %q", got)
	}
	h.channel(lead, "findings")
	if got := texts(h.rec.take()); !strings.Contains(got, "(⚠ its Japanese text predates the last edit)") {
		t.Errorf("the list does not mark the stale language: %q", got)
	}
}

func TestFindings_AddByHandAndReorder(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	n := len(h.findings())
	h.rec.take()
	h.channel(lead, "finding add good site 5S is practised throughout the plant.")
	if got := texts(h.rec.take()); !strings.Contains(got, "Finding #11 is added as a draft (priority 11). It has no Japanese text yet") {
		t.Errorf("reply = %q", got)
	}
	site := h.byNumber(n + 1)
	if site.Kind != assessment.Good || site.Category != assessment.SiteCategory || len(site.Items) != 0 ||
		site.Author != assessment.ByPerson || !slices.Equal(site.Stale, []assessment.Lang{assessment.JA}) || site.Priority != n+1 {
		t.Errorf("site finding = %+v", site)
	}
	h.channel(lead, "finding add 1-1～1-3 本社と工場の役割分担が定まっていない。")
	org := h.byNumber(n + 2)
	if org.Kind != assessment.Improvement || !slices.Equal(org.Items, []string{"1-1", "1-2", "1-3"}) || org.Category != "org" ||
		org.Risk.JA != "本社と工場の役割分担が定まっていない。" {
		t.Errorf("org finding = %+v", org)
	}
	h.rec.take()
	h.channel(lead, "priority 12 1")
	if got := texts(h.rec.take()); !strings.Contains(got, "Finding #12 now has priority 1") {
		t.Errorf("reply = %q", got)
	}
	fs := h.findings()
	if fs[0].Number != 12 || fs[0].Priority != 1 || fs[1].Number != 1 || fs[1].Priority != 2 || fs[len(fs)-1].Number != 11 {
		t.Errorf("order after priority: %v", numbers(fs))
	}
}

func numbers(fs []bot.Finding) []int {
	var out []int
	for _, f := range fs {
		out = append(out, f.Number)
	}
	return out
}

func TestFindings_EditWithModelIsTranslated(t *testing.T) {
	h, w := newModelHarness(t, newLangModel())
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	h.tick(w) // the model's drafts fail (none set): the offline drafts stay
	h.rec.take()
	h.channel(lead, "edit 1 There are no zones.")
	if got := texts(h.rec.take()); !strings.Contains(got, "its Japanese translation was requested") {
		t.Fatalf("reply = %q", got)
	}
	h.tick(w)
	f := h.byNumber(1)
	if f.Risk.JA != "JA(There are no zones.)" || len(f.Stale) != 0 {
		t.Errorf("after the translation: %+v", f)
	}
}

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
	if fs[1].Number != 12 || fs[1].Author != assessment.ByModel || fs[1].Model != "fake-1" || fs[1].Risk.EN != "Model draft 1-2" || fs[1].Priority != 2 {
		t.Fatalf("model draft = %+v", fs[1])
	}
	if len(posts) != 1 || !strings.Contains(posts[0], "the language model drafted 10 findings") || !strings.Contains(posts[0], "#12 [DRAFT] Improvement · priority 2 · People · 1-2 (language model fake-1)") {
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
	h.rec.take()
	posts := channelPosts(h.tick(w))
	if len(posts) != 1 || !strings.Contains(posts[0], "the language model drafted") {
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

func TestReport_UsesApprovedFindingsFirstThenDrafts(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	h.channel(lead, "edit 2 Leaders do not fund security.")
	h.channel(lead, "approve 2")
	var id string
	h.view(func(_ bot.Tx, eid string) error { id = eid; return nil })
	rep, err := h.engine.Report(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	cs := rep.Findings
	if len(cs) != 11 || cs[0].Status != assessment.FindingApproved || cs[0].Risk.EN != "Leaders do not fund security." ||
		cs[1].Status != assessment.FindingDraft || cs[1].Items[0] != "3-5" {
		t.Errorf("report findings = %+v", cs)
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
	var sent []assessment.Remark
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
