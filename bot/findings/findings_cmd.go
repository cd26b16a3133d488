package findings

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdFindings (lead or assessor) lists the findings with their numbers.
func (t *turn) cmdFindings(in bot.Command) error {
	if len(in.Args) > 0 {
		return t.Reply("findings_usage")
	}
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	return t.Send(bot.Reply{Text: Text(t.Pack(), list, t.Lang())})
}

// cmdDrafts (lead or assessor) regenerates the draft findings from the
// answers and lists them. While the model's drafts are still being made,
// it says so, lists the findings and changes nothing.
func (t *turn) cmdDrafts(in bot.Command) error {
	if len(in.Args) > 0 {
		return t.Reply("drafts_usage")
	}
	pending, err := t.Tx().QueuedJobs(t.Eng().ID, bot.JobDraft)
	if err != nil {
		return err
	}
	if pending > 0 {
		list, err := t.Tx().Findings(t.Eng().ID)
		if err != nil {
			return err
		}
		return t.Send(bot.Reply{Text: catalog.Say(t.Lang(), "drafts_model_pending") + "\n\n" + Text(t.Pack(), list, t.Lang())})
	}
	list, queued, err := t.refreshDrafts()
	if err != nil {
		return err
	}
	text := Text(t.Pack(), list, t.Lang())
	if queued {
		text = catalog.Say(t.Lang(), "drafts_model_queued") + "\n\n" + text
	}
	return t.Send(bot.Reply{Text: text})
}

// findingNumbers reads finding numbers: positive integers, # allowed.
func findingNumbers(args []string) ([]int, bool) {
	var out []int
	for _, a := range args {
		n, err := strconv.Atoi(strings.TrimPrefix(a, "#"))
		if err != nil || n <= 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

// findFinding returns the current finding numbered n.
func findFinding(list []bot.Finding, n int) (bot.Finding, bool) {
	i := slices.IndexFunc(list, func(f bot.Finding) bool { return f.Number == n })
	if i < 0 {
		return bot.Finding{}, false
	}
	return list[i], true
}

// cmdApprove (lead or assessor) approves one or more findings by number:
// approve 3, approve 1 2 4. An unknown number changes nothing.
func (t *turn) cmdApprove(in bot.Command) error {
	nums, ok := findingNumbers(in.Args)
	if !ok {
		return t.Reply("approve_usage")
	}
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	var todo []bot.Finding
	for _, n := range nums {
		f, ok := findFinding(list, n)
		if !ok {
			return t.Reply("finding_unknown", n)
		}
		todo = append(todo, f)
	}
	var lines []string
	for _, f := range todo {
		line, err := t.approve(f)
		if err != nil {
			return err
		}
		lines = append(lines, line)
	}
	return t.Send(bot.Reply{Text: strings.Join(lines, "\n")})
}

func (t *turn) approve(f bot.Finding) (string, error) {
	if f.Status == assessment.FindingApproved {
		return catalog.Say(t.Lang(), "finding_already_approved", f.Number), nil
	}
	f.Status, f.ChangedBy, f.UpdatedAt = assessment.FindingApproved, t.Event().UserRef(), t.Now()
	if err := t.Tx().UpdateFinding(f); err != nil {
		return "", err
	}
	line := catalog.TextOf(func(l assessment.Lang) string {
		return strings.Join(append([]string{catalog.Say(l, "finding_approved", f.Number)}, staleNotes(f, l)...), " ")
	})
	return line.In(t.Lang()), nil
}

// cmdPriority (lead or assessor) moves a finding to a rank: priority 4 1.
// The others keep their order around it, numbered 1…n again.
func (t *turn) cmdPriority(in bot.Command) error {
	nums, ok := findingNumbers(in.Args)
	if !ok || len(nums) != 2 {
		return t.Reply("priority_usage")
	}
	list, err := t.Tx().Findings(t.Eng().ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(f bot.Finding) bool { return f.Number == nums[0] })
	if i < 0 {
		return t.Reply("finding_unknown", nums[0])
	}
	moved := list[i]
	moved.ChangedBy = t.Event().UserRef()
	list = slices.Delete(list, i, i+1)
	rank := min(nums[1], len(list)+1)
	list = slices.Insert(list, rank-1, moved)
	list[rank-1].Priority = 0 // saved even when its number stays
	if err := Reprioritize(t.Tx(), list, t.Now()); err != nil {
		return err
	}
	return t.Reply("priority_set", moved.Number, rank)
}

// editLang is the language of an edit: the text's own when it is Japanese
// or English, else the editor's (Japanese when they read both).
func (t *turn) editLang(text string) assessment.Lang {
	return bot.TextLang(text, t.Lang())
}

func otherLang(l assessment.Lang) assessment.Lang {
	if l == assessment.JA {
		return assessment.EN
	}
	return assessment.JA
}

// staleNotes says which of a finding's languages predate an edit.
func staleNotes(f bot.Finding, lang assessment.Lang) []string {
	var out []string
	for _, l := range f.Stale {
		out = append(out, catalog.Inline(lang, "finding_stale", catalog.Message("lang_"+string(l))))
	}
	return out
}

// itemsReply is the reply to cited items that cannot be used.
func (t *turn) itemsReply(err error, ids string) error {
	switch {
	case errors.Is(err, assessment.ErrUnknownNamedItem):
		return t.Reply("finding_unknown_item", ids)
	case errors.Is(err, assessment.ErrFindingItems):
		return t.Reply("finding_too_many_items", assessment.MaxFindingItems)
	}
	return t.Reply("finding_no_items")
}

// queueFindingTranslation asks the worker to translate a finding's field
// that a person wrote into the other language, when the model is on. The
// translation fills that language and clears it from Stale.
func (t *turn) queueFindingTranslation(f bot.Finding, field string, from, to assessment.Lang) (bool, error) {
	on, err := t.ModelOn()
	if err != nil || !on {
		return false, err
	}
	_, err = t.Tx().QueueJob(t.findingTranslateJob(f, field, from, to))
	return err == nil, err
}

// findingTranslateJob translates a finding's field (FieldRisk or
// FieldDirection) that a person wrote in one language into the other. It is
// due at once: an assessor waits at the screen for the other language.
func (t *turn) findingTranslateJob(f bot.Finding, field string, src, target assessment.Lang) bot.Job {
	return bot.Job{EngagementID: t.Eng().ID, Kind: bot.JobTranslate, FindingID: f.ID, Params: bot.JobParams{Field: field},
		Source: src, Target: target, CreatedAt: t.Now(), NotBefore: t.Now(),
		ReplyTo: bot.Outgoing{Platform: t.Eng().Platform, Conversation: t.Eng().Channel}}
}
