package engine_test

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// remindersTo are the reminders among out sent to u.
func remindersTo(out []bot.Outgoing, u bot.UserRef) []string {
	var rs []string
	for _, o := range out {
		if o.User == u && strings.Contains(o.Reply.Text, "When you have a moment") {
			rs = append(rs, o.Reply.Text)
		}
	}
	return rs
}

// Reminders go to whoever holds an open item: once the SPOC has answered
// every item of theirs, only the idle delegate is reminded, with their own
// progress, on working days.
func TestReminder_GoesToTheDelegateHoldingTheOpenItem(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0)) // Monday
	q := r.setup("")
	r.channel(lead, "assign 3-7,3-8 <@UOTHER>")
	consent := lastQuestion(sentTo(r.rec.take(), other))
	r.event(press(consent, other, "accept"))
	dq := lastQuestion(sentTo(r.rec.take(), other))
	r.event(press(dq, other, "2")) // 3-7 answered, 3-8 open
	r.rec.take()
	asked := r.answerAs(q, spoc, "2")
	if len(asked) != 30 {
		t.Fatalf("the SPOC was asked %d items, want 30", len(asked))
	}
	r.rec.take()
	// Tuesday, Wednesday, Thursday idle: the third working day is Thursday
	// 3 December; Friday 4 December gets the reminder at 10:00.
	for _, at := range []string{"Tue", "Thu"} {
		day := map[string]int{"Tue": 1, "Thu": 3}[at]
		if out := r.tick(jst(12, day, 10, 0)); len(remindersTo(out, other))+len(remindersTo(out, spoc)) != 0 {
			t.Fatalf("%s: reminded too early:\n%s", at, texts(out))
		}
	}
	out := r.tick(jst(12, 4, 10, 0))
	got := remindersTo(out, other)
	if len(got) != 1 || !strings.Contains(got[0], "has 1 of 2 items answered") {
		t.Errorf("the delegate's reminders: %q\n%s", got, texts(out))
	}
	if rs := remindersTo(out, spoc); len(rs) != 0 {
		t.Errorf("the SPOC, who holds no open item, was reminded: %q", rs)
	}
}
