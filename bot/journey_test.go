package bot_test

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// spocMessages are the messages sent to a user outside the engagement channel.
func dmsTo(out []bot.Outgoing, u bot.UserRef) []bot.Outgoing {
	var dms []bot.Outgoing
	for _, o := range out {
		if o.User == u && o.Conversation != "C1" {
			dms = append(dms, o)
		}
	}
	return dms
}

// A participant's language comes from their own setting or their own
// platform locale, never from the locale of whoever caused the message:
// the lead's English locale on start must not make a SPOC, whose locale
// is not known yet, read English in an engagement whose first language is
// Japanese.
func TestLang_StartGreetsTheSPOCNotInTheLeadsLocale(t *testing.T) {
	h := newHarness(t)
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Locale: "en-US", Command: true,
		Text: "new Plant A spoc:<@USPOC> lead:<@ULEAD> lang:both"})
	h.rec.take()
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Locale: "en-US", Command: true, Text: "start"})
	dms := dmsTo(h.rec.take(), spoc)
	if len(dms) != 2 || dms[1].Reply.Question == nil {
		t.Fatalf("start sent the SPOC %+v", dms)
	}
	if !strings.Contains(dms[0].Reply.Text, "こんにちは") || strings.Contains(dms[0].Reply.Text, "Hello") {
		t.Errorf("greeting in the lead's locale: %q", dms[0].Reply.Text)
	}
	if q := dms[1].Reply.Question; !strings.Contains(q.Text, "か") {
		t.Errorf("first question in the lead's locale: %q", q.Text)
	}
	// The SPOC's own locale applies to what they cause.
	ev := press(dms[1].Reply.Question, spoc, "2")
	ev.Locale = "en-GB"
	h.event(ev)
	if q := lastQuestion(h.rec.take()); q == nil || !strings.Contains(q.Text, "?") || strings.Contains(q.Text, "ですか") {
		t.Errorf("after the SPOC's own English press: %+v", q)
	}
}

// When two SPOCs disagree, the one who answered first is told in their own
// language (here the engagement's first, as theirs is not known), not in
// the locale of the one answering now.
func TestLang_ConflictIsToldToTheOtherSPOCInTheirLanguage(t *testing.T) {
	h := newHarness(t)
	h.channel(lead, "new Plant A spoc:<@USPOC> spoc:<@USPOC2> lead:<@ULEAD> lang:both")
	h.channel(lead, "start")
	h.rec.take()
	h.dm(spoc, "2") // 1-1
	h.rec.take()
	h.event(bot.Event{Conversation: "DUSPOC2", DM: true, User: spoc2.ID, Locale: "en-US", Text: "goto 1-1"})
	h.rec.take()
	h.event(bot.Event{Conversation: "DUSPOC2", DM: true, User: spoc2.ID, Locale: "en-US", Text: "3"})
	dms := dmsTo(h.rec.take(), spoc)
	if len(dms) != 1 {
		t.Fatalf("the first SPOC was sent %+v", dms)
	}
	if got := dms[0].Reply.Text; !strings.Contains(got, "別の窓口担当者") {
		t.Errorf("conflict notice to the Japanese SPOC: %q", got)
	}
}
