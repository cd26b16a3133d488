package engine_test

import (
	"strings"
	"testing"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
)

// actions are the first engagement's plan, by number.
func (h *harness) actions() []bot.Action {
	var out []bot.Action
	h.view(func(tx bot.Tx, id string) error {
		var err error
		out, err = tx.Actions(id)
		return err
	})
	return out
}

// planned is an engagement whose improvements 3-5 (#1) and 1-2 (#2) are
// approved, and plan has turned them into actions 1 and 2.
func planned(t *testing.T) *harness {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "1-2", "3-5")
	h.channel(lead, "approve 1 2")
	h.rec.take()
	h.channel(lead, "plan")
	return h
}

func TestPlan_TurnsApprovedImprovementsIntoActionsOnce(t *testing.T) {
	h := planned(t)
	out := texts(h.rec.take())
	as := h.actions()
	if len(as) != 2 || as[0].FindingNumber != 1 || as[0].Items[0] != "3-5" || as[0].Theme != assessment.ThemeTechnology ||
		as[1].Items[0] != "1-2" || as[1].Theme != assessment.ThemeGovernance || as[0].Status != bot.ActionOpen || as[0].Text.EN == "" {
		t.Fatalf("actions = %+v", as)
	}
	for _, want := range []string{"Countermeasure plan (new actions: 2)", "Countermeasure plan — actions: 2 (0 done, 0 in progress, 2 open, 0 dropped, 0 overdue)",
		"#1 [open] Technology · 3-5 · owner none yet · due not set"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q:\n%s", want, out)
		}
	}
	h.channel(lead, "plan")
	if n := len(h.actions()); n != 2 || !strings.Contains(texts(h.rec.take()), "(new actions: 0)") {
		t.Errorf("plan again: %d actions, want the same 2", n)
	}
}

func TestPlan_OnlyStaffPlanAndNothingToPlanIsSaid(t *testing.T) {
	h := newHarness(t)
	h.completeSelfRoundAt(h.setup(""), "3", "3-5")
	if res := h.channel(spoc, "plan"); res.Respond == nil || !res.Respond.Ephemeral {
		t.Errorf("the SPOC's plan was not refused privately: %+v", res.Respond)
	}
	h.rec.take()
	h.channel(lead, "plan")
	if out := texts(h.rec.take()); !strings.Contains(out, "There is no improvement to plan yet") || len(h.actions()) != 0 {
		t.Errorf("plan with no approved finding said:\n%s", out)
	}
}

func TestAction_SettingsProgressHistoryAndTheChannelLine(t *testing.T) {
	h := planned(t)
	h.channel(lead, "action 1 owner:<@USPOC> due:2027-03-31 theme:training")
	a := h.actions()[0]
	if a.Owner != spoc || a.Due != "2027-03-31" || a.Theme != assessment.ThemeTraining {
		t.Fatalf("action 1 = %+v", a)
	}
	if res := h.channel(spoc, "action 2 doing"); res.Respond == nil || !strings.Contains(res.Respond.Text, "Only the owner of action 2") {
		t.Errorf("the SPOC moved an action they do not own: %+v", res.Respond)
	}
	if res := h.channel(spoc, "action 1 due:2027-01-01"); res.Respond == nil || h.actions()[0].Due != "2027-03-31" {
		t.Errorf("the owner changed the due date: %+v", res.Respond)
	}
	h.channel(spoc, "action 1 doing")
	h.rec.take()
	h.channel(spoc, `action 1 done "The boundary firewall is in place."`)
	out := h.rec.take()
	var channel string
	for _, o := range out {
		if o.Reply.Channel {
			channel += o.Reply.Text
		}
	}
	if !strings.Contains(channel, "Action 1 is done (<@USPOC>): The boundary firewall is in place.") {
		t.Errorf("the channel was told %q", channel)
	}
	if a := h.actions()[0]; a.Status != bot.ActionDone || a.Note != "The boundary firewall is in place." {
		t.Errorf("action 1 after done = %+v", a)
	}
	h.channel(lead, "action 1 drop \"no\"")
	if a := h.actions()[0]; a.Status != bot.ActionDone {
		t.Errorf("a done action was dropped: %+v", a)
	}
	h.rec.take()
	h.channel(lead, "action 1")
	hist := texts(h.rec.take())
	for _, want := range []string{"created", "owner set to <@USPOC>", "due date set to 2027-03-31", "theme set to Training", "in progress",
		"done — The boundary firewall is in place."} {
		if !strings.Contains(hist, want) {
			t.Errorf("history lacks %q:\n%s", want, hist)
		}
	}
}

func TestAction_BadInputChangesNothing(t *testing.T) {
	h := planned(t)
	before := h.actions()
	h.rec.take()
	for text, want := range map[string]string{
		"action 9 doing":                   `There is no action "9"`,
		"action 1 due:2027-02-30":          `The due date "2027-02-30" is not a date`,
		"action 1 due:2026-01-01":          "The due date 2026-01-01 has passed",
		"action 1 theme:marketing":         `There is no theme "marketing"`,
		"action 1 owner:<@UOTHER>":         "<@UOTHER> does not take part in this engagement",
		"action 1 owner:<@USPOC> due:soon": `The due date "soon" is not a date`,
		"action 1 done":                    "Say what was done",
		"action 1 drop":                    "Give the reason for dropping it",
		"action 1 colour:red":              "action <number> shows an action",
	} {
		h.channel(lead, text)
		if out := texts(h.rec.take()); !strings.Contains(out, want) {
			t.Errorf("%s: told %q, want %q", text, out, want)
		}
	}
	after := h.actions()
	for i := range before {
		if before[i].Owner != after[i].Owner || before[i].Due != after[i].Due || before[i].Theme != after[i].Theme || before[i].Status != after[i].Status {
			t.Errorf("action %d changed: %+v → %+v", i+1, before[i], after[i])
		}
	}
}
