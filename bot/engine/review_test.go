package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/engine"
)

// reviewState is what reassess and close may change.
type reviewState struct {
	eng      *bot.Engagement
	self     map[string]assessment.Answer
	review   map[string]assessment.Answer
	history  []bot.AnswerRecord
	comments []bot.Comment
}

func (h *harness) reviewState() reviewState {
	h.t.Helper()
	var s reviewState
	err := h.db.View(context.Background(), func(tx bot.Tx) error {
		engs, err := tx.Engagements()
		if err != nil {
			return err
		}
		s.eng = engs[0]
		if s.self, err = tx.CurrentAnswers(s.eng.ID, bot.RoundSelf); err != nil {
			return err
		}
		if s.review, err = tx.CurrentAnswers(s.eng.ID, bot.RoundReview); err != nil {
			return err
		}
		if s.history, err = tx.History(s.eng.ID); err != nil {
			return err
		}
		s.comments, err = tx.Comments(s.eng.ID)
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func (s reviewState) same(o reviewState) bool {
	return s.eng.Status == o.eng.Status && len(s.review) == len(o.review) &&
		len(s.history) == len(o.history) && len(s.comments) == len(o.comments)
}

func TestReassess_RefusedForSPOCAndStrangers(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	h.event(press(q, spoc, "2"))
	h.rec.take()
	before := h.reviewState()
	for _, u := range []bot.UserRef{spoc, other} {
		res := h.channel(u, `reassess 1-1 1 "no written procedure"`)
		if res.Respond == nil || !res.Respond.Ephemeral || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
			t.Errorf("%s: respond = %+v", u.ID, res.Respond)
		}
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("a refused reassess sent:\n%s", texts(out))
	}
	if after := h.reviewState(); !after.same(before) || after.eng.Status != bot.StatusSelfAssessment {
		t.Errorf("a refused reassess changed something: status %s, %d review answers, %d comments",
			after.eng.Status, len(after.review), len(after.comments))
	}
}

func TestReassess_KeepsTheSelfAnswerAndShowsBoth(t *testing.T) {
	h := newHarness(t)
	q := h.setup("assessor:<@UASSR>")
	h.event(press(q, spoc, "2"))
	h.rec.take()
	h.channel(assessor, `reassess 1-1 1 "no written procedure"`)
	got := texts(h.rec.take())
	if want := `Item 1-1 re-evaluated: self-assessment "In place" → after assessment "Partly in place"`; !strings.Contains(got, want) {
		t.Errorf("reply %q, want %q", got, want)
	}
	s := h.reviewState()
	if s.self["1-1"].Value != "2" || s.review["1-1"].Value != "1" {
		t.Errorf("self %v, review %v; want 2 kept and 1 after assessment", s.self["1-1"], s.review["1-1"])
	}
	last := s.history[len(s.history)-1]
	if last.Round != bot.RoundReview || last.Author != assessor || last.Item != "1-1" {
		t.Errorf("the history's last row is %+v, want the assessor's review of 1-1", last)
	}
	if n := len(s.comments); n != 1 || s.comments[0].Text != "no written procedure" || s.comments[0].Round != bot.RoundReview || s.comments[0].Author != assessor {
		t.Errorf("comments = %+v", s.comments)
	}
	if s.eng.Status != bot.StatusReview {
		t.Errorf("status %s, want review", s.eng.Status)
	}

	rep, err := h.engine.Report(context.Background(), s.eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rep.Answers {
		if row.Item == "1-1" && (row.Self.Value != "2" || row.Review.Value != "1") {
			t.Errorf("the report's row of 1-1 shows self %q and review %q", row.Self.Value, row.Review.Value)
		}
	}
}

func TestReassess_AnUnansweredItemAndJapaneseInput(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	h.channel(lead, "再評価 ３-５ 該当なし 「OT セグメントが存在しない」")
	got := texts(h.rec.take())
	if want := `Item 3-5 re-evaluated: self-assessment "unanswered" → after assessment "Not applicable"`; !strings.Contains(got, want) {
		t.Errorf("reply %q, want %q", got, want)
	}
	s := h.reviewState()
	if s.review["3-5"].Value != assessment.NA || len(s.comments) != 1 || s.comments[0].Text != "OT セグメントが存在しない" {
		t.Errorf("review %v, comments %+v", s.review, s.comments)
	}
}

func TestReassess_BadInputChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	before := h.reviewState()
	tests := []struct{ in, want string }{
		{"reassess", "Type reassess 3-5 1 <reason>"},
		{"reassess 1-1", "To record your level, type reassess 1-1 <level> <reason>"},
		{"reassess 9-9 1 because", "There is no item 9-9"},
		{"reassess 1-1 7 because", "Type reassess 3-5 1 <reason>"},
		{"reassess 1-1 unsure because", "Type reassess 3-5 1 <reason>"},
		{"reassess 1-1 2", "Please give a reason"},
		{`reassess 1-1 2 ""`, "Please give a reason"},
		{"reassess 1-1 2 " + strings.Repeat("x", 2001), "too long (at most 2000 characters)"},
	}
	for _, tc := range tests {
		h.channel(lead, tc.in)
		if got := texts(h.rec.take()); !strings.Contains(got, tc.want) {
			t.Errorf("%.40q → %q, want %q", tc.in, got, tc.want)
		}
	}
	if after := h.reviewState(); !after.same(before) {
		t.Errorf("bad reassess input changed something: status %s, %d review answers, %d comments",
			after.eng.Status, len(after.review), len(after.comments))
	}
}

func TestClose_IsStaffOnlyAndEndsTheEngagement(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	for _, u := range []bot.UserRef{spoc, other} {
		res := h.channel(u, "close")
		if res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the lead or an assessor") {
			t.Errorf("%s: respond = %+v", u.ID, res.Respond)
		}
	}
	if s := h.reviewState(); s.eng.Status != bot.StatusSelfAssessment {
		t.Fatalf("a refused close moved the status to %s", s.eng.Status)
	}
	h.rec.take()
	h.channel(lead, "close")
	out := h.rec.take()
	if len(out) != 1 || out[0].Conversation != "C1" || !strings.Contains(out[0].Reply.Text, `The engagement "Plant A" is closed`) {
		t.Errorf("close sent:\n%s", texts(out))
	}
	s := h.reviewState()
	if s.eng.Status != bot.StatusClosed {
		t.Errorf("status %s, want closed", s.eng.Status)
	}
	res := h.channel(lead, "reassess 1-1 1 too late")
	if res.Respond == nil || !strings.Contains(res.Respond.Text, "No engagement is bound to this channel") {
		t.Errorf("reassess after close: respond = %+v", res.Respond)
	}
	if after := h.reviewState(); !after.same(s) {
		t.Error("reassess after close changed the engagement")
	}
	if err := h.engine.CloseEngagement(context.Background(), s.eng.ID); !errors.Is(err, engine.ErrClosed) {
		t.Errorf("closing again: %v, want ErrClosed", err)
	}
}

// A closed engagement is a record: in the SPOC's DM, answers, comments,
// presses and moves are refused privately and change nothing, while
// status stays readable.
func TestClose_DMAnswersCommentsAndPressesAreRefused(t *testing.T) {
	h := newHarness(t)
	q := h.setup("")
	h.channel(lead, "close")
	before := h.reviewState()
	h.rec.take()
	for _, ev := range []bot.Event{
		{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "2"},
		{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "we do this yearly"},
		{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "skip"},
		{Conversation: "DUSPOC", DM: true, User: spoc.ID, Text: "note 1-2 added later"},
		press(q, spoc, "3"),
	} {
		res := h.event(ev)
		if res.Respond == nil || !strings.Contains(res.Respond.Text, `"Plant A" is closed`) {
			t.Errorf("%q: respond = %+v", ev.Text, res.Respond)
		}
	}
	if out := h.rec.take(); len(out) != 0 {
		t.Errorf("refusals queued messages:\n%s", texts(out))
	}
	if after := h.reviewState(); !after.same(before) || len(h.answers()) != 0 {
		t.Error("a refused change was stored")
	}
	h.dm(spoc, "status")
	if got := texts(h.rec.take()); !strings.Contains(got, "0 of 32 items") {
		t.Errorf("status after close: %q", got)
	}
}

// With "not sure" items the self round stays open and makes no drafts; the
// first re-evaluation makes them, so the findings the assessors work on in
// chat are the ones the report would show, and a later one redrafts.
func TestReassess_FirstReEvaluationDraftsTheFindings(t *testing.T) {
	h, _ := newReportHarness(t)
	q := h.setup("")
	h.answerAll(q, func(item string) string {
		if item == "1-5" || item == "2-8" {
			return "unsure"
		}
		return cycle(h.mustPack(), "0", "1", "2", "3")(item)
	})
	count := func() int {
		var n int
		if err := h.db.View(context.Background(), func(tx bot.Tx) error {
			fs, err := tx.Findings(q.Engagement)
			n = len(fs)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("%d findings before any re-evaluation with the self round open; want none", n)
	}
	h.rec.take()
	h.channel(lead, "lang en")
	h.channel(lead, "reassess 3-5 0 no firewall between the IT network and the plant")
	if got := texts(h.rec.take()); !strings.Contains(got, "Draft findings are made from the re-evaluation") {
		t.Errorf("the first re-evaluation does not say drafts were made:\n%s", got)
	}
	if count() == 0 {
		t.Fatal("the first re-evaluation made no draft findings")
	}
	h.channel(lead, "reassess 3-6 1 vendor VPN is always on")
	if got := texts(h.rec.take()); !strings.Contains(got, "The draft findings now follow the re-evaluation") {
		t.Errorf("a later re-evaluation does not say the drafts were redone:\n%s", got)
	}
}
