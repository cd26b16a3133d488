package engine_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// delegate is UOTHER, the plant's IT lead, whose Slack locale is Japanese.
var delegate = other

// sentTo are the messages of out addressed to u.
func sentTo(out []bot.Outgoing, u bot.UserRef) []bot.Outgoing {
	var mine []bot.Outgoing
	for _, o := range out {
		if o.User.ID == u.ID {
			mine = append(mine, o)
		}
	}
	return mine
}

// answerAs answers each question u is sent with value until none comes,
// starting from q; it returns the items u was asked.
func (h *harness) answerAs(q *bot.Question, u bot.UserRef, value string) []string {
	h.t.Helper()
	var asked []string
	for q != nil && len(asked) < 40 {
		asked = append(asked, q.Item)
		h.event(press(q, u, value))
		q = lastQuestion(sentTo(h.rec.take(), u))
	}
	return asked
}

// TestAssign_TheDelegateAnswersOnlyTheirItems: staff give 2-4 and 3-1 to
// 3-8 to the IT lead, who accepts, is greeted in Japanese with their nine
// questions and asked only those, with their own progress; the SPOC is
// never asked them; status says who holds what; the engagement completes
// when the last of all 32 is answered, whoever answers it.
func TestAssign_TheDelegateAnswersOnlyTheirItems(t *testing.T) {
	h := newHarness(t)
	first := h.setup("lang:both")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Command: true, Text: "assign 3-1..3-8,2-4 <@UOTHER|it-lead>",
		Locales: map[string]string{delegate.ID: "ja-JP"}})
	out := h.rec.take()
	if all := texts(out); !strings.Contains(all, "2-4, 3-1 to 3-8 (9 items) are now answered by <@UOTHER>") {
		t.Fatalf("the channel was told:\n%s", all)
	}
	consent := lastQuestion(sentTo(out, delegate))
	if consent == nil || consent.Item != "consent" || !strings.Contains(consent.Text, "「Plant A」") ||
		!strings.Contains(consent.Text, "9項目（2-4、3-1～3-8）への回答をあなたに依頼しました") {
		t.Fatalf("the delegate was not asked, in Japanese, to accept their items: %+v", consent)
	}
	h.event(press(consent, delegate, "accept"))
	accepted := h.rec.take()
	if all := texts(accepted); !strings.Contains(all, "<@UOTHER> accepted answering their items of Plant A") {
		t.Errorf("the channel was not told of the acceptance:\n%s", all)
	}
	got := sentTo(accepted, delegate)
	q := lastQuestion(got)
	if q == nil || q.Item != "2-4" || q.Number != 1 || q.Total != 9 || q.Done != 0 || !strings.Contains(texts(got), "全9問") || strings.Contains(texts(got), "There are") {
		t.Fatalf("after accepting, the delegate got:\n%s\nquestion %+v", texts(got), q)
	}

	asked := h.answerAs(first, spoc, "2")
	for _, id := range asked {
		if id == "2-4" || strings.HasPrefix(id, "3-") {
			t.Errorf("the SPOC was asked %s, which is the delegate's", id)
		}
	}
	if len(asked) != 23 {
		t.Errorf("the SPOC was asked %d items, want the 23 not delegated: %v", len(asked), asked)
	}
	if all := texts(h.rec.take()); strings.Contains(all, "self-assessment is complete") {
		t.Fatal("the engagement completed before the delegate answered")
	}
	h.channel(lead, "status")
	status := texts(h.rec.take())
	for _, want := range []string{"Who answers what", "2-4, 3-1 to 3-8: <@UOTHER> (0/9)", "Every other item: the SPOC <@USPOC> (23/23)"} {
		if !strings.Contains(status, want) {
			t.Errorf("status lacks %q:\n%s", want, status)
		}
	}
	h.dm(delegate, "goto 1-1")
	if all := texts(h.rec.take()); !strings.Contains(all, "1-1は、あなたの担当の項目ではありません") {
		t.Errorf("goto 1-1 by the delegate:\n%s", all)
	}

	dq := h.answerAs(q, delegate, "3")
	want := []string{"2-4", "3-1", "3-2", "3-3", "3-4", "3-5", "3-6", "3-7", "3-8"}
	if !slices.Equal(dq, want) {
		t.Errorf("the delegate was asked %v, want %v", dq, want)
	}
	if a := h.answers(); bot.CountDone(a) != 32 || a["3-5"].Value != "3" || a["1-1"].Value != "2" {
		t.Errorf("answers: %d done, 3-5 %+v, 1-1 %+v", bot.CountDone(a), a["3-5"], a["1-1"])
	}
}

// The engagement's completion is posted once, when the delegate answers
// the last open item; the delegate is thanked for their items.
func TestAssign_CompletesWhenEveryItemIsAnswered(t *testing.T) {
	h := newHarness(t)
	first := h.setup("")
	h.channel(lead, "assign 3-8 <@UOTHER>")
	consent := lastQuestion(sentTo(h.rec.take(), delegate))
	h.event(press(consent, delegate, "accept"))
	q := lastQuestion(sentTo(h.rec.take(), delegate))
	h.answerAs(first, spoc, "2")
	h.rec.take()
	h.event(press(q, delegate, "1"))
	out := h.rec.take()
	if all := texts(out); strings.Count(all, "self-assessment is complete") != 1 || !strings.Contains(texts(sentTo(out, delegate)), "every item given to you") {
		t.Errorf("after the last item:\n%s", all)
	}
}

// Items given back go to the SPOC, who is asked them even after finishing;
// someone shown an item that is given away moves on.
func TestAssign_GivingItemsBackAndAwayMovesWhoIsAsked(t *testing.T) {
	h := newHarness(t)
	first := h.setup("")
	if first.Item != "1-1" {
		t.Fatalf("first question %s", first.Item)
	}
	h.channel(lead, "assign 1-1..1-4 <@UOTHER>")
	out := h.rec.take()
	if q := lastQuestion(sentTo(out, spoc)); q == nil || q.Item != "1-5" {
		t.Fatalf("the SPOC, shown 1-1, was not moved on to 1-5: %+v\n%s", q, texts(out))
	}
	h.channel(lead, "assign 1-1..1-4 spoc")
	if all := texts(h.rec.take()); !strings.Contains(all, "1-1 to 1-4 (4 items) are answered by the SPOC again") {
		t.Errorf("giving back:\n%s", all)
	}
	h.channel(lead, "status")
	if all := texts(h.rec.take()); strings.Contains(all, "Who answers what") {
		t.Errorf("status after giving every item back:\n%s", all)
	}
}

func TestAssign_BadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for in, want := range map[string]string{
		"assign":                    "Name the items",
		"assign <@UOTHER>":          "Name the items",
		"assign 3-1":                "Name the items",
		"assign 3-1 <@UOTHER> spoc": "Name the items",
		"assign 3-8..3-1 <@UOTHER>": `"3-8..3-1" is not a range`,
		"assign 3-1..9-9 <@UOTHER>": "There is no item 9-9",
		"assign 3-1,x-1 <@UOTHER>":  "There is no item x-1",
	} {
		h.channel(lead, in)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
	res := h.channel(spoc, "assign 3-1 <@UOTHER>")
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
		t.Errorf("the SPOC's assign: %+v", res.Respond)
	}
	h.channel(lead, "status")
	if all := texts(h.rec.take()); strings.Contains(all, "Who answers what") {
		t.Errorf("refused assigns delegated something:\n%s", all)
	}
}

// Items given before start: start asks the delegate to accept too; a
// delegate whose items were all given back is not asked at all.
func TestAssign_BeforeStart(t *testing.T) {
	h := newHarness(t)
	h.channel(lead, "new Plant A spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en")
	h.channel(lead, "assign 4-1..4-6 <@UOTHER> <@USPOC2>")
	h.channel(lead, "assign 4-1..4-6 <@USPOC2>")
	if out := h.rec.take(); lastQuestion(sentTo(out, other)) != nil || lastQuestion(sentTo(out, spoc2)) != nil {
		t.Fatalf("someone was asked before start:\n%s", texts(out))
	}
	h.channel(lead, "start")
	out := h.rec.take()
	if all := texts(out); !strings.Contains(all, "Plant A: <@USPOC2> was asked to accept answering the items given to them first") {
		t.Errorf("start's channel posts:\n%s", all)
	}
	if q := lastQuestion(sentTo(out, spoc2)); q == nil || q.Item != "consent" {
		t.Errorf("start did not ask the delegate to accept: %+v", q)
	}
	if q := lastQuestion(sentTo(out, other)); q != nil {
		t.Errorf("a delegate holding nothing was asked: %+v", q)
	}
}

// The report lists the delegated items with who answers them, in every
// format's model (the JSON's delegated).
func TestAssign_TheReportListsTheDelegatedItems(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "assign 3-1..3-4 <@UOTHER>")
	h.channel(lead, "assign 2-4 <@UOTHER> <@USPOC2>")
	r, err := h.engine.Report(t.Context(), h.engagementNamed("Plant A").ID)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Delegated
	if len(d) != 2 || strings.Join(d[0].Items, ",") != "2-4" || strings.Join(d[0].Holders, ",") != "UOTHER,USPOC2" ||
		strings.Join(d[1].Items, ",") != "3-1,3-2,3-3,3-4" || strings.Join(d[1].Holders, ",") != "UOTHER" || d[1].Answered != 0 {
		t.Errorf("delegated = %+v", d)
	}
}

// back moves through the person's own items: from the delegate's first
// item it stays there, and the SPOC's back skips the delegated ones.
func TestAssign_BackStaysAmongTheirItems(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "assign 1-2..1-4 <@UOTHER>")
	consent := lastQuestion(sentTo(h.rec.take(), delegate))
	h.event(press(consent, delegate, "accept"))
	q := lastQuestion(sentTo(h.rec.take(), delegate))
	h.event(press(q, delegate, "2")) // 1-2 → 1-3
	h.rec.take()
	h.dm(delegate, "back")
	h.dm(delegate, "back")
	out := sentTo(h.rec.take(), delegate)
	if q := lastQuestion(out); q == nil || q.Item != "1-2" || !strings.Contains(texts(out), "This is the first item") {
		t.Errorf("the delegate's back from 1-3, twice: %+v\n%s", q, texts(out))
	}
	for _, o := range out {
		if q := o.Reply.Question; q != nil && q.Item == "1-1" {
			t.Error("back showed the delegate 1-1, the SPOC's item")
		}
	}
}

// Ranges are read with every mark people type: .., …, ... (… read as
// ASCII), ～, 〜 and ~, full-width digits too.
func TestAssign_RangeMarks(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for _, items := range []string{"1-2..1-4", "1-2…1-4", "1-2...1-4", "1-2～1-4", "１－２〜１－４", "1-2~1-4"} {
		h.channel(lead, "assign "+items+" <@UOTHER>")
		if got := texts(h.rec.take()); !strings.Contains(got, "1-2 to 1-4 (3 items) are now answered by <@UOTHER>") {
			t.Errorf("%s → %q", items, got)
		}
	}
}

// One item given away and back is told as one item, in both languages, and
// so is the request to its delegate.
func TestAssign_OneItemIsToldAsOne(t *testing.T) {
	h := newHarness(t)
	h.setup("lang:both")
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Command: true, Text: "assign 2-4 <@UOTHER|it-lead>",
		Locales: map[string]string{delegate.ID: "en-US"}})
	out := h.rec.take()
	all := texts(out)
	if !strings.Contains(all, "2-4 is now answered by <@UOTHER>. They will be asked only that item") ||
		!strings.Contains(all, "2-4（1項目）の回答を<@UOTHER>に依頼しました") || strings.Contains(all, "1 items") {
		t.Errorf("the channel was told:\n%s", all)
	}
	consent := lastQuestion(sentTo(out, delegate))
	if consent == nil || !strings.Contains(consent.Text, "asks you to answer one item (2-4) of the checklist") {
		t.Fatalf("the delegate was asked: %+v", consent)
	}
	h.channel(lead, "assign 2-4 spoc")
	if all := texts(h.rec.take()); !strings.Contains(all, "2-4 is answered by the SPOC again") ||
		!strings.Contains(all, "2-4（1項目）の回答を窓口担当者（SPOC）に戻しました") {
		t.Errorf("giving back:\n%s", all)
	}
}
