package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/otassess/otassess/bot"
)

// engagementNamed is the stored engagement with that name.
func (h *harness) engagementNamed(name string) *bot.Engagement {
	h.t.Helper()
	var eng *bot.Engagement
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		named, err := tx.EngagementsNamed(name)
		if err == nil && len(named) == 1 {
			eng = named[0]
		}
		return err
	}); err != nil {
		h.t.Fatal(err)
	}
	return eng
}

// lastYearPlanned is last year's engagement Plant A, closed, with a plan of
// two actions: 1 done, 2 in progress and owned by the SPOC.
func lastYearPlanned(t *testing.T) *harness {
	h := planned(t)
	h.channel(lead, "action 1 owner:<@USPOC> due:2027-03-31")
	h.channel(lead, "action 2 owner:<@USPOC> due:2027-06-30")
	h.channel(lead, `action 1 done "Zones are defined."`)
	h.channel(lead, "action 2 doing")
	h.channel(lead, "close")
	h.rec.take()
	return h
}

func TestFollowUp_CarriesOverOpenActionsShowsLastYearAndTheTrend(t *testing.T) {
	h := lastYearPlanned(t)
	h.event(bot.Event{Conversation: "C1", User: lead.ID, Command: true,
		Text: "new Plant A 2027 spoc:<@USPOC|spoc> lead:<@ULEAD> lang:en from:\"Plant A\""})
	eng := h.engagementNamed("Plant A 2027")
	if eng == nil {
		t.Fatalf("no follow-up was created:\n%s", texts(h.rec.take()))
	}
	var actions []bot.Action
	var prev string
	if err := h.db.View(context.Background(), func(tx bot.Tx) error {
		var err error
		if actions, err = tx.Actions(eng.ID); err != nil {
			return err
		}
		prev, err = tx.PreviousOf(eng.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if prev != h.engagementNamed("Plant A").ID {
		t.Errorf("previous = %q", prev)
	}
	if len(actions) != 1 || actions[0].Number != 1 || actions[0].Status != bot.ActionDoing || actions[0].Owner != spoc ||
		actions[0].Due != "2027-06-30" || actions[0].Items[0] != "1-2" {
		t.Errorf("carried-over actions = %+v, want last year's action 2 only", actions)
	}
	h.rec.take()
	h.startAccepted()
	q := lastQuestion(h.rec.take())
	if q == nil || !strings.Contains(q.Text, "Last assessment (Plant A): 3 ") {
		t.Fatalf("the first question does not show last year's answer: %+v", q)
	}
	r, err := h.engine.Report(context.Background(), eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Trend == nil || r.Trend.Previous != "Plant A" || len(r.Trend.Categories) != 4 || r.Trend.Total.Previous == nil {
		t.Errorf("trend = %+v", r.Trend)
	}
}

func TestFollowUp_OnlyTheOldEngagementsStaffMayFollowIt(t *testing.T) {
	h := lastYearPlanned(t)
	for user, text := range map[string]string{
		other.ID: "new Stolen spoc:<@UOTHER> lead:<@UOTHER> from:\"Plant A\"",
		lead.ID:  "new Nowhere spoc:<@USPOC> lead:<@ULEAD> from:\"Plant Z\"",
	} {
		h.event(bot.Event{Conversation: "C1", User: user, Command: true, Text: text})
		if out := texts(h.rec.take()); !strings.Contains(out, "cannot be followed up") {
			t.Errorf("%s: told %q", text, out)
		}
	}
	if h.engagementNamed("Stolen") != nil || h.engagementNamed("Nowhere") != nil {
		t.Error("a refused follow-up was created")
	}
}
