package engine_test

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
		"finding":                 "To add one, type finding add",
		"finding add 3-5":         "To add one, type finding add",
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

func TestFindings_NotSureItemsCannotBeCitedByHand(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5", "2-8=unsure")
	h.channel(lead, "drafts") // 2-8 is open, so the round is not complete: draft now
	before := h.findings()
	h.rec.take()
	for _, cmd := range []string{"finding add 2-8 vulnerabilities are not tracked", "edit 1 see 2-8 and 3-5"} {
		h.channel(lead, cmd)
		if got := texts(h.rec.take()); !strings.Contains(got, "Item 2-8 is still \"not sure\", so no finding may cite it") {
			t.Errorf("%q: reply %q", cmd, got)
		}
	}
	if !sameFindings(before, h.findings()) {
		t.Errorf("findings changed: %v", numbers(h.findings()))
	}
	h.channel(lead, "reassess 2-8 1 no vulnerability tracking")
	h.channel(lead, "finding add 2-8 vulnerabilities are not tracked")
	if f := h.findings(); f[len(f)-1].Items[0] != "2-8" {
		t.Errorf("after reassess, the finding on 2-8 was not added: %+v", f[len(f)-1])
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
	// The approved and the edited finding keep their ranks 1 and 2; the new
	// improvement on 2-1 (key, gap 12) gets a new number and the first free
	// rank; the good point on 2-1 (#5) is superseded; the other good points
	// keep their rows.
	if fs[2].Number != 12 || fs[2].Items[0] != "2-1" || fs[2].Kind != assessment.Improvement || fs[2].Author != assessment.ByOffline {
		t.Errorf("new draft = %+v", fs[2])
	}
	if got := numbers(fs); !slices.Equal(got, []int{1, 2, 12, 3, 4, 6, 7, 8, 9, 10, 11}) {
		t.Errorf("findings after drafts: %v", got)
	}
	for i, f := range fs {
		if f.Priority != i+1 {
			t.Errorf("priorities are not 1…n: #%d has %d at %d", f.Number, f.Priority, i+1)
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

func TestFindings_ShowOneWithItsHistory(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup("tz:Asia/Tokyo"), "3", "3-5")
	h.clock.Advance(time.Hour)
	h.channel(lead, "edit 1 The plant network is flat (3-5).")
	h.clock.Advance(time.Hour)
	h.channel(lead, "approve 1")
	h.rec.take()
	h.channel(lead, "finding 1")
	got := texts(h.rec.take())
	for _, want := range []string{"#1 [APPROVED] Improvement · priority 1 · Technology · 3-5", "The plant network is flat (3-5).", "History",
		"- Wed 25 Nov 2026 18:00 JST · added · drafted by otassess · [DRAFT] · priority 1",
		"- Wed 25 Nov 2026 19:00 JST · changed · <@ULEAD> · [DRAFT] · priority 1",
		"- Wed 25 Nov 2026 20:00 JST · changed · <@ULEAD> · [APPROVED] · priority 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("finding 1 lacks %q:\n%s", want, got)
		}
	}
	h.channel(lead, "finding 99")
	if got := texts(h.rec.take()); !strings.Contains(got, "There is no finding number 99") {
		t.Errorf("finding 99: %q", got)
	}
}

func TestFindings_ReassessRedraftsAndRegeneratingTwiceChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	h.rec.take()
	h.channel(lead, "reassess 3-5 1 a firewall exists but allows any traffic")
	if got := texts(h.rec.take()); !strings.Contains(got, "The draft findings now follow the re-evaluation") {
		t.Errorf("reassess reply = %q", got)
	}
	f := h.byNumber(1)
	if !strings.Contains(f.Risk.EN, `network segmentation (3-5) at level 1 ("Partly in place", re-evaluated on site from the self-assessed level 0)`) ||
		!strings.Contains(f.Risk.EN, `The assessors noted on site: "a firewall exists but allows any traffic" (3-5, re-evaluation reason).`) {
		t.Errorf("the draft did not follow the re-evaluation: %q", f.Risk.EN)
	}
	h.channel(lead, "drafts")
	before := h.findings()
	var hist []bot.FindingChange
	h.view(func(tx bot.Tx, id string) (err error) { hist, err = tx.FindingHistory(id, 1); return err })
	h.channel(lead, "drafts")
	var again []bot.FindingChange
	h.view(func(tx bot.Tx, id string) (err error) { again, err = tx.FindingHistory(id, 1); return err })
	if after := h.findings(); !sameFindings(before, after) || len(again) != len(hist) {
		t.Errorf("drafts twice changed the findings or their history: %v → %v, %d → %d history rows",
			numbers(before), numbers(after), len(hist), len(again))
	}
}
