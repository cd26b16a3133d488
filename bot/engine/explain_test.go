package engine_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

func TestExplain_WithoutModelGivesTheHelpTextAndSaysWhy(t *testing.T) {
	h := newHarness(t)
	h.setup("")
	help, _ := mustPack(t, h).Item("1-1")
	h.dm(spoc, "help")
	if got := texts(h.rec.take()); strings.Contains(got, "Type explain") {
		t.Errorf("help offers an explanation without a model: %q", got)
	}
	h.dm(spoc, "explain")
	got := texts(h.rec.take())
	if !strings.Contains(got, help.Help.EN) || !strings.Contains(got, "No language model is configured") {
		t.Errorf("explain = %q", got)
	}
}

func TestExplain_WithModelQueuesAJobAndAnswersInTheParticipantsLanguage(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "lang ja")
	h.rec.take()
	h.dm(spoc, "help")
	if got := texts(h.rec.take()); !strings.Contains(got, "explain（またはhelp more）") {
		t.Errorf("help does not offer the explanation: %q", got)
	}
	h.dm(spoc, "help more")
	if got := texts(h.rec.take()); !strings.Contains(got, "項目1-1のやさしい説明を言語モデルに依頼しました") {
		t.Fatalf("reply = %q", got)
	}
	if len(m.explainRequests()) != 0 {
		t.Fatal("the turn called the model")
	}
	out := h.tick(w)
	reqs := m.explainRequests()
	if len(reqs) != 1 || reqs[0].Item.ID != "1-1" || reqs[0].Lang != assessment.JA || reqs[0].Item.Help.JA == "" {
		t.Fatalf("requests = %+v", reqs)
	}
	if len(out) != 1 || out[0].Conversation != "DUSPOC" || !strings.Contains(out[0].Reply.Text, "やさしい説明：1-1") {
		t.Errorf("sent %+v", out)
	}
}

func TestExplain_NamedItemAndQuestionInTheChannel(t *testing.T) {
	m := newLangModel()
	h, w := newModelHarness(t, m)
	h.setup("")
	h.rec.take()
	h.channel(other, "explain 3-5 what is a conduit?")
	h.tick(w)
	reqs := m.explainRequests()
	if len(reqs) != 1 || reqs[0].Item.ID != "3-5" || reqs[0].Question != "what is a conduit?" {
		t.Fatalf("requests = %+v", reqs)
	}
	for cmd, want := range map[string]string{"explain 9-9": "There is no item 9-9", "explain": "Type explain <item>"} {
		h.channel(other, cmd)
		if got := texts(h.rec.take()); !strings.Contains(got, want) {
			t.Errorf("%q: reply %q, want %q", cmd, got, want)
		}
	}
}

func TestExplain_FailedModelFallsBackToTheHelpText(t *testing.T) {
	m := newLangModel()
	m.err = fmt.Errorf("fake: %w", bot.ErrModelAnswer)
	h, w := newModelHarness(t, m)
	h.setup("")
	h.dm(spoc, "explain")
	h.rec.take()
	var out []bot.Outgoing
	for range 3 {
		out = append(out, h.tick(w)...)
		h.clock.Advance(time.Hour)
	}
	help, _ := mustPack(t, h).Item("1-1")
	if len(out) != 1 || !strings.Contains(out[0].Reply.Text, help.Help.EN) || !strings.Contains(out[0].Reply.Text, "could not explain this") {
		t.Errorf("sent %s", texts(out))
	}
}
