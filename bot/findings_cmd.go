package bot

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot/catalog"
)

// cmdFindings (lead or assessor) lists the findings with their numbers.
func (t *turn) cmdFindings(in input) error {
	if len(in.args) > 0 {
		return t.reply("findings_usage")
	}
	list, err := t.tx.Findings(t.eng.ID)
	if err != nil {
		return err
	}
	return t.send(Reply{Text: FindingsText(t.pack, list, t.lang)})
}

// cmdDrafts (lead or assessor) regenerates the draft findings from the
// answers and lists them. While the model's drafts are still being made,
// it says so, lists the findings and changes nothing.
func (t *turn) cmdDrafts(in input) error {
	if len(in.args) > 0 {
		return t.reply("drafts_usage")
	}
	pending, err := t.tx.QueuedJobs(t.eng.ID, JobDraft)
	if err != nil {
		return err
	}
	if pending > 0 {
		list, err := t.tx.Findings(t.eng.ID)
		if err != nil {
			return err
		}
		return t.send(Reply{Text: catalog.Say(t.lang, "drafts_model_pending") + "\n\n" + FindingsText(t.pack, list, t.lang)})
	}
	list, queued, err := t.refreshDrafts()
	if err != nil {
		return err
	}
	text := FindingsText(t.pack, list, t.lang)
	if queued {
		text = catalog.Say(t.lang, "drafts_model_queued") + "\n\n" + text
	}
	return t.send(Reply{Text: text})
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
func findFinding(list []Finding, n int) (Finding, bool) {
	i := slices.IndexFunc(list, func(f Finding) bool { return f.Number == n })
	if i < 0 {
		return Finding{}, false
	}
	return list[i], true
}

// cmdApprove (lead or assessor) approves one or more findings by number:
// approve 3, approve 1 2 4. An unknown number changes nothing.
func (t *turn) cmdApprove(in input) error {
	nums, ok := findingNumbers(in.args)
	if !ok {
		return t.reply("approve_usage")
	}
	list, err := t.tx.Findings(t.eng.ID)
	if err != nil {
		return err
	}
	var todo []Finding
	for _, n := range nums {
		f, ok := findFinding(list, n)
		if !ok {
			return t.reply("finding_unknown", n)
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
	return t.send(Reply{Text: strings.Join(lines, "\n")})
}

func (t *turn) approve(f Finding) (string, error) {
	if f.Status == assessment.FindingApproved {
		return catalog.Say(t.lang, "finding_already_approved", f.Number), nil
	}
	f.Status, f.ChangedBy, f.UpdatedAt = assessment.FindingApproved, t.ev.UserRef(), t.now
	if err := t.tx.UpdateFinding(f); err != nil {
		return "", err
	}
	line := catalog.TextOf(func(l assessment.Lang) string {
		return strings.Join(append([]string{catalog.Say(l, "finding_approved", f.Number)}, staleNotes(f, l)...), " ")
	})
	return line.In(t.lang), nil
}

// cmdPriority (lead or assessor) moves a finding to a rank: priority 4 1.
// The others keep their order around it, numbered 1…n again.
func (t *turn) cmdPriority(in input) error {
	nums, ok := findingNumbers(in.args)
	if !ok || len(nums) != 2 {
		return t.reply("priority_usage")
	}
	list, err := t.tx.Findings(t.eng.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(list, func(f Finding) bool { return f.Number == nums[0] })
	if i < 0 {
		return t.reply("finding_unknown", nums[0])
	}
	moved := list[i]
	moved.ChangedBy = t.ev.UserRef()
	list = slices.Delete(list, i, i+1)
	rank := min(nums[1], len(list)+1)
	list = slices.Insert(list, rank-1, moved)
	list[rank-1].Priority = 0 // saved even when its number stays
	if err := Reprioritize(t.tx, list, t.now); err != nil {
		return err
	}
	return t.reply("priority_set", moved.Number, rank)
}

// editLang is the language of an edit: the text's own when it is Japanese
// or English, else the editor's (Japanese when they read both).
func (t *turn) editLang(text string) assessment.Lang {
	return textLang(text, t.lang)
}

func otherLang(l assessment.Lang) assessment.Lang {
	if l == assessment.JA {
		return assessment.EN
	}
	return assessment.JA
}

// staleNotes says which of a finding's languages predate an edit.
func staleNotes(f Finding, lang assessment.Lang) []string {
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
		return t.reply("finding_unknown_item", ids)
	case errors.Is(err, assessment.ErrFindingItems):
		return t.reply("finding_too_many_items", assessment.MaxFindingItems)
	}
	return t.reply("finding_no_items")
}

// queueFindingTranslation asks the worker to translate a finding's field
// that a person wrote into the other language, when the model is on. The
// translation fills that language and clears it from Stale.
func (t *turn) queueFindingTranslation(f Finding, field string, from, to assessment.Lang) (bool, error) {
	on, err := t.modelOn()
	if err != nil || !on {
		return false, err
	}
	_, err = t.tx.QueueJob(t.findingTranslateJob(f, field, from, to))
	return err == nil, err
}
